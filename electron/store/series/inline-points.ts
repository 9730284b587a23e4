import type { SeriesMeta } from '../series-meta';

/**
 * Most points a series keeps inline (in its `series` row, no file): 8 points are 192 bytes.
 * Inline points live in the database, which is held in memory twice (sql.js and the checkpoint
 * worker's mirror) and written whole by every snapshot, so the limit is set by the worst case:
 * a 50,000-run store whose 500,000 series all sit at the limit holds 96 MB of points in its
 * database (about twice that in RSS), well inside the 1 GB target (measured: 555 MB served
 * with 1 point per series; at 16 points it would be about 920 MB). Below the limit a series costs no file, no inode and no
 * fsync at checkpoints: the common small histories (a final score, a value per epoch for a few
 * epochs). Measured at 5,000 runs × 10 metrics: 16 points inline close in 1.3 s with no files,
 * 17 points in files 41.6 s (50,000 files, 200 MB of disk blocks).
 */
export const INLINE_MAX_POINTS = 8;

/** An empty inline series (a new series starts inline). */
export const newInlinePoints = () => new Float64Array(0);

/** Appends (t, s, v) at point position `at` of an inline series, growing its buffer when full. */
export function appendInline(meta: SeriesMeta & { inline: Float64Array }, at: number, t: number, s: number, v: number): void {
  let buf = meta.inline;
  if (buf.length < (at + 1) * 3) {
    const grown = new Float64Array(Math.min(INLINE_MAX_POINTS, Math.max(2, at * 2, at + 1)) * 3);
    grown.set(buf.subarray(0, at * 3));
    meta.inline = buf = grown;
  }
  buf[at * 3] = t;
  buf[at * 3 + 1] = s;
  buf[at * 3 + 2] = v;
}

/**
 * The bytes stored in `series.inline_pts` for an inline series of `points` points: a copy, since
 * the statement's parameters may be kept (the checkpoint worker's mirror) while the series grows.
 */
export function inlineBlob(inline: Float64Array, points: number): Uint8Array {
  return new Uint8Array(inline.buffer.slice(inline.byteOffset, inline.byteOffset + points * 3 * Float64Array.BYTES_PER_ELEMENT));
}

/** Points from a `series.inline_pts` value (a copy: the blob's buffer may not be 8-byte aligned). */
export function inlineFromBlob(blob: Uint8Array): Float64Array {
  const out = new Float64Array(Math.floor(blob.length / Float64Array.BYTES_PER_ELEMENT));
  new Uint8Array(out.buffer).set(blob.subarray(0, out.length * Float64Array.BYTES_PER_ELEMENT));
  return out;
}
