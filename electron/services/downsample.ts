/**
 * Reduces a line of (t, s, v) points, ordered by step, to at most about `maxPoints` points by
 * keeping the minimum and the maximum of each of maxPoints/2 buckets of steps, in step order:
 * spikes survive, and a chart gets about two points per pixel. Non-finite values are kept as
 * they are (the caller decides how to show them).
 */
export function downsampleMinMax(pts: Float64Array, maxPoints: number): Float64Array {
  const n = pts.length / 3;
  if (n <= maxPoints) return pts;
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const out: number[] = [];
  const push = (i: number) => out.push(pts[i * 3]!, pts[i * 3 + 1]!, pts[i * 3 + 2]!);
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    if (to <= from) continue;
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      const v = pts[i * 3 + 2]!;
      if (v < pts[lo * 3 + 2]! || Number.isNaN(pts[lo * 3 + 2]!)) lo = i;
      if (v > pts[hi * 3 + 2]! || Number.isNaN(pts[hi * 3 + 2]!)) hi = i;
    }
    push(Math.min(lo, hi));
    if (hi !== lo) push(Math.max(lo, hi));
  }
  return new Float64Array(out);
}
