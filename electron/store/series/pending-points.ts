/** Points a new pending buffer has room for before it first grows. */
const FIRST_CAPACITY_POINTS = 128;

/**
 * Points of one series buffered before they are written, as (t, s, v) float64 triples in one
 * typed array that doubles when full: appending costs no allocation per point (a JS number
 * array kept every value boxed or grew by copies of its own), and the buffer is handed to the
 * write as it is, without a copy (`take`).
 */
export class PendingPoints {
  private buf: Float64Array;
  private used = 0;

  /** `start`: the position (in points) of the first point in the series' file. */
  constructor(
    readonly start: number,
    first?: Float64Array,
  ) {
    const n = first?.length ?? 0;
    this.buf = new Float64Array(Math.max(FIRST_CAPACITY_POINTS * 3, n * 2));
    if (first) {
      this.buf.set(first);
      this.used = n;
    }
  }

  /** How many points are buffered. */
  get points(): number {
    return this.used / 3;
  }

  push(t: number, s: number, v: number): void {
    if (this.used + 3 > this.buf.length) {
      const grown = new Float64Array(this.buf.length * 2);
      grown.set(this.buf.subarray(0, this.used));
      this.buf = grown;
    }
    const b = this.buf;
    const i = this.used;
    b[i] = t;
    b[i + 1] = s;
    b[i + 2] = v;
    this.used = i + 3;
  }

  /** The buffered values (a view: valid until the next push). */
  get values(): Float64Array {
    return this.buf.subarray(0, this.used);
  }

  /** The buffered values for a write: the buffer itself (no copy); this object is not used after. */
  take(): Float64Array {
    return this.buf.subarray(0, this.used);
  }
}
