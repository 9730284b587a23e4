import { randomBytes } from 'node:crypto';
import { assertKey, openUnit, SEAL_OVERHEAD, sealUnit } from './aead';
import { DamageError } from './damage-error';

/**
 * A sealed whole file (snapshots, artifacts, multipart parts), written once front to back:
 *
 *   header (28 B) = 'SXE1' | u16 version (1) | u16 reserved (0) | u32 chunk plaintext bytes | file id (16 random bytes)
 *   chunk i       = nonce(12) | ciphertext | tag(16)        at 28 + i × (chunkBytes + 28)
 *
 * Every chunk holds chunkBytes of plaintext except the last, which holds 0 … chunkBytes (0
 * only for an empty file: there is always a last chunk, so a file cut after its header is
 * truncated, not empty). AAD of chunk i = the 28 header bytes | u64 i | u8 last flag: the
 * header is authenticated by every chunk, the index stops reordering, the file id stops
 * splicing chunks from another file, the flag stops truncation at a chunk boundary.
 * The plaintext size follows from the file size (plainSizeOf), so nothing is rewritten at the end.
 */
export const STREAM_MAGIC = Buffer.from('SXE1', 'latin1');
export const STREAM_VERSION = 1;
export const STREAM_HEADER_BYTES = 28;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
export const FILE_ID_BYTES = 16;
/** Largest chunk size a header may claim (a bigger one is refused as malformed). */
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;

export interface StreamHeader {
  chunkBytes: number;
  fileId: Buffer;
  /** The header's 28 bytes as written. */
  bytes: Buffer;
  /** The header bytes and the place, the prefix of every chunk's AAD. */
  aadPrefix: Buffer;
}

/** Where a sealed file belongs, bound into every chunk; '' when the key alone says it. */
export interface PlaceOption {
  place?: string;
}

function aadPrefixOf(bytes: Buffer, place = ''): Buffer {
  const placeBytes = Buffer.from(place, 'utf8');
  const prefix = Buffer.allocUnsafe(STREAM_HEADER_BYTES + 4 + placeBytes.length);
  bytes.copy(prefix, 0);
  prefix.writeUInt32LE(placeBytes.length, STREAM_HEADER_BYTES);
  placeBytes.copy(prefix, STREAM_HEADER_BYTES + 4);
  return prefix;
}

export function newStreamHeader(chunkBytes = DEFAULT_CHUNK_BYTES, fileId: Uint8Array = randomBytes(FILE_ID_BYTES), place = ''): StreamHeader {
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw new RangeError(`bad chunk size ${chunkBytes}`);
  if (fileId.length !== FILE_ID_BYTES) throw new RangeError(`a file id is ${FILE_ID_BYTES} bytes`);
  const bytes = Buffer.alloc(STREAM_HEADER_BYTES);
  STREAM_MAGIC.copy(bytes, 0);
  bytes.writeUInt16LE(STREAM_VERSION, 4);
  bytes.writeUInt32LE(chunkBytes, 8);
  bytes.set(fileId, 12);
  return { chunkBytes, fileId: bytes.subarray(12, 28), bytes, aadPrefix: aadPrefixOf(bytes, place) };
}

/** Parses a header; DamageError('header', …) for a short, foreign, newer or impossible one. */
export function parseStreamHeader(buf: Uint8Array, place = ''): StreamHeader {
  if (buf.length < STREAM_HEADER_BYTES) throw new DamageError('header', 'truncated');
  const bytes = Buffer.from(buf.subarray(0, STREAM_HEADER_BYTES));
  if (!bytes.subarray(0, 4).equals(STREAM_MAGIC)) throw new DamageError('header', 'bad magic');
  if (bytes.readUInt16LE(4) !== STREAM_VERSION) throw new DamageError('header', 'unsupported version');
  const chunkBytes = bytes.readUInt32LE(8);
  if (bytes.readUInt16LE(6) !== 0 || chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw new DamageError('header', 'malformed');
  return { chunkBytes, fileId: bytes.subarray(12, 28), bytes, aadPrefix: aadPrefixOf(bytes, place) };
}

export function chunkAad(header: StreamHeader, index: number, last: boolean): Buffer {
  const at = header.aadPrefix.length;
  const aad = Buffer.allocUnsafe(at + 9);
  header.aadPrefix.copy(aad, 0);
  aad.writeBigUInt64LE(BigInt(index), at);
  aad[at + 8] = last ? 1 : 0;
  return aad;
}

export function sealChunk(key: Uint8Array, header: StreamHeader, index: number, last: boolean, plaintext: Uint8Array): Buffer {
  assertKey(key);
  if (plaintext.length > header.chunkBytes || (!last && plaintext.length !== header.chunkBytes)) throw new RangeError(`chunk ${index} of ${plaintext.length} bytes`);
  return sealUnit(key, chunkAad(header, index, last), plaintext);
}

/**
 * Opens chunk `index`. A chunk that fails as the last one but opens as an inner one means the
 * file was cut at a chunk boundary: reported as 'truncated'.
 */
export function openChunk(key: Uint8Array, header: StreamHeader, index: number, last: boolean, sealed: Uint8Array): Buffer {
  assertKey(key);
  if (sealed.length < SEAL_OVERHEAD || sealed.length > header.chunkBytes + SEAL_OVERHEAD) throw new DamageError('chunk', 'truncated', index);
  const plain = openUnit(key, chunkAad(header, index, last), sealed);
  if (plain) return plain;
  const cut = last && openUnit(key, chunkAad(header, index, false), sealed) !== null;
  throw new DamageError('chunk', cut ? 'truncated' : 'authentication failed', index);
}

/** On-disk bytes of a sealed file holding `plainBytes`. */
export function sealedSizeOf(plainBytes: number, chunkBytes = DEFAULT_CHUNK_BYTES): number {
  const chunks = Math.max(1, Math.ceil(plainBytes / chunkBytes));
  return STREAM_HEADER_BYTES + plainBytes + chunks * SEAL_OVERHEAD;
}

/** Chunks in a sealed file of `sealedBytes`, and the plaintext they hold; DamageError when no file of that size exists. */
export function chunkCountOf(sealedBytes: number, chunkBytes = DEFAULT_CHUNK_BYTES): { chunks: number; plainBytes: number } {
  const body = sealedBytes - STREAM_HEADER_BYTES;
  if (body < SEAL_OVERHEAD) throw new DamageError(body < 0 ? 'header' : 'chunk', 'truncated', body < 0 ? undefined : 0);
  const sealedChunk = chunkBytes + SEAL_OVERHEAD;
  const chunks = Math.ceil(body / sealedChunk);
  const lastSealed = body - (chunks - 1) * sealedChunk;
  if (lastSealed < SEAL_OVERHEAD) throw new DamageError('chunk', 'truncated', chunks - 1);
  return { chunks, plainBytes: (chunks - 1) * chunkBytes + lastSealed - SEAL_OVERHEAD };
}

/** Plaintext bytes of a sealed file of `sealedBytes` (its size on disk). */
export function plainSizeOf(sealedBytes: number, chunkBytes = DEFAULT_CHUNK_BYTES): number {
  return chunkCountOf(sealedBytes, chunkBytes).plainBytes;
}

/** Byte offset of chunk `index` in the file. */
export function chunkPosition(index: number, chunkBytes: number): number {
  return STREAM_HEADER_BYTES + index * (chunkBytes + SEAL_OVERHEAD);
}
