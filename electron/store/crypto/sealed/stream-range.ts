import { type FileHandle } from 'node:fs/promises';
import { SEAL_OVERHEAD } from './aead';
import { DamageError } from './damage-error';
import { chunkCountOf, chunkPosition, openChunk, parseStreamHeader, type PlaceOption, STREAM_HEADER_BYTES, type StreamHeader } from './stream-format';

/** Positional reads of a sealed file (a FileHandle in the store, a Buffer in tests). */
export interface RandomAccessSource {
  /** Bytes on disk. */
  size: number;
  /** Exactly `length` bytes at `position` (fewer only at the end of the file). */
  read(position: number, length: number): Promise<Uint8Array>;
}

export function sourceFromFileHandle(file: FileHandle, size: number): RandomAccessSource {
  return {
    size,
    async read(position, length) {
      const buf = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await file.read(buf, got, length - got, position + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buf.subarray(0, got);
    },
  };
}

export function sourceFromBuffer(buf: Uint8Array): RandomAccessSource {
  return { size: buf.length, read: async (position, length) => buf.subarray(position, position + length) };
}

/** A sealed file opened for range reads: its header and its plaintext size (from its size on disk). */
export interface SealedFileInfo {
  header: StreamHeader;
  chunks: number;
  plainBytes: number;
}

export async function readSealedFileInfo(source: RandomAccessSource, options: PlaceOption = {}): Promise<SealedFileInfo> {
  const header = parseStreamHeader(await source.read(0, STREAM_HEADER_BYTES), options.place);
  return { header, ...chunkCountOf(source.size, header.chunkBytes) };
}

/**
 * Plaintext [start, end) of a sealed file, chunk by chunk: only the chunks covering the range
 * are read and opened. The file's last chunk is opened as the last one, so a range reaching the
 * end of a file cut at a chunk boundary fails as truncated.
 */
export async function* openStreamRangeChunks(
  key: Uint8Array,
  source: RandomAccessSource,
  start: number,
  end: number,
  /** The file's info (read once for many ranges) or its place. */
  file: SealedFileInfo | PlaceOption = {},
): AsyncGenerator<Buffer> {
  const { header, chunks, plainBytes } = 'header' in file ? file : await readSealedFileInfo(source, file);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > plainBytes) {
    throw new RangeError(`bad range [${start}, ${end}) of a ${plainBytes}-byte file`);
  }
  if (start === end) return;
  const size = header.chunkBytes;
  for (let i = Math.floor(start / size); i <= Math.floor((end - 1) / size); i++) {
    const last = i === chunks - 1;
    const sealedLength = (last ? plainBytes - i * size : size) + SEAL_OVERHEAD;
    const sealed = await source.read(chunkPosition(i, size), sealedLength);
    if (sealed.length !== sealedLength) throw new DamageError('chunk', 'truncated', i); // the file shrank under us
    const plain = openChunk(key, header, i, last, sealed);
    yield plain.subarray(Math.max(start - i * size, 0), Math.min(end - i * size, plain.length));
  }
}

/** Plaintext [start, end) of a sealed file as one buffer. */
export async function openStreamRange(key: Uint8Array, source: RandomAccessSource, start: number, end: number, file: SealedFileInfo | PlaceOption = {}): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of openStreamRangeChunks(key, source, start, end, file)) parts.push(part);
  return Buffer.concat(parts, end - start);
}
