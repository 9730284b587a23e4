import type { XMode } from './chart-types';

/**
 * Exponential moving average with TensorBoard's debiasing (the first points are not pulled
 * towards zero). Gaps (null) stay gaps and do not reset the average.
 */
export function ema(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (weight <= 0) return values.slice();
  const w = Math.min(weight, 0.999);
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    last = last * w + (1 - w) * v;
    n++;
    return last / (1 - w ** n);
  });
}

/** The p-th percentile (0–100) of ascending values, interpolating linearly between ranks (numpy's default). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** The y-range that ignores outliers: the 1st to 99th percentile of the finite values (positive only on a log axis). */
export function outlierBounds(values: Iterable<number | null>, logY: boolean): { min: number; max: number } | null {
  const kept: number[] = [];
  for (const v of values) if (v !== null && Number.isFinite(v) && (!logY || v > 0)) kept.push(v);
  if (kept.length < 3) return null;
  kept.sort((a, b) => a - b);
  return { min: percentile(kept, 1), max: percentile(kept, 99) };
}

/** A point's x in the chosen mode: the step, the wall time (ms), or seconds since the run started. */
export function toX(mode: XMode, step: number, timestamp: number, startTime: number): number {
  if (mode === 'step') return step;
  if (mode === 'wall') return timestamp;
  return (timestamp - startTime) / 1000;
}

/** Seconds as a short duration: 45s, 3m 05s, 2h 03m, 1d 04h. */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  if (s < 60) return `${sign}${Number(s.toFixed(s < 10 ? 1 : 0))}s`;
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86400) return `${sign}${Math.floor(s / 3600)}h ${pad((s % 3600) / 60)}m`;
  return `${sign}${Math.floor(s / 86400)}d ${pad((s % 86400) / 3600)}h`;
}

/** A metric value for display: integers as they are, others to 6 significant digits. */
export function formatValue(v: number | null): string {
  if (v === null || Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  return Number(v.toPrecision(6)).toString();
}
