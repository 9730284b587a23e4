import type { MetricSeries } from '../../../shared/ipc/contract-types';
import type { ChartSettings, RunMeta } from './chart-types';
import type { PlotLine } from './plot-lines';
import { ema } from './series-math';

/** Index of the step nearest to `step` in ascending `steps`. */
function nearest(steps: readonly number[], step: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid]! < step) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && step - steps[lo - 1]! <= steps[lo]! - step ? lo - 1 : lo;
}

/**
 * The points of `y` against the value `x` had at the same step, in step order. Where `x` was
 * downsampled (fewer points than it logged), the nearest step within one of its gaps stands
 * in; otherwise only exactly matching steps pair up. Steps where either value is not finite
 * are left out.
 */
export function joinByStep(x: MetricSeries, y: MetricSeries): { steps: number[]; timestamps: number[]; x: number[]; y: number[] } {
  const out = { steps: [] as number[], timestamps: [] as number[], x: [] as number[], y: [] as number[] };
  const n = x.steps.length;
  if (n === 0) return out;
  const downsampled = x.total > n;
  const gap = n > 1 ? (x.steps[n - 1]! - x.steps[0]!) / (n - 1) : 0;
  for (let i = 0; i < y.steps.length; i++) {
    const step = y.steps[i]!;
    const j = nearest(x.steps, step);
    const off = Math.abs(x.steps[j]! - step);
    if (off !== 0 && !(downsampled && off <= gap)) continue;
    const xv = x.values[j];
    const yv = y.values[i];
    if (xv === null || xv === undefined || yv === null || yv === undefined || !Number.isFinite(xv) || !Number.isFinite(yv)) continue;
    out.steps.push(step);
    out.timestamps.push(y.timestamps[i]!);
    out.x.push(xv);
    out.y.push(yv);
  }
  return out;
}

/** Each run's line of `y` against metric `x` (see joinByStep); runs with no step in common are left out. */
export function metricXLines(runs: readonly RunMeta[], x: Record<string, MetricSeries>, y: Record<string, MetricSeries>, settings: ChartSettings): PlotLine[] {
  const out: PlotLine[] = [];
  for (const run of runs) {
    const xs = x[run.id];
    const ys = y[run.id];
    if (!xs || !ys) continue;
    const joined = joinByStep(xs, ys);
    if (joined.steps.length === 0) continue;
    const positive = (v: number | null) => (v !== null && (!settings.logY || v > 0) ? v : null);
    const raw = joined.y.map(positive);
    const smooth = settings.smoothing > 0 ? ema(joined.y, settings.smoothing).map(positive) : null;
    out.push({ run, steps: joined.steps, timestamps: joined.timestamps, x: joined.x, raw, smooth });
  }
  return out;
}
