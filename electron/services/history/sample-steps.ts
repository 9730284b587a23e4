import { copyPoint } from '../../store/series/sort-steps';
import type { SortedSnapshot } from '../../store/series/sorted-views';
import type { SeriesMeta } from '../../store/series-meta';

/** The reads step sampling needs (SeriesFiles' public API). */
export interface StepReads {
  readRaw(meta: SeriesMeta, start: number, count: number): Float64Array;
  sortedSnapshot(meta: SeriesMeta, by: 'step'): SortedSnapshot;
}

/** A span of at most this many bytes is read whole and picked from, rather than point by point. */
const SPAN_READ_BYTES = 1 << 20;
/** Positional reads between two yields. */
const READS_PER_YIELD = 64;

/**
 * A history's points at up to `maxResults` evenly spaced positions among those with a step in
 * [lo, hi], in step order, always keeping the first and the last (as MLflow does, so 320 asked can
 * give 321). A history logged in step order is read by position (binary search, then the picks),
 * so the cost does not grow with its length; one logged out of step order is read from its sorted
 * view. Yields every few dozen reads (run it with runNow or runInSteps).
 */
export function* sampleSteps(files: StepReads, meta: SeriesMeta, lo: number, hi: number, maxResults: number): Generator<void, Float64Array> {
  const sorted = meta.byStep ? null : files.sortedSnapshot(meta, 'step');
  const count = sorted ? sorted.order.length : meta.points;
  const one = new Float64Array(3);
  const at = (i: number): Float64Array => {
    if (!sorted) return files.readRaw(meta, i, 1);
    copyPoint(sorted.blocks, sorted.order[i]!, one, 0);
    return one;
  };
  const span = (from: number, n: number): Float64Array => {
    if (!sorted) return files.readRaw(meta, from, n);
    const out = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) out.set(at(from + i), i * 3);
    return out;
  };
  const firstAtOrAbove = (step: number) => {
    let a = 0;
    let b = count;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (at(mid)[1]! < step) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  const from = lo === -Infinity ? 0 : firstAtOrAbove(lo);
  const to = hi === Infinity ? count : firstAtOrAbove(hi + 1);
  const n = to - from;
  if (n <= 0) return new Float64Array(0);
  if (n <= maxResults) return span(from, n);
  const picks: number[] = [];
  for (let k = 0; k < maxResults; k++) picks.push(from + Math.floor((k * n) / maxResults));
  if (picks[picks.length - 1] !== to - 1) picks.push(to - 1);
  const out = new Float64Array(picks.length * 3);
  if (sorted || n * 24 <= SPAN_READ_BYTES) {
    const all = sorted ? null : span(from, n);
    picks.forEach((idx, j) => out.set(all ? all.subarray((idx - from) * 3, (idx - from) * 3 + 3) : at(idx), j * 3));
    return out;
  }
  for (let j = 0; j < picks.length; j++) {
    out.set(at(picks[j]!), j * 3);
    if ((j + 1) % READS_PER_YIELD === 0) yield;
  }
  return out;
}
