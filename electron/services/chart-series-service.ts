import type { MetricSeries } from '../../shared/ipc/contract-types';
import { requireRun } from '../store/repos/runs-repo';
import { downsampleMinMax } from './downsample';
import type { ServiceContext } from './service-context';

/**
 * Metric lines for charts: each run's history ordered by step, cut to [minStep, maxStep] when
 * zoomed, and downsampled here in main to about `maxPoints` points (two per pixel), so the UI
 * never receives a million points.
 */
export function chartSeries(ctx: ServiceContext, input: { runIds: string[]; key: string; maxPoints: number; minStep?: number; maxStep?: number }): MetricSeries[] {
  const { series, files } = ctx.store.ctx;
  return input.runIds.map((runId) => {
    requireRun(ctx.store.db, runId);
    const meta = series.get(runId, input.key);
    let pts = meta && meta.points ? (meta.byStep ? files.readRaw(meta, 0, meta.points) : files.readAll(meta, 'step')) : new Float64Array(0);
    const total = pts.length / 3;
    if (input.minStep !== undefined || input.maxStep !== undefined) pts = cutSteps(pts, input.minStep ?? -Infinity, input.maxStep ?? Infinity);
    const down = downsampleMinMax(pts, input.maxPoints);
    const n = down.length / 3;
    const out: MetricSeries = { runId, key: input.key, total, steps: new Array(n), timestamps: new Array(n), values: new Array(n) };
    for (let i = 0; i < n; i++) {
      out.timestamps[i] = down[i * 3]!;
      out.steps[i] = down[i * 3 + 1]!;
      const v = down[i * 3 + 2]!;
      out.values[i] = Number.isFinite(v) ? v : null;
    }
    return out;
  });
}

function cutSteps(pts: Float64Array, lo: number, hi: number): Float64Array {
  return pts.subarray(firstIndex(pts, (s) => s >= lo) * 3, firstIndex(pts, (s) => s > hi) * 3);
}

/** First point index whose step passes `test` (a test that, once true, stays true: points are ordered by step). */
function firstIndex(pts: Float64Array, test: (step: number) => boolean): number {
  let a = 0;
  let b = pts.length / 3;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (test(pts[mid * 3 + 1]!)) b = mid;
    else a = mid + 1;
  }
  return a;
}
