import { scryptSync } from 'node:crypto';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrapDataKey } from '../../../../../../electron/store/crypto/keys/envelope';
import { withDigest, type EncryptionHeader, type UndigestedHeader } from '../../../../../../electron/store/crypto/keys/encryption-header';
import type { KekSource } from '../../../../../../electron/store/crypto/keys/kek-source';
import { StoreKeyError, type StoreKeyErrorCode } from '../../../../../../electron/store/crypto/keys/key-errors';
import { KeyMaterial } from '../../../../../../electron/store/crypto/keys/key-material';
import { createEncryption, rekey, unlock } from '../../../../../../electron/store/crypto/keys/store-encryption';
import { encodingsOf, fakeKeychain, flipBit, keyFileAt, tempDir } from './fixtures';

const small = { N: 2 ** 10, r: 8, p: 1 };
const storeId = '4b1e7c0de1c0ffee';
const KEY_A = Buffer.from('a1'.repeat(32), 'hex');
const KEY_B = Buffer.from('b2'.repeat(32), 'hex');
const PASSPHRASE = 'tr0ub4dor&3 marker-passphrase';

let dir: string;
let cleanup: () => void;
let storeDir: string;
let fileA: KekSource;
let fileB: KekSource;
const pass: KekSource = { kind: 'passphrase', passphrase: PASSPHRASE, scrypt: small };
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  storeDir = join(dir, 'store');
  fileA = { kind: 'key-file', path: keyFileAt(dir, 'a.key', `${KEY_A.toString('hex')}\n`) };
  fileB = { kind: 'key-file', path: keyFileAt(dir, 'b.key', KEY_B) };
});
afterEach(() => cleanup());

/** Everything that went wrong, so the last test can check no message holds a secret. */
const messages: string[] = [];
async function refusal(p: Promise<unknown>, code: StoreKeyErrorCode): Promise<string> {
  const err = await p.then(
    () => {
      throw new Error(`expected a ${code} refusal`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreKeyError);
  expect((err as StoreKeyError).code).toBe(code);
  const text = `${(err as Error).message}\n${inspect(err)}`;
  messages.push(text);
  return (err as Error).message;
}

const json = (h: EncryptionHeader): unknown => JSON.parse(JSON.stringify(h));
const open = (header: unknown, source?: KekSource) => unlock({ header, storeId, storeDir }, source);
/** A header edited and given a matching digest: what a careful tamperer would write. */
const redigest = (h: EncryptionHeader, edit: Partial<UndigestedHeader>): EncryptionHeader => {
  const { digest: _digest, ...rest } = h;
  return withDigest({ ...rest, ...edit } as UndigestedHeader);
};

describe('createEncryption and unlock', () => {
  it.each([
    ['a key file', () => fileA],
    ['a passphrase', () => pass],
    ['the OS keychain', () => ({ kind: 'os-keychain', keychain: fakeKeychain() }) as KekSource],
  ])('round-trips the data key with %s, through store.json', async (_what, source) => {
    const src = source();
    const { header, dek } = await createEncryption({ storeId, storeDir }, src);
    expect(header).toMatchObject({ version: 1, cipher: 'aes-256-gcm', keyKind: src.kind });
    expect(dek.length).toBe(32);
    const again = await open(json(header), src);
    expect(again.equals(dek)).toBe(true);
  });

  it('gives each store its own data key and a random key id', async () => {
    const a = await createEncryption({ storeId, storeDir }, fileA);
    const b = await createEncryption({ storeId, storeDir }, fileA);
    expect(a.dek.equals(b.dek)).toBe(false);
    expect(a.header.keyId).not.toBe(b.header.keyId);
  });

  it('records the scrypt parameters and salt it used, and unlock uses them', async () => {
    const { header, dek } = await createEncryption({ storeId, storeDir }, pass);
    if (header.keyKind !== 'passphrase') throw new Error('expected a passphrase header');
    expect(header.kdf).toMatchObject({ name: 'scrypt', ...small });
    const kek = new KeyMaterial(scryptSync(PASSPHRASE, Buffer.from(header.kdf.salt, 'base64'), 32, small));
    const ctx = { version: 1, storeId, keyId: header.keyId, keyKind: 'passphrase' };
    expect(unwrapDataKey(kek, Buffer.from(header.wrappedKey, 'base64'), ctx)!.equals(dek)).toBe(true);
    // The same passphrase at other (digest-consistent) parameters is another key.
    const raised = redigest(header, { kdf: { ...header.kdf, N: 2 ** 11 } } as Partial<UndigestedHeader>);
    await refusal(open(raised, pass), 'wrong-key');
  });

  it('uses N=2^17, r=8, p=1 by default', async () => {
    const { header } = await createEncryption({ storeId, storeDir }, { kind: 'passphrase', passphrase: 'p' });
    expect(header.keyKind === 'passphrase' && header.kdf).toMatchObject({ N: 131072, r: 8, p: 1 });
  });

  it('says which key is missing when none is given, or one of another kind', async () => {
    const byFile = (await createEncryption({ storeId, storeDir }, fileA)).header;
    const byPass = (await createEncryption({ storeId, storeDir }, pass)).header;
    const byChain = (await createEncryption({ storeId, storeDir }, { kind: 'os-keychain', keychain: fakeKeychain() })).header;
    expect(await refusal(open(byFile), 'key-missing')).toBe(`store ${storeDir} is encrypted with a key file; pass --key-file FILE`);
    expect(await refusal(open(byFile, pass), 'key-missing')).toBe(`store ${storeDir} is encrypted with a key file, not a passphrase; pass --key-file FILE`);
    expect(await refusal(open(byPass, fileA), 'key-missing')).toBe(`store ${storeDir} is encrypted with a passphrase, not a key file; enter its passphrase to unlock it`);
    expect(await refusal(open(byChain), 'key-missing')).toMatch(new RegExp(`^store ${storeDir} is encrypted with the OS keychain; open it in the Sextant app`));
  });

  it('refuses a wrong key file, passphrase or keychain, naming it and the store', async () => {
    const byFile = (await createEncryption({ storeId, storeDir }, fileA)).header;
    expect(await refusal(open(byFile, fileB), 'wrong-key')).toBe(`the key in ${(fileB as { path: string }).path} does not open store ${storeDir}`);
    const byPass = (await createEncryption({ storeId, storeDir }, pass)).header;
    expect(await refusal(open(byPass, { ...pass, passphrase: 'wrong' }), 'wrong-key')).toBe(`the passphrase does not open store ${storeDir}`);
    const byChain = (await createEncryption({ storeId, storeDir }, { kind: 'os-keychain', keychain: fakeKeychain() })).header;
    expect(await refusal(open(byChain, { kind: 'os-keychain', keychain: fakeKeychain() }), 'wrong-key')).toBe(`this computer's keychain does not hold the key of store ${storeDir} (it was encrypted by the keychain of another computer or user)`);
  });

  it('refuses a header moved to another store as a wrong key', async () => {
    const { header } = await createEncryption({ storeId, storeDir }, fileA);
    await refusal(unlock({ header, storeId: 'another-store', storeDir }, fileA), 'wrong-key');
  });

  it('refuses an unsafe key file before trying it', async () => {
    const { header } = await createEncryption({ storeId, storeDir }, fileA);
    const loose = keyFileAt(dir, 'loose.key', KEY_A, 0o644);
    if (process.platform !== 'win32') expect(await refusal(open(header, { kind: 'key-file', path: loose }), 'key-file-refused')).toContain(`chmod 600 ${loose}`);
  });

  it('never falls back to a keychain without protection', async () => {
    await refusal(createEncryption({ storeId, storeDir }, { kind: 'os-keychain', keychain: fakeKeychain({ available: false }) }), 'keychain-unavailable');
    const basic = { kind: 'os-keychain', keychain: fakeKeychain({ backend: 'basic_text' }), platform: 'linux' } as const;
    expect(await refusal(createEncryption({ storeId, storeDir }, basic), 'keychain-unavailable')).toMatch(/no secret service .* use a passphrase or a key file instead$/);
    const keychain = fakeKeychain();
    const { header } = await createEncryption({ storeId, storeDir }, { kind: 'os-keychain', keychain });
    await refusal(open(header, { kind: 'os-keychain', keychain: { ...keychain, isEncryptionAvailable: () => false } }), 'keychain-unavailable');
  });
});

describe('damage to the key header', () => {
  it.each([
    ['wrappedKey', (h: EncryptionHeader) => ({ wrappedKey: flipBit(h.wrappedKey, 200) })],
    ['keyCheck', (h: EncryptionHeader) => ({ keyCheck: flipBit(h.keyCheck, 3) })],
    ['keyId', (h: EncryptionHeader) => ({ keyId: flipBit(h.keyId, 9, 'base64url') })],
    ['salt', (h: EncryptionHeader) => (h.keyKind === 'passphrase' ? { kdf: { ...h.kdf, salt: flipBit(h.kdf.salt, 77) } } : {})],
  ])('reports a flipped bit in %s as damage', async (_field, edit) => {
    const { header } = await createEncryption({ storeId, storeDir }, pass);
    const flipped = { ...header, ...edit(header) };
    expect(flipped).not.toEqual(header);
    expect(await refusal(open(json(flipped as EncryptionHeader), pass), 'key-header-damaged')).toBe(`store ${storeDir}'s key header is damaged (its digest does not match its fields); restore store.json from a backup`);
  });

  it('with a matching digest: a changed wrapped key, key id or salt no longer opens; a changed key check is damage', async () => {
    const { header } = await createEncryption({ storeId, storeDir }, pass);
    if (header.keyKind !== 'passphrase') throw new Error('expected a passphrase header');
    await refusal(open(redigest(header, { wrappedKey: flipBit(header.wrappedKey, 300) }), pass), 'wrong-key');
    await refusal(open(redigest(header, { keyId: flipBit(header.keyId, 0, 'base64url') }), pass), 'wrong-key');
    await refusal(open(redigest(header, { kdf: { ...header.kdf, salt: flipBit(header.kdf.salt, 5) } } as Partial<UndigestedHeader>), pass), 'wrong-key');
    const msg = await refusal(open(redigest(header, { keyCheck: flipBit(header.keyCheck, 255) }), pass), 'key-header-damaged');
    expect(msg).toBe(`store ${storeDir}'s key header is damaged (the key opens it, but its key check does not match); restore store.json from a backup`);
  });

  it('reports a header that does not parse as damage', async () => {
    await refusal(open({ version: 1, keyKind: 'key-file' }, fileA), 'key-header-damaged');
    await refusal(open(undefined, fileA), 'key-header-damaged');
  });
});

describe('rekey', () => {
  it('rewraps the same data key: key file → passphrase → keychain → key file', async () => {
    const { header: h1, dek } = await createEncryption({ storeId, storeDir }, fileA);
    const keychain = fakeKeychain();
    const h2 = await rekey({ header: h1, storeId, storeDir }, dek, pass);
    expect(h2.keyKind).toBe('passphrase');
    expect(h2.keyId).not.toBe(h1.keyId);
    expect(h2.keyCheck).toBe(h1.keyCheck);
    expect((await open(json(h2), pass)).equals(dek)).toBe(true);
    await refusal(open(h2, fileA), 'key-missing');
    const h3 = await rekey({ header: h2, storeId, storeDir }, dek, { kind: 'os-keychain', keychain });
    expect((await open(h3, { kind: 'os-keychain', keychain })).equals(dek)).toBe(true);
    const h4 = await rekey({ header: h3, storeId, storeDir }, dek, fileB);
    expect((await open(json(h4), fileB)).equals(dek)).toBe(true);
    await refusal(open(h4, fileA), 'wrong-key');
  });

  it('rekeys a passphrase to a new one with a new salt', async () => {
    const { header, dek } = await createEncryption({ storeId, storeDir }, pass);
    const next = await rekey({ header, storeId, storeDir }, dek, { ...pass, passphrase: 'new words' });
    expect(next.keyKind === 'passphrase' && header.keyKind === 'passphrase' && next.kdf.salt !== header.kdf.salt).toBe(true);
    await refusal(open(next, pass), 'wrong-key');
    expect((await open(next, { ...pass, passphrase: 'new words' })).equals(dek)).toBe(true);
  });

  it('refuses to wrap a data key that is not the store’s', async () => {
    const { header } = await createEncryption({ storeId, storeDir }, fileA);
    await expect(rekey({ header, storeId, storeDir }, KeyMaterial.random(32), fileB)).rejects.toThrow(/not the store's/);
  });
});

describe('key hygiene', () => {
  it('puts no key, key file content, passphrase or data key in any message or header', async () => {
    const { header, dek } = await createEncryption({ storeId, storeDir }, fileA);
    await refusal(open(header, fileB), 'wrong-key');
    await refusal(open(header, { kind: 'key-file', path: keyFileAt(dir, 'loose', KEY_A, 0o666) }), process.platform === 'win32' ? 'wrong-key' : 'key-file-refused');
    await refusal(open(header, { kind: 'key-file', path: keyFileAt(dir, 'long', `${KEY_A.toString('hex')}\n\n`) }), 'key-file-refused');
    const ph = (await createEncryption({ storeId, storeDir }, pass)).header;
    await refusal(open(ph, { ...pass, passphrase: `${PASSPHRASE}!` }), 'wrong-key');
    expect(messages.length).toBeGreaterThan(10);
    const secrets = [...encodingsOf(KEY_A), ...encodingsOf(KEY_B), ...encodingsOf(dek.bytes), PASSPHRASE, 'marker-passphrase'];
    const texts = [...messages, JSON.stringify(header), JSON.stringify(ph), inspect(dek), JSON.stringify({ dek })];
    for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
