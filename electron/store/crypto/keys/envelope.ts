import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { KeyMaterial } from './key-material';
import { DATA_KEY_BYTES, deriveSubkey } from './subkeys';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** nonce | encrypted data key | tag. */
export const WRAPPED_KEY_BYTES = NONCE_BYTES + DATA_KEY_BYTES + TAG_BYTES;
export const KEY_CHECK_BYTES = 32;

/** What a wrapped data key is bound to: moving it to another store, key id or kind breaks the tag. */
export interface WrapContext {
  version: number;
  storeId: string;
  keyId: string;
  keyKind: string;
}

/** Length-prefixed fields under a fixed label, so no two contexts encode alike. */
function additionalData({ version, storeId, keyId, keyKind }: WrapContext): Buffer {
  const parts = ['sextant key wrap', String(version), storeId, keyId, keyKind].map((s) => Buffer.from(s, 'utf8'));
  return Buffer.concat(parts.flatMap((b) => [u32(b.length), b]));
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** AES-256-GCM of the data key under the key-encryption key, with a fresh random 96-bit nonce. */
export function wrapDataKey(kek: KeyMaterial, dek: KeyMaterial, context: WrapContext): Buffer {
  if (kek.length !== 32 || dek.length !== DATA_KEY_BYTES) throw new Error('wrapDataKey takes 32-byte keys');
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek.bytes, nonce);
  cipher.setAAD(additionalData(context));
  const body = Buffer.concat([cipher.update(dek.bytes), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** The data key, or null when the tag fails (a wrong key, or a wrapped key or context changed). */
export function unwrapDataKey(kek: KeyMaterial, wrapped: Buffer, context: WrapContext): KeyMaterial | null {
  if (wrapped.length !== WRAPPED_KEY_BYTES || kek.length !== 32) return null;
  const decipher = createDecipheriv('aes-256-gcm', kek.bytes, wrapped.subarray(0, NONCE_BYTES));
  decipher.setAAD(additionalData(context));
  decipher.setAuthTag(wrapped.subarray(NONCE_BYTES + DATA_KEY_BYTES));
  const dek = decipher.update(wrapped.subarray(NONCE_BYTES, NONCE_BYTES + DATA_KEY_BYTES));
  try {
    decipher.final();
  } catch {
    dek.fill(0);
    return null;
  }
  return new KeyMaterial(dek);
}

/** HMAC-SHA256 of a fixed label and the store id under the data key's 'key-check' subkey. */
export function computeKeyCheck(dek: KeyMaterial, storeId: string): Buffer {
  const subkey = deriveSubkey(dek, 'key-check');
  try {
    return createHmac('sha256', subkey.bytes).update(`sextant key check v1\0${storeId}`, 'utf8').digest();
  } finally {
    subkey.dispose();
  }
}

/** Whether `keyCheck` was made from this data key for this store (constant time). */
export function verifyKeyCheck(dek: KeyMaterial, storeId: string, keyCheck: Buffer): boolean {
  const expected = computeKeyCheck(dek, storeId);
  return keyCheck.length === expected.length && timingSafeEqual(expected, keyCheck);
}
