import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSealedSecretRef, maskSealedRef, openRemoteSecret, SealedSecretError, sealRemoteSecret } from '../../../../electron/secrets/sealed-remote-secret';
import { storeKeys } from '../../../../electron/store/crypto/store-keys';
import { KeyMaterial } from '../../../../electron/store/crypto/keys/key-material';
import { keyFileSource, newKeyFile } from '../../../support/encrypted-store';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { secretForms } from '../../../security/secrets/secret-fixture';

const tempDir = useTempDirs();
const SECRET = 'pw-Zr8q!sextant-remote';

const storeOf = (id: string, fill = 1) => ({ id, keys: storeKeys(new KeyMaterial(Buffer.alloc(32, fill))) });

describe('a remote secret sealed in an encrypted store', () => {
  it('opens for the same store and remote, and its reference shows the secret in no form', () => {
    const store = storeOf('store-1');
    const ref = sealRemoteSecret(store, 'team', SECRET);
    expect(isSealedSecretRef(ref)).toBe(true);
    for (const { form, bytes } of secretForms(SECRET, 'ana')) expect(ref.includes(bytes.toString('latin1')), form).toBe(false);
    expect(openRemoteSecret(store, 'team', ref)).toBe(SECRET);
    // a fresh nonce each time: the same secret never seals alike
    expect(sealRemoteSecret(store, 'team', SECRET)).not.toBe(ref);
    expect(maskSealedRef(ref)).toBe('sealed:v1:********');
    expect(maskSealedRef('TEAM_TOKEN')).toBe('TEAM_TOKEN');
  });

  it('does not open for another remote, another store, another key, or once a bit flipped; the error names the remote, never the secret', () => {
    const store = storeOf('store-1');
    const ref = sealRemoteSecret(store, 'team', SECRET);
    const flipped = Buffer.from(ref.slice('sealed:v1:'.length), 'base64url');
    flipped[20]! ^= 1;
    const attempts: [string, () => string][] = [
      ['other remote', () => openRemoteSecret(store, 'other', ref)],
      ['other store id', () => openRemoteSecret({ ...store, id: 'store-2' }, 'team', ref)],
      ['other data key', () => openRemoteSecret(storeOf('store-1', 2), 'team', ref)],
      ['flipped bit', () => openRemoteSecret(store, 'team', `sealed:v1:${flipped.toString('base64url')}`)],
      ['truncated', () => openRemoteSecret(store, 'team', ref.slice(0, 30))],
      ['masked', () => openRemoteSecret(store, 'team', maskSealedRef(ref))],
    ];
    for (const [what, open] of attempts) {
      let err: unknown;
      try {
        open();
      } catch (e) {
        err = e;
      }
      expect(err, what).toBeInstanceOf(SealedSecretError);
      expect((err as Error).message, what).not.toContain(SECRET);
      expect((err as Error).message, what).toMatch(/remote '(team|other)'/);
    }
  });

  it('is refused by a plain store, and a plain store cannot open one (the store was decrypted): says to enter it again', () => {
    expect(() => sealRemoteSecret({ id: 's', keys: null }, 'team', SECRET)).toThrow(/not encrypted/);
    const ref = sealRemoteSecret(storeOf('s'), 'team', SECRET);
    expect(() => openRemoteSecret({ id: 's', keys: null }, 'team', ref)).toThrow(/not encrypted any more.*enter it again/);
    expect(() => sealRemoteSecret(storeOf('s'), 'team', '')).toThrow(SealedSecretError);
  });

  it('still opens after the store is rekeyed (the data key does not change), and not with the old key file', async () => {
    const dir = tempDir();
    const oldKey = keyFileSource(newKeyFile(dir));
    const newKeyDir = join(dir, 'new');
    mkdirSync(newKeyDir);
    const newKey = keyFileSource(newKeyFile(newKeyDir));
    const t = await openTestStore(join(dir, 'store'), { key: oldKey });
    const ref = sealRemoteSecret(t.store, 'team', SECRET);
    await t.store.rekey(oldKey, newKey);
    await t.store.close();
    await expect(openTestStore(join(dir, 'store'), { key: oldKey })).rejects.toThrow();
    const again = await openTestStore(join(dir, 'store'), { key: newKey });
    expect(openRemoteSecret(again.store, 'team', ref)).toBe(SECRET);
    await again.store.close();
  });
});
