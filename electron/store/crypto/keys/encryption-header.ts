import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { KEY_CHECK_BYTES, WRAPPED_KEY_BYTES } from './envelope';
import { StoreKeyError } from './key-errors';
import { SCRYPT_LIMITS, SCRYPT_SALT_BYTES, scryptMemoryBytes } from './passphrase-kek';

/** The key header format this build reads and writes. */
export const ENCRYPTION_HEADER_VERSION = 1;

/** Canonical base64 (what Buffer#toString('base64') writes) of exactly `bytes` bytes, or any length ≤ max. */
const base64 = (size: { bytes: number } | { max: number }) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .refine((s) => Buffer.from(s, 'base64').toString('base64') === s, 'not canonical base64')
    .refine((s) => {
      const n = Buffer.from(s, 'base64').length;
      return 'bytes' in size ? n === size.bytes : n > 0 && n <= size.max;
    }, 'wrong length');

const Scrypt = z
  .strictObject({
    name: z.literal('scrypt'),
    N: z.number().int().refine((n) => Number.isInteger(Math.log2(n)) && Math.log2(n) >= SCRYPT_LIMITS.minLogN && Math.log2(n) <= SCRYPT_LIMITS.maxLogN, 'N must be a power of two in range'),
    r: z.number().int().min(1).max(SCRYPT_LIMITS.maxR),
    p: z.number().int().min(1).max(SCRYPT_LIMITS.maxP),
    salt: base64({ bytes: SCRYPT_SALT_BYTES }),
  })
  .refine((k) => scryptMemoryBytes(k) <= SCRYPT_LIMITS.maxMemoryBytes, 'scrypt parameters need too much memory');

const common = {
  version: z.literal(ENCRYPTION_HEADER_VERSION),
  cipher: z.literal('aes-256-gcm'),
  /** Random (never derived from a key), new at every wrap: names the current wrapping. */
  keyId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  /** base64(nonce | AES-256-GCM(KEK, DEK) | tag), AAD = version, storeId, keyId, keyKind. */
  wrappedKey: base64({ bytes: WRAPPED_KEY_BYTES }),
  /** base64(HMAC-SHA256 under the DEK's 'key-check' subkey): tells a damaged header from a wrong key. */
  keyCheck: base64({ bytes: KEY_CHECK_BYTES }),
  /** base64(SHA-256 of the other fields): accidental damage is reported as damage, not as a wrong key. */
  digest: base64({ bytes: 32 }),
};

/** The `encryption` field of store.json: all a store shows before it is unlocked. */
export const EncryptionHeader = z.discriminatedUnion('keyKind', [
  z.strictObject({ ...common, keyKind: z.literal('key-file') }),
  z.strictObject({ ...common, keyKind: z.literal('passphrase'), kdf: Scrypt }),
  /** keychainKek: the key-encryption key sealed by the OS keychain (safeStorage), base64. */
  z.strictObject({ ...common, keyKind: z.literal('os-keychain'), keychainKek: base64({ max: 4096 }) }),
]);
export type EncryptionHeader = z.infer<typeof EncryptionHeader>;
export type KeyKind = EncryptionHeader['keyKind'];

type Undigested<H> = H extends unknown ? Omit<H, 'digest'> : never;
export type UndigestedHeader = Undigested<EncryptionHeader>;

/** SHA-256 over the header's fields in a fixed order (the digest itself left out). */
export function headerDigest(h: UndigestedHeader): string {
  const kindFields = h.keyKind === 'passphrase' ? [h.kdf.name, h.kdf.N, h.kdf.r, h.kdf.p, h.kdf.salt] : h.keyKind === 'os-keychain' ? [h.keychainKek] : [];
  const canonical = JSON.stringify([h.version, h.cipher, h.keyKind, h.keyId, h.wrappedKey, h.keyCheck, ...kindFields]);
  return createHash('sha256').update(canonical, 'utf8').digest('base64');
}

export function withDigest(h: UndigestedHeader): EncryptionHeader {
  return { ...h, digest: headerDigest(h) } as EncryptionHeader;
}

const damaged = (storeDir: string, what: string) => new StoreKeyError('key-header-damaged', `store ${storeDir}'s key header is damaged (${what}); restore store.json from a backup`);

/**
 * A key header read from store.json, checked: a newer version is refused as such; anything that
 * does not parse, or whose digest does not match, is reported as a damaged header.
 */
export function parseEncryptionHeader(raw: unknown, storeDir: string): EncryptionHeader {
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > ENCRYPTION_HEADER_VERSION) {
    throw new StoreKeyError('key-header-unsupported', `store ${storeDir}'s key header is version ${version}; this Sextant reads version ${ENCRYPTION_HEADER_VERSION}: upgrade Sextant to open it`);
  }
  const parsed = EncryptionHeader.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw damaged(storeDir, issue ? `field '${issue.path.join('.') || 'encryption'}' is invalid` : 'invalid');
  }
  const { digest, ...rest } = parsed.data;
  const expected = Buffer.from(headerDigest(rest as UndigestedHeader), 'base64');
  if (!timingSafeEqual(expected, Buffer.from(digest, 'base64'))) throw damaged(storeDir, 'its digest does not match its fields');
  return parsed.data;
}
