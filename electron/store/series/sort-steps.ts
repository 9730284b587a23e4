import { compareHistory } from '../series-meta';

/** The two orders a history is read in: MLflow's history order, and by step (bulk-interval, charts). */
export type PointOrder = 'history' | 'step';

/**
 * Element moves or comparisons between two yields of a sorting generator: about a millisecond of
 * work, so a driver that gives the event loop a turn every few yields keeps every task short.
 */
export const WORK_PER_YIELD = 8192;

/** log2 of the points per block of a view's points. */
export const BLOCK_SHIFT = 16;
/** Points per block: points are held in blocks so a growing view never copies what it holds. */
export const BLOCK_POINTS = 1 << BLOCK_SHIFT;
const BLOCK_MASK = BLOCK_POINTS - 1;

/** Points in blocks of BLOCK_POINTS triples (the last may be partly filled). */
export type PointBlocks = readonly Float64Array[];

/**
 * Orders point indices a, b of `blocks`: negative when a goes first; ties by index. History order
 * is (timestamp, step, value), step order (step, timestamp, value); NaN values above all others.
 * Two separate functions, not one calling a shared compare: the sorts' hot loops stay monomorphic.
 */
export function pointComparer(blocks: PointBlocks, by: PointOrder): (a: number, b: number) => number {
  if (by === 'history') {
    return (a, b) => {
      const x = blocks[a >>> BLOCK_SHIFT]!;
      const i = (a & BLOCK_MASK) * 3;
      const y = blocks[b >>> BLOCK_SHIFT]!;
      const j = (b & BLOCK_MASK) * 3;
      return x[i]! - y[j]! || x[i + 1]! - y[j + 1]! || valueOrder(x[i + 2]!, y[j + 2]!) || a - b;
    };
  }
  return (a, b) => {
    const x = blocks[a >>> BLOCK_SHIFT]!;
    const i = (a & BLOCK_MASK) * 3;
    const y = blocks[b >>> BLOCK_SHIFT]!;
    const j = (b & BLOCK_MASK) * 3;
    return x[i + 1]! - y[j + 1]! || x[i]! - y[j]! || valueOrder(x[i + 2]!, y[j + 2]!) || a - b;
  };
}

/** compareValues, inlined here: NaN above every number. */
function valueOrder(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = a !== a;
  const bn = b !== b;
  return an === bn ? 0 : an ? 1 : -1;
}

/** Whether points a and b of `blocks` are the same (timestamp, step, value); NaN equals NaN, as MLflow stores it. */
function samePoint(blocks: PointBlocks, a: number, b: number): boolean {
  const x = blocks[a >>> BLOCK_SHIFT]!;
  const i = (a & BLOCK_MASK) * 3;
  const y = blocks[b >>> BLOCK_SHIFT]!;
  const j = (b & BLOCK_MASK) * 3;
  return compareHistory(x[i]!, x[i + 1]!, x[i + 2]!, y[j]!, y[j + 1]!, y[j + 2]!) === 0;
}

/** Point `p` of `blocks` written at triple position `at` of `out`. */
export function copyPoint(blocks: PointBlocks, p: number, out: Float64Array, at: number): void {
  const x = blocks[p >>> BLOCK_SHIFT]!;
  const i = (p & BLOCK_MASK) * 3;
  out[at * 3] = x[i]!;
  out[at * 3 + 1] = x[i + 1]!;
  out[at * 3 + 2] = x[i + 2]!;
}

/** The indices [from, to), made in steps (a million take several milliseconds under load). */
export function* indexRange(from: number, to: number): Generator<void, Uint32Array> {
  const out = new Uint32Array(Math.max(0, to - from));
  for (let at = 0; at < out.length; at += WORK_PER_YIELD * 4) {
    const end = Math.min(out.length, at + WORK_PER_YIELD * 4);
    for (let i = at; i < end; i++) out[i] = from + i;
    yield;
  }
  return out;
}

/** Runs shorter than this are extended by insertion sort before merging (as timsort does). */
const MIN_RUN = 32;

/**
 * Sorts point indices `idx` (a copy is sorted, `idx` is left alone) by `cmp`, yielding every
 * WORK_PER_YIELD units of work: a natural merge sort, so a history that is mostly in order
 * (batches logged a few at once arrive as long sorted runs) costs a few linear passes, and
 * one in order costs one.
 */
export function* sortIndices(idx: Uint32Array, cmp: (a: number, b: number) => number): Generator<void, Uint32Array> {
  const n = idx.length;
  let src = idx.slice();
  let work = 0;
  // runs: ascending stretches, short ones extended to MIN_RUN by insertion sort
  const bounds: number[] = [0];
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && cmp(src[j - 1]!, src[j]!) <= 0) {
      j++;
      if (++work >= WORK_PER_YIELD) {
        work = 0;
        yield;
      }
    }
    const end = Math.min(n, Math.max(j, i + MIN_RUN));
    for (let k = j; k < end; k++) {
      const x = src[k]!;
      let m = k - 1;
      while (m >= i && cmp(src[m]!, x) > 0) {
        src[m + 1] = src[m]!;
        m--;
      }
      src[m + 1] = x;
      work += k - m;
    }
    bounds.push(end);
    i = end;
    if (work >= WORK_PER_YIELD) {
      work = 0;
      yield;
    }
  }
  let dst = new Uint32Array(n);
  let runs = bounds;
  while (runs.length > 2) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < runs.length; r += 2) {
      const a0 = runs[r]!;
      const a1 = runs[r + 1]!;
      const b1 = r + 2 < runs.length ? runs[r + 2]! : a1;
      // A = [a0, a1) and B = [a1, b1): the head of A below B's first and the tail of B above A's
      // last are copied as they are (batches logged a few at once rarely overlap), the rest merged
      const a = a1 < b1 ? firstAbove(src, a0, a1, src[a1]!, cmp) : a1;
      const bEnd = a1 < b1 ? firstAbove(src, a1, b1, src[a1 - 1]!, cmp) : b1;
      dst.set(src.subarray(a0, a), a0);
      let i = a;
      let j = a1;
      let o = a;
      while (i < a1 && j < bEnd) {
        dst[o++] = cmp(src[i]!, src[j]!) <= 0 ? src[i++]! : src[j++]!;
        if (++work >= WORK_PER_YIELD) {
          work = 0;
          yield;
        }
      }
      dst.set(src.subarray(i, a1), o);
      o += a1 - i;
      dst.set(src.subarray(j, b1), o);
      work += (b1 - a0) >>> 6;
      if (work >= WORK_PER_YIELD) {
        work = 0;
        yield;
      }
      next.push(b1);
    }
    [src, dst] = [dst, src];
    runs = next;
  }
  return src;
}

/** First position in [lo, hi) of the sorted `idx` whose point goes after point `x` (hi if none). */
function firstAbove(idx: Uint32Array, lo: number, hi: number, x: number, cmp: (a: number, b: number) => number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(idx[mid]!, x) > 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Merges two index lists each sorted by `cmp` into one, yielding as `sortIndices` does. */
export function* mergeSorted(a: Uint32Array, b: Uint32Array, cmp: (a: number, b: number) => number): Generator<void, Uint32Array> {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  let work = 0;
  while (i < a.length && j < b.length) {
    out[o++] = cmp(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
    if (++work >= WORK_PER_YIELD) {
      work = 0;
      yield;
    }
  }
  out.set(a.subarray(i), o);
  out.set(b.subarray(j), o + a.length - i);
  return out;
}

/**
 * The sorted indices without exact repeats of a (timestamp, step, value) point (a retried batch of
 * a history logged out of order): MLflow stores each point once. Repeats are adjacent in both orders.
 */
export function* withoutRepeats(blocks: PointBlocks, sorted: Uint32Array): Generator<void, Uint32Array> {
  const out = new Uint32Array(sorted.length);
  let n = 0;
  let work = 0;
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!;
    if (n > 0) {
      const p = out[n - 1]!;
      if (samePoint(blocks, p, x)) continue;
    }
    out[n++] = x;
    if (++work >= WORK_PER_YIELD) {
      work = 0;
      yield;
    }
  }
  return n === out.length ? out : out.slice(0, n);
}

/** Runs a sorting generator to its end at once (callers that cannot wait). */
export function runNow<T>(gen: Generator<void, T>): T {
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}

/**
 * Gives the event loop a turn once work since the last turn has run `sliceMs`: shared by the
 * steps of one answer (several runs' samples, several sorts), so short steps add up to slices.
 */
export class TurnClock {
  private since = performance.now();

  constructor(
    private nextTurn: () => Promise<void>,
    private sliceMs = 4,
  ) {}

  async tick(): Promise<void> {
    if (performance.now() - this.since < this.sliceMs) return;
    await this.nextTurn();
    this.since = performance.now();
  }
}

/**
 * Runs a sorting generator in slices of at most about `sliceMs` (or those of a shared clock),
 * giving the event loop a turn (`nextTurn`, setImmediate in the server) between them.
 */
export async function runInSteps<T>(gen: Generator<void, T>, turns: (() => Promise<void>) | TurnClock, sliceMs = 4): Promise<T> {
  const clock = turns instanceof TurnClock ? turns : new TurnClock(turns, sliceMs);
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
    await clock.tick();
  }
}
