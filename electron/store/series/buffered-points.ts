/** Points at `start` not yet in the file (a buffer or a write in flight), newest last. */
export interface BufferedPoints {
  start: number;
  values: ArrayLike<number>;
}

/** Whether the buffered points together hold every point of [from, to). */
export function covers(buffered: BufferedPoints[], from: number, to: number): boolean {
  const spans = buffered.map((b) => [b.start, b.start + b.values.length / 3] as const).sort((a, b) => a[0] - b[0]);
  let at = from;
  for (const [s, e] of spans) {
    if (s > at) break;
    if (e > at) at = e;
    if (at >= to) return true;
  }
  return at >= to;
}

/** Copies into `out` (points [from, to)) every buffered point in that range, oldest first. */
export function overlay(out: Float64Array, buffered: BufferedPoints[], from: number, to: number): Float64Array {
  for (const b of buffered) {
    const s = Math.max(from, b.start);
    const e = Math.min(to, b.start + b.values.length / 3);
    for (let i = s * 3; i < e * 3; i++) out[i - from * 3] = b.values[i - b.start * 3]!;
  }
  return out;
}
