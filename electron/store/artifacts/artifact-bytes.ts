import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { MlflowError } from '../../../shared/domain/mlflow-error';
import { DamageError, openStreamRangeChunks, plainSizeOf, readSealedFileInfo, sourceFromFileHandle, type RandomAccessSource } from '../crypto/sealed';

/** Bytes [start, end) of an artifact's plaintext (end exclusive); absent: all of it. */
export interface ByteRange {
  start: number;
  end: number;
}

/** An open artifact: its plaintext size and a stream over the range asked for (or all). */
export interface OpenedArtifact {
  size: number;
  stream: Readable;
}

/** The place a sealed artifact is bound to (every chunk's AAD): its plaintext path below artifacts/. */
export const artifactPlace = (relPath: string) => `artifact/${relPath}`;

/** Clamps a range to a file of `size` bytes (a start past the end reads nothing). */
export function clampRange(range: ByteRange | undefined, size: number): ByteRange {
  if (!range) return { start: 0, end: size };
  const start = Math.min(Math.max(0, range.start), size);
  return { start, end: Math.min(Math.max(start, range.end), size) };
}

/** Plain file: the range straight from disk. Takes over `fh` (closed when the stream ends or is destroyed). */
export async function openPlainRange(fh: FileHandle, range?: ByteRange): Promise<OpenedArtifact> {
  const { size } = await fh.stat();
  const { start, end } = clampRange(range, size);
  if (end === start) {
    await fh.close();
    return { size, stream: Readable.from([]) };
  }
  return { size, stream: fh.createReadStream({ start, end: end - 1 }) };
}

/**
 * Sealed file: only the chunks covering the range are read and opened. Takes over `fh`. A chunk
 * that does not open (changed, truncated, swapped with another artifact's) fails the stream with
 * an error naming the artifact; a caller that already sent headers must abort, not end cleanly.
 */
export async function openSealedRange(fh: FileHandle, key: Buffer, relPath: string, range?: ByteRange): Promise<OpenedArtifact> {
  try {
    const source = readAhead(sourceFromFileHandle(fh, (await fh.stat()).size));
    const info = await readSealedFileInfo(source, { place: artifactPlace(relPath) });
    const { start, end } = clampRange(range, info.plainBytes);
    const chunks = openStreamRangeChunks(key, source, start, end, info);
    // The first chunk is opened before anything is answered: damage there (or in the header) is
    // a clean error response, not a cut one.
    const first = await chunks.next();
    async function* opened(): AsyncGenerator<Buffer> {
      try {
        if (first.done) return;
        yield first.value;
        for await (const chunk of chunks) yield chunk;
      } catch (err) {
        throw asArtifactDamage(err, relPath);
      } finally {
        await fh.close();
      }
    }
    return { size: info.plainBytes, stream: Readable.from(opened(), { objectMode: false }) };
  } catch (err) {
    await fh.close();
    throw asArtifactDamage(err, relPath);
  }
}

/** Bytes read from disk at once when a read continues where the last one ended (about 16 sealed chunks). */
const READ_AHEAD_BYTES = 1024 * 1024;

/**
 * A source that turns the chunk-by-chunk reads of a long range into 1 MiB reads: a read that
 * starts where the previous one ended is served from (or refills) one buffer; any other read
 * goes to the file as asked (a range's first chunk, the header).
 */
export function readAhead(source: RandomAccessSource, bytes = READ_AHEAD_BYTES): RandomAccessSource {
  let buf: Uint8Array = new Uint8Array(0);
  let bufAt = 0;
  let nextAt = -1;
  return {
    size: source.size,
    async read(position, length) {
      const sequential = position === nextAt;
      nextAt = position + length;
      if (position >= bufAt && position + length <= bufAt + buf.length) return buf.subarray(position - bufAt, position - bufAt + length);
      if (!sequential || length >= bytes) return source.read(position, length);
      buf = await source.read(position, Math.min(bytes, source.size - position));
      bufAt = position;
      return buf.subarray(0, Math.min(length, buf.length));
    },
  };
}

/** Plaintext bytes of a sealed file of `diskBytes`; a size no sealed file has is damage. */
export function sealedPlainSize(diskBytes: number, relPath: string): number {
  try {
    return plainSizeOf(diskBytes);
  } catch (err) {
    throw asArtifactDamage(err, relPath);
  }
}

export function asArtifactDamage(err: unknown, relPath: string): unknown {
  if (!(err instanceof DamageError)) return err;
  return new MlflowError('INTERNAL_ERROR', `Artifact '${relPath.split('/').slice(-3).join('/')}' is damaged in the encrypted store (${err.message}); its bytes are not served.`);
}
