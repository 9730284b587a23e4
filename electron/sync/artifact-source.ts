import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/** Bytes `[start, end)` of an artifact (end exclusive). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Opens a fresh stream over exactly the bytes of `range`. Called again for every attempt (a retry
 * restarts from a fresh stream) and once per part of a multipart upload, so it must not hand out a
 * stream it handed out before.
 */
export type OpenStream = (range: ByteRange) => Readable;

/** An OpenStream over a file on disk: nothing is buffered beyond the stream's own chunks. */
export function fileOpener(path: string): OpenStream {
  return ({ start, end }) => (end > start ? createReadStream(path, { start, end: end - 1 }) : Readable.from([]));
}
