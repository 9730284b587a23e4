import { Transform, type TransformCallback } from 'node:stream';
import { assertKey, SEAL_OVERHEAD } from './aead';
import { DamageError } from './damage-error';
import { DEFAULT_CHUNK_BYTES, newStreamHeader, openChunk, parseStreamHeader, type PlaceOption, sealChunk, STREAM_HEADER_BYTES, type StreamHeader } from './stream-format';

/**
 * Seals a byte stream into the sealed file format (stream-format.ts). Backpressure is the
 * Transform's own: it holds at most one chunk of plaintext and stops taking input while its
 * readable side is full.
 */
export function createSealStream(key: Uint8Array, options: PlaceOption & { chunkBytes?: number; fileId?: Uint8Array } = {}): Transform {
  assertKey(key);
  const header = newStreamHeader(options.chunkBytes ?? DEFAULT_CHUNK_BYTES, options.fileId, options.place);
  const chunk = Buffer.allocUnsafe(header.chunkBytes);
  let filled = 0;
  let index = 0;
  let headerSent = false;
  const sendHeader = (stream: Transform) => {
    if (!headerSent) stream.push(header.bytes);
    headerSent = true;
  };
  return new Transform({
    transform(data: Buffer, _encoding, done: TransformCallback) {
      sendHeader(this);
      let at = 0;
      while (at < data.length) {
        if (filled === header.chunkBytes) {
          this.push(sealChunk(key, header, index++, false, chunk)); // a full chunk is the last only if the input ends here
          filled = 0;
        }
        const n = Math.min(header.chunkBytes - filled, data.length - at);
        data.copy(chunk, filled, at, at + n);
        filled += n;
        at += n;
      }
      done();
    },
    flush(done: TransformCallback) {
      sendHeader(this);
      this.push(sealChunk(key, header, index, true, chunk.subarray(0, filled)));
      done();
    },
  });
}

/**
 * Opens a sealed file stream, emitting plaintext chunk by chunk. Each chunk is verified before
 * it is emitted, but truncation can only show at the end: the stream then fails with a
 * DamageError after the earlier chunks were emitted, so a consumer that forwards them (an HTTP
 * response) must abort on the error rather than end normally.
 */
export function createOpenStream(key: Uint8Array, options: PlaceOption = {}): Transform {
  assertKey(key);
  let header: StreamHeader | null = null;
  let parts: Buffer[] = [];
  let buffered = 0;
  let index = 0;
  const take = (n: number): Buffer => {
    const all = parts.length === 1 ? parts[0]! : Buffer.concat(parts, buffered);
    parts = all.length > n ? [all.subarray(n)] : [];
    buffered -= n;
    return all.subarray(0, n);
  };
  return new Transform({
    transform(data: Buffer, _encoding, done: TransformCallback) {
      parts.push(data);
      buffered += data.length;
      try {
        if (!header) {
          if (buffered < STREAM_HEADER_BYTES) return done();
          header = parseStreamHeader(take(STREAM_HEADER_BYTES), options.place);
        }
        const sealedChunk = header.chunkBytes + SEAL_OVERHEAD;
        while (buffered > sealedChunk) this.push(openChunk(key, header, index++, false, take(sealedChunk)));
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (!header) throw new DamageError('header', 'truncated');
        if (buffered < SEAL_OVERHEAD) throw new DamageError('chunk', 'truncated', index);
        this.push(openChunk(key, header, index, true, take(buffered)));
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
}
