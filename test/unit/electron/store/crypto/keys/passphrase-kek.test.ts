import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StoreKeyError } from '../../../../../../electron/store/crypto/keys/key-errors';
import { DEFAULT_SCRYPT, derivePassphraseKek, newScryptSalt, scryptMemoryBytes } from '../../../../../../electron/store/crypto/keys/passphrase-kek';

const small = { N: 2 ** 10, r: 8, p: 1 };

describe('passphrase KEK', () => {
  it('is scrypt of the passphrase at the given parameters', async () => {
    const salt = newScryptSalt();
    expect(salt.length).toBe(16);
    const kek = await derivePassphraseKek('correct horse', salt, small);
    expect(kek.bytes.equals(scryptSync('correct horse', salt, 32, small))).toBe(true);
    const other = await derivePassphraseKek('correct horse', salt, { ...small, N: 2 ** 11 });
    expect(other.equals(kek)).toBe(false);
  });

  it('normalises the passphrase to NFC, so the same words typed on any OS give the same key', async () => {
    const salt = newScryptSalt();
    const composed = await derivePassphraseKek('caf\u00e9', salt, small);
    const decomposed = await derivePassphraseKek('cafe\u0301', salt, small);
    expect(composed.equals(decomposed)).toBe(true);
  });

  it('refuses an empty passphrase', async () => {
    await expect(derivePassphraseKek('', newScryptSalt(), small)).rejects.toSatisfy((e) => e instanceof StoreKeyError && e.code === 'passphrase-refused');
  });

  it('runs at the default parameters (N=2^17, r=8, p=1) above node’s default maxmem', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    expect(scryptMemoryBytes(DEFAULT_SCRYPT)).toBeGreaterThan(32 * 1024 * 1024);
    const kek = await derivePassphraseKek('pw', Buffer.alloc(16), DEFAULT_SCRYPT);
    expect(kek.length).toBe(32);
  });
});
