import type { MetricSeries } from '../../shared/ipc/contract-types';
import { requireRun } from '../store/repos/runs-repo';
import type { SeriesMeta } from '../store/series-meta';
import { downsampleMinMax, MinMaxReducer } from './downsample';
import type { ServiceContext } from './service-context';

interface ChartRequest {
  runIds: string[];
  key: string;
  maxPoints: number;
  minStep?: number;
  maxStep?: number;
}

/**
 * Metric lines for charts: each run's history ordered by step, cut to [minStep, maxStep] when
 * zoomed, and downsampled here in main to about `maxPoints` points (two per pixel), so the UI
 * never receives a million points. Histories logged in step order (the usual case) stream from
 * disk through the reducer without being held whole; the range is found by binary search.
 */
export function chartSeries(ctx: ServiceContext, input: ChartRequest): MetricSeries[] {
  return input.runIds.map((runId) => {
    requireRun(ctx.store.db, runId);
    const meta = ctx.store.ctx.series.get(runId, input.key);
    const down = meta && meta.points ? (meta.byStep ? streamed(ctx, meta, input) : inMemory(ctx, meta, input)) : new Float64Array(0);
    const n = down.length / 3;
    const out: MetricSeries = { runId, key: input.key, total: meta?.points ?? 0, steps: new Array(n), timestamps: new Array(n), values: new Array(n) };
    for (let i = 0; i < n; i++) {
      out.timestamps[i] = down[i * 3]!;
      out.steps[i] = down[i * 3 + 1]!;
      const v = down[i * 3 + 2]!;
      out.values[i] = Number.isFinite(v) ? v : null;
    }
    return out;
  });
}

function streamed(ctx: ServiceContext, meta: SeriesMeta, input: ChartRequest): Float64Array {
  const files = ctx.store.ctx.files;
  const stepAt = (i: number) => files.readRaw(meta, i, 1)[1]!;
  const from = input.minStep === undefined ? 0 : firstIndex(meta.points, (i) => stepAt(i) >= input.minStep!);
  const to = input.maxStep === undefined ? meta.points : firstIndex(meta.points, (i) => stepAt(i) > input.maxStep!);
  const reducer = new MinMaxReducer(Math.max(0, to - from), input.maxPoints);
  files.forEachChunk(meta, from, to, (pts) => {
    for (let i = 0; i < pts.length; i += 3) reducer.push(pts[i]!, pts[i + 1]!, pts[i + 2]!);
  });
  return reducer.result();
}

function inMemory(ctx: ServiceContext, meta: SeriesMeta, input: ChartRequest): Float64Array {
  const pts = ctx.store.ctx.files.readAll(meta, 'step');
  const n = pts.length / 3;
  const from = input.minStep === undefined ? 0 : firstIndex(n, (i) => pts[i * 3 + 1]! >= input.minStep!);
  const to = input.maxStep === undefined ? n : firstIndex(n, (i) => pts[i * 3 + 1]! > input.maxStep!);
  return downsampleMinMax(pts.subarray(from * 3, to * 3), input.maxPoints);
}

/** First index in [0, n) passing `test`, a test that once true stays true (points ordered by step). */
function firstIndex(n: number, test: (i: number) => boolean): number {
  let a = 0;
  let b = n;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (test(mid)) b = mid;
    else a = mid + 1;
  }
  return a;
}
