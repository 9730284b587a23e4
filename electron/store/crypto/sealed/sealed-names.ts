import { createHmac } from 'node:crypto';
import { assertKey, NONCE_BYTES, openUnit, SEAL_OVERHEAD, sealInto } from './aead';
import { DamageError } from './damage-error';

/**
 * Sealed names, for artifact path components: deterministic, so the same name in the same
 * folder always seals to the same file name and a lookup needs no directory scan (SIV style):
 *
 *   nonce = HMAC-SHA256(key, domain | u32 parent length | parent | name)[0..12)
 *   sealed name = base64url without padding (nonce | AES-256-GCM(key, nonce, aad = domain | parent, name) | tag)
 *
 * Equal names under the same parent give the same nonce and the same plaintext, hence the same
 * output: the only thing deterministic encryption reveals is equality of names within a folder
 * (and their lengths). Different names get different nonces unless HMAC collides on 96 bits
 * (birthday bound ~2^48 names per key), so GCM never sees one nonce with two plaintexts.
 * node:crypto (OpenSSL 3.0 in Node 20) has no AES-GCM-SIV, hence this construction. The one
 * key serves HMAC-SHA256 and AES-256 (no known interaction between the two); a separate MAC
 * subkey from crypto/keys would be cleaner.
 * The parent (the plaintext path of the folder, as the caller names it) is bound in both the
 * nonce and the AAD: a sealed name moved to another folder does not open.
 *
 * Length: file systems cap a name at 255 bytes. base64url of 28 + n bytes is ceil(4(28+n)/3)
 * characters, so a name is at most 163 bytes of UTF-8 (sealed: 255 characters).
 * base64url is case-sensitive: on a case-insensitive file system (macOS, Windows) two sealed
 * names differing only in case would collide, with odds negligible (~199 bits after folding).
 */
export const MAX_SEALED_NAME_CHARS = 255;
export const MAX_NAME_BYTES = Math.floor((MAX_SEALED_NAME_CHARS * 3) / 4) - SEAL_OVERHEAD; // 163

const DOMAIN = Buffer.from('sextant/sealed-name/v1\0', 'latin1');
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export class SealedNameTooLongError extends Error {
  override name = 'SealedNameTooLongError';
  constructor(readonly nameBytes: number) {
    super(`a file or folder name in an encrypted store is at most ${MAX_NAME_BYTES} bytes of UTF-8 (sealed, it takes 255, the file system's limit); this one is ${nameBytes}`);
  }
}

function nameNonce(key: Uint8Array, parent: Buffer, name: Buffer): Buffer {
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32LE(parent.length);
  return createHmac('sha256', key).update(DOMAIN).update(length).update(parent).update(name).digest().subarray(0, NONCE_BYTES);
}

function nameAad(parent: Buffer): Buffer {
  return Buffer.concat([DOMAIN, parent]);
}

/** The sealed form of `name` in folder `parent`; SealedNameTooLongError past 163 bytes. */
export function sealName(key: Uint8Array, parent: string, name: string): string {
  assertKey(key);
  const plain = Buffer.from(name, 'utf8');
  if (plain.length === 0) throw new RangeError('an empty name cannot be sealed');
  if (plain.length > MAX_NAME_BYTES) throw new SealedNameTooLongError(plain.length);
  const parentBytes = Buffer.from(parent, 'utf8');
  const out = Buffer.allocUnsafe(plain.length + SEAL_OVERHEAD);
  sealInto(key, nameNonce(key, parentBytes, plain), nameAad(parentBytes), plain, out, 0);
  return out.toString('base64url');
}

/** The name a sealed name in folder `parent` stands for; DamageError('name', …) if it was not sealed there with this key. */
export function openName(key: Uint8Array, parent: string, sealedName: string): string {
  assertKey(key);
  if (sealedName.length > MAX_SEALED_NAME_CHARS || !BASE64URL.test(sealedName)) throw new DamageError('name', 'malformed');
  const sealed = Buffer.from(sealedName, 'base64url');
  if (sealed.toString('base64url') !== sealedName) throw new DamageError('name', 'malformed'); // no second spelling of one name
  if (sealed.length <= SEAL_OVERHEAD) throw new DamageError('name', 'truncated');
  const parentBytes = Buffer.from(parent, 'utf8');
  const plain = openUnit(key, nameAad(parentBytes), sealed);
  if (!plain || !nameNonce(key, parentBytes, plain).equals(sealed.subarray(0, NONCE_BYTES))) throw new DamageError('name', 'authentication failed');
  return plain.toString('utf8');
}
