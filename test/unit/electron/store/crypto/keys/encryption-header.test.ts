import { describe, expect, it } from 'vitest';
import { EncryptionHeader, headerDigest, parseEncryptionHeader, withDigest, type UndigestedHeader } from '../../../../../../electron/store/crypto/keys/encryption-header';
import { StoreKeyError } from '../../../../../../electron/store/crypto/keys/key-errors';

const b64 = (n: number, fill = 1) => Buffer.alloc(n, fill).toString('base64');
const base: UndigestedHeader = { version: 1, cipher: 'aes-256-gcm', keyKind: 'key-file', keyId: 'AAAAAAAAAAAAAAAAAAAAAA', wrappedKey: b64(60), keyCheck: b64(32) };
const passphrase: UndigestedHeader = { ...base, keyKind: 'passphrase', kdf: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1, salt: b64(16) } };
const keychain: UndigestedHeader = { ...base, keyKind: 'os-keychain', keychainKek: b64(80) };

function damage(raw: unknown): StoreKeyError {
  try {
    parseEncryptionHeader(raw, '/stores/x');
  } catch (err) {
    expect(err).toBeInstanceOf(StoreKeyError);
    return err as StoreKeyError;
  }
  throw new Error('expected a refusal');
}

describe('encryption header', () => {
  it.each([['key-file', base], ['passphrase', passphrase], ['os-keychain', keychain]])('parses a %s header that went through JSON', (_kind, h) => {
    const header = withDigest(h);
    expect(parseEncryptionHeader(JSON.parse(JSON.stringify(header)), '/stores/x')).toEqual(header);
  });

  it('reports a field that does not fit as a damaged header, naming the store and the field', () => {
    const cases: unknown[] = [
      null,
      'x',
      { ...withDigest(base), wrappedKey: b64(59) },
      { ...withDigest(base), keyCheck: `${b64(32)}=` },
      { ...withDigest(base), keyId: 'short' },
      { ...withDigest(base), cipher: 'aes-128-cbc' },
      { ...withDigest(base), keyKind: 'rot13' },
      { ...withDigest(base), extra: 1 },
      withDigest({ ...passphrase, kdf: { name: 'scrypt', N: 1000, r: 8, p: 1, salt: b64(16) } }),
      withDigest({ ...passphrase, kdf: { name: 'scrypt', N: 2 ** 9, r: 8, p: 1, salt: b64(16) } }),
      withDigest({ ...passphrase, kdf: { name: 'scrypt', N: 2 ** 20, r: 16, p: 1, salt: b64(16) } }),
      withDigest({ ...passphrase, kdf: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1, salt: b64(8) } }),
      { ...withDigest(base), kdf: passphrase.keyKind === 'passphrase' ? passphrase.kdf : null },
    ];
    for (const raw of cases) {
      const err = damage(raw);
      expect(err.code).toBe('key-header-damaged');
      expect(err.message).toMatch(/^store \/stores\/x's key header is damaged \(.+\); restore store.json from a backup$/);
    }
    expect(damage({ ...withDigest(base), wrappedKey: b64(59) }).message).toContain("field 'wrappedKey'");
  });

  it('reports a digest that does not match its fields as damage', () => {
    const header = withDigest(passphrase);
    const edited = { ...header, kdf: { ...(header as { kdf: object }).kdf, N: 2 ** 18 } };
    expect(damage(edited).message).toContain('its digest does not match its fields');
    expect(damage({ ...header, digest: b64(32, 7) }).code).toBe('key-header-damaged');
  });

  it('refuses a newer version as such', () => {
    const err = damage({ ...withDigest(base), version: 2 });
    expect(err.code).toBe('key-header-unsupported');
    expect(err.message).toBe("store /stores/x's key header is version 2; this Sextant reads version 1: upgrade Sextant to open it");
  });

  it('digests every field', () => {
    const d = headerDigest(keychain);
    expect(headerDigest({ ...keychain, keychainKek: b64(80, 2) } as UndigestedHeader)).not.toBe(d);
    expect(headerDigest({ ...keychain, keyId: 'BAAAAAAAAAAAAAAAAAAAAA' })).not.toBe(d);
    expect(EncryptionHeader.safeParse(withDigest(keychain)).success).toBe(true);
  });
});
