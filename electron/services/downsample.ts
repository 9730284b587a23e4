/**
 * Reduces a line of n (t, s, v) points, ordered by step, to at most about `maxPoints` points:
 * the minimum and the maximum of each of maxPoints/2 buckets, in step order, so spikes survive
 * and a chart gets about two points per pixel. Points are pushed one by one, so a history can be
 * reduced while it streams from disk, never held whole. Non-finite values are kept as they are.
 */
export class MinMaxReducer {
  private out: number[] = [];
  private buckets: number;
  private bucket = 0;
  private bucketEnd: number;
  private lo: number[] | null = null;
  private hi: number[] | null = null;
  private seen = 0;

  constructor(
    private n: number,
    maxPoints: number,
  ) {
    this.buckets = n <= maxPoints ? n : Math.max(1, Math.floor(maxPoints / 2));
    this.bucketEnd = this.endOf(0);
  }

  push(t: number, s: number, v: number): void {
    if (this.buckets === this.n) {
      this.out.push(t, s, v);
      return;
    }
    while (this.seen >= this.bucketEnd) this.closeBucket();
    const i = this.seen++;
    if (!this.lo || v < this.lo[3]! || Number.isNaN(this.lo[3]!)) this.lo = [t, s, i, v];
    if (!this.hi || v > this.hi[3]! || Number.isNaN(this.hi[3]!)) this.hi = [t, s, i, v];
  }

  result(): Float64Array {
    if (this.lo) this.closeBucket();
    return new Float64Array(this.out);
  }

  private endOf(b: number): number {
    return Math.floor(((b + 1) * this.n) / this.buckets);
  }

  private closeBucket(): void {
    const { lo, hi } = this;
    if (lo && hi) {
      const [first, second] = lo[2]! <= hi[2]! ? [lo, hi] : [hi, lo];
      this.out.push(first[0]!, first[1]!, first[3]!);
      if (second !== first) this.out.push(second[0]!, second[1]!, second[3]!);
    }
    this.lo = this.hi = null;
    this.bucket++;
    this.bucketEnd = this.endOf(this.bucket);
  }
}

/** The same reduction over points already in memory. */
export function downsampleMinMax(pts: Float64Array, maxPoints: number): Float64Array {
  const r = new MinMaxReducer(pts.length / 3, maxPoints);
  for (let i = 0; i < pts.length; i += 3) r.push(pts[i]!, pts[i + 1]!, pts[i + 2]!);
  return r.result();
}
