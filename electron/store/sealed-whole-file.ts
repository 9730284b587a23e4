import { closeSync, fstatSync, openSync, readSync, constants } from 'node:fs';
import { SEAL_OVERHEAD } from './crypto/sealed/aead';
import { DamageError } from './crypto/sealed/damage-error';
import { chunkCountOf, chunkPosition, newStreamHeader, openChunk, parseStreamHeader, sealChunk, STREAM_HEADER_BYTES } from './crypto/sealed/stream-format';
import { writeFileDurably, writeFileDurablyAsync } from './durable-fs';

/**
 * Whole files of an encrypted store written at once and read back at once (snapshots), in the
 * sealed stream format (crypto/sealed/stream-format.ts: 'SXE1' header, 64 KiB chunks, each
 * nonce | ciphertext | tag, bound to `place`). Written as writeFileDurably writes: a temp file
 * beside it (`<path>.tmp-<pid>`, which removeLeftoverTempFiles clears), fsync, rename, fsync of
 * the folder. Sealed chunk by chunk, so no second whole copy of the file is ever held.
 */

/** The sealed file's pieces in order (header, then each chunk), each sealed as it is asked for. */
function* sealedPieces(key: Uint8Array, place: string, plain: Uint8Array): Generator<Buffer> {
  const header = newStreamHeader(undefined, undefined, place);
  yield header.bytes;
  const size = header.chunkBytes;
  const chunks = Math.max(1, Math.ceil(plain.length / size));
  for (let i = 0; i < chunks; i++) yield sealChunk(key, header, i, i === chunks - 1, plain.subarray(i * size, Math.min(plain.length, (i + 1) * size)));
}

/** Seals `plain` into `path` atomically and durably (blocking: for the checkpoint worker and a new store). */
export function writeSealedFileDurably(path: string, key: Uint8Array, place: string, plain: Uint8Array): void {
  writeFileDurably(path, sealedPieces(key, place, plain));
}

/** writeSealedFileDurably without blocking the event loop on the writes and fsyncs (sealing runs here, chunk by chunk). */
export function writeSealedFileDurablyAsync(path: string, key: Uint8Array, place: string, plain: Uint8Array): Promise<void> {
  return writeFileDurablyAsync(path, sealedPieces(key, place, plain));
}

/**
 * Reads and opens a sealed file into a buffer `extra` zero bytes longer than its plaintext (one
 * allocation; chunks are opened one at a time, so the sealed file is never held whole).
 * `length` is the plaintext's size. Throws DamageError for any change, truncation, extension or
 * a file sealed for another place or key; errors of the file system as they come.
 */
export function readSealedFileWithSpareSync(path: string, key: Uint8Array, place: string, extra: number): { bytes: Buffer; length: number } {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'EFTYPE' });
    const headerBytes = Buffer.alloc(STREAM_HEADER_BYTES);
    if (readFully(fd, headerBytes, 0) < STREAM_HEADER_BYTES) throw new DamageError('header', 'truncated');
    const header = parseStreamHeader(headerBytes, place);
    const { chunks, plainBytes } = chunkCountOf(st.size, header.chunkBytes);
    const out = Buffer.alloc(plainBytes + extra);
    const sealed = Buffer.allocUnsafe(header.chunkBytes + SEAL_OVERHEAD);
    for (let i = 0; i < chunks; i++) {
      const at = chunkPosition(i, header.chunkBytes);
      const want = Math.min(sealed.length, st.size - at);
      if (readFully(fd, sealed.subarray(0, want), at) < want) throw new DamageError('chunk', 'truncated', i);
      openChunk(key, header, i, i === chunks - 1, sealed.subarray(0, want)).copy(out, i * header.chunkBytes);
    }
    return { bytes: out, length: plainBytes };
  } finally {
    closeSync(fd);
  }
}

function readFully(fd: number, into: Buffer, position: number): number {
  let n = 0;
  for (let r = -1; n < into.length && r !== 0; n += r) r = readSync(fd, into, n, into.length - n, position + n);
  return n;
}
