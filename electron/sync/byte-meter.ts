import { Transform, type Readable, type TransformCallback } from 'node:stream';

/**
 * A pass-through that counts bytes, reports each chunk (to keep an inactivity timer alive) and,
 * when `expected` is given, fails as soon as more arrive or at the end when fewer did. It keeps the
 * first error of its source apart (`sourceError`), so a caller can tell a local read error (upload)
 * or a cut answer (download) from an error of whoever consumes the stream.
 */
export interface ByteMeter {
  readonly stream: Readable;
  bytes(): number;
  /** The source's own error, if it failed. */
  sourceError(): unknown;
  /** The length check's error, if the byte count was wrong. */
  lengthError(): Error | undefined;
  /** True once the source ended and every byte passed through. */
  finished(): boolean;
  destroy(): void;
}

export function meterStream(source: Readable, expected: number | undefined, onChunk: () => void, what: string): ByteMeter {
  let count = 0;
  let sourceErr: unknown;
  let lengthErr: Error | undefined;
  let done = false;
  const mismatch = () => new Error(`${what}: ${count} bytes where ${expected} were expected (did it change meanwhile?)`);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      count += chunk.length;
      onChunk();
      if (expected !== undefined && count > expected) return cb((lengthErr = mismatch()));
      cb(null, chunk);
    },
    flush(cb: TransformCallback) {
      if (expected !== undefined && count !== expected) return cb((lengthErr = mismatch()));
      done = true;
      cb();
    },
  });
  // The consumer (fetch, or the caller's writer) sees errors through its own reading; this
  // listener only keeps an error raised before it starts reading from being an uncaught one.
  meter.on('error', () => undefined);
  source.once('error', (err) => {
    sourceErr ??= err;
    meter.destroy(err);
  });
  meter.once('close', () => {
    if (!source.destroyed) source.destroy();
  });
  source.pipe(meter);
  return {
    stream: meter,
    bytes: () => count,
    sourceError: () => sourceErr,
    lengthError: () => lengthErr,
    finished: () => done,
    destroy: () => {
      source.destroy();
      meter.destroy();
    },
  };
}
