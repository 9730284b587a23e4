import { createHash } from 'node:crypto';

/**
 * The first bytes of a bundle file: a magic that says what it is, the format version, and, for an
 * encrypted bundle, what the key is derived from (scrypt's salt and cost) and a key check value,
 * so a wrong passphrase is told apart from a damaged file. Everything after the header is the
 * bundle's body: frames (bundle-frames.ts), in the clear or in encrypted chunks (bundle-cipher.ts).
 */
export const BUNDLE_MAGIC = Buffer.from('SEXTANT-BUNDLE\r\n', 'latin1');
export const BUNDLE_VERSION = 1;

const FLAG_ENCRYPTED = 1;
/** magic | u16 version | u8 flags | u8 reserved */
const PLAIN_HEADER_BYTES = BUNDLE_MAGIC.length + 4;
/** + salt (16) | u8 log2(N) | u8 r | u8 p | u8 reserved | nonce prefix (4) | key check (16) */
const ENCRYPTED_EXTRA_BYTES = 16 + 4 + 4 + 16;
/** Every header ends with the first 8 bytes of its own SHA-256: a damaged header is not taken for a wrong passphrase. */
const CHECK_BYTES = 8;
export const MAX_HEADER_BYTES = PLAIN_HEADER_BYTES + ENCRYPTED_EXTRA_BYTES + CHECK_BYTES;

const checkOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest().subarray(0, CHECK_BYTES);

export interface KdfParams {
  salt: Buffer;
  logN: number;
  r: number;
  p: number;
}

export interface Encryption {
  kdf: KdfParams;
  /** Random per bundle; the first 4 bytes of every chunk's nonce (the chunk index is the rest). */
  noncePrefix: Buffer;
  keyCheck: Buffer;
}

export interface BundleHeader {
  version: number;
  encryption: Encryption | null;
  /** The header's own bytes (authenticated with every chunk, hashed into the body's checksum). */
  bytes: Buffer;
}

export class BundleFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleFormatError';
  }
}

export function encodeHeader(encryption: Encryption | null): Buffer {
  const out = Buffer.alloc((encryption ? PLAIN_HEADER_BYTES + ENCRYPTED_EXTRA_BYTES : PLAIN_HEADER_BYTES) + CHECK_BYTES);
  BUNDLE_MAGIC.copy(out, 0);
  let at = BUNDLE_MAGIC.length;
  out.writeUInt16LE(BUNDLE_VERSION, at);
  out.writeUInt8(encryption ? FLAG_ENCRYPTED : 0, at + 2);
  at += 4;
  if (encryption) {
    encryption.kdf.salt.copy(out, at);
    out.writeUInt8(encryption.kdf.logN, at + 16);
    out.writeUInt8(encryption.kdf.r, at + 17);
    out.writeUInt8(encryption.kdf.p, at + 18);
    encryption.noncePrefix.copy(out, at + 20);
    encryption.keyCheck.copy(out, at + 24);
  }
  checkOf(out.subarray(0, out.length - CHECK_BYTES)).copy(out, out.length - CHECK_BYTES);
  return out;
}

/** True when the bytes start like a bundle (what source detection looks at). */
export const looksLikeBundle = (head: Buffer) => head.length >= BUNDLE_MAGIC.length && head.subarray(0, BUNDLE_MAGIC.length).equals(BUNDLE_MAGIC);

/** Parses the header at the start of `head` (at least MAX_HEADER_BYTES of the file, or all of it). */
export function decodeHeader(head: Buffer): BundleHeader {
  if (!looksLikeBundle(head)) throw new BundleFormatError('not a Sextant bundle (its first bytes are not the bundle magic)');
  if (head.length < PLAIN_HEADER_BYTES) throw new BundleFormatError('the bundle is truncated inside its header');
  const encrypted = (head.readUInt8(BUNDLE_MAGIC.length + 2) & FLAG_ENCRYPTED) !== 0;
  const size = (encrypted ? PLAIN_HEADER_BYTES + ENCRYPTED_EXTRA_BYTES : PLAIN_HEADER_BYTES) + CHECK_BYTES;
  if (head.length < size) throw new BundleFormatError('the bundle is truncated inside its header');
  if (!checkOf(head.subarray(0, size - CHECK_BYTES)).equals(head.subarray(size - CHECK_BYTES, size))) throw new BundleFormatError('the bundle header is damaged (checksum mismatch)');
  const version = head.readUInt16LE(BUNDLE_MAGIC.length);
  if (version !== BUNDLE_VERSION) throw new BundleFormatError(`bundle format ${version} is not one this Sextant reads (it reads format ${BUNDLE_VERSION}); update Sextant`);
  const flags = head.readUInt8(BUNDLE_MAGIC.length + 2);
  if (flags & ~FLAG_ENCRYPTED) throw new BundleFormatError('the bundle header is damaged (unknown flags)');
  if (!encrypted) return { version, encryption: null, bytes: Buffer.from(head.subarray(0, size)) };
  const at = PLAIN_HEADER_BYTES;
  const kdf = { salt: Buffer.from(head.subarray(at, at + 16)), logN: head.readUInt8(at + 16), r: head.readUInt8(at + 17), p: head.readUInt8(at + 18) };
  const encryption = { kdf, noncePrefix: Buffer.from(head.subarray(at + 20, at + 24)), keyCheck: Buffer.from(head.subarray(at + 24, at + 40)) };
  return { version, encryption, bytes: Buffer.from(head.subarray(0, size)) };
}
