import type { MetricSeries } from '../../shared/ipc/contract-types';
import { snapshotEntries } from '../store/series/sorted-views';
import type { SeriesMeta } from '../store/series-meta';
import { MinMaxReducer } from './downsample';
import { nextTurn } from './history-service';
import { requireRuns } from './history/require-runs';
import type { ServiceContext } from './service-context';
import { validateRunId } from './validation';

interface ChartRequest {
  runIds: string[];
  key: string;
  maxPoints: number;
  minStep?: number;
  maxStep?: number;
}

/** Points reduced between two event-loop turns (about a millisecond of work). */
const CHUNK_POINTS = 32_768;

/**
 * Metric lines for charts: each run's history ordered by step, cut to [minStep, maxStep] when
 * zoomed, and downsampled here in main to about `maxPoints` points (two per pixel), so the UI
 * never receives a million points. Histories logged in step order (the usual case) stream from
 * disk (read on the thread pool) through the reducer without being held whole; the range is found
 * by binary search. Others are read from their sorted view, made in slices. The event loop gets a
 * turn between chunks, so a chart of many long histories never holds it for long.
 */
export async function chartSeries(ctx: ServiceContext, input: ChartRequest): Promise<MetricSeries[]> {
  requireRuns(ctx.store.db, input.runIds, validateRunId);
  const metas = ctx.store.ctx.series.getMany(input.runIds, input.key);
  const out: MetricSeries[] = [];
  for (const [i, runId] of input.runIds.entries()) {
    const meta = metas[i];
    const down = meta && meta.points ? await (meta.byStep ? streamed(ctx, meta, input) : fromSortedView(ctx, meta, input)) : new Float64Array(0);
    const n = down.length / 3;
    const line: MetricSeries = { runId, key: input.key, total: meta?.points ?? 0, steps: new Array(n), timestamps: new Array(n), values: new Array(n) };
    for (let j = 0; j < n; j++) {
      line.timestamps[j] = down[j * 3]!;
      line.steps[j] = down[j * 3 + 1]!;
      const v = down[j * 3 + 2]!;
      line.values[j] = Number.isFinite(v) ? v : null;
    }
    out.push(line);
  }
  return out;
}

async function streamed(ctx: ServiceContext, meta: SeriesMeta, input: ChartRequest): Promise<Float64Array> {
  const files = ctx.store.ctx.files;
  const count = meta.points; // points logged meanwhile are not this answer's
  const stepAt = (i: number) => files.readRaw(meta, i, 1)[1]!;
  const from = input.minStep === undefined ? 0 : firstIndex(count, (i) => stepAt(i) >= input.minStep!);
  const to = input.maxStep === undefined ? count : firstIndex(count, (i) => stepAt(i) > input.maxStep!);
  const reducer = new MinMaxReducer(Math.max(0, to - from), input.maxPoints);
  for (let at = from; at < to; at += CHUNK_POINTS) {
    const pts = await files.readRawLater(meta, at, Math.min(CHUNK_POINTS, to - at));
    for (let i = 0; i < pts.length; i += 3) reducer.push(pts[i]!, pts[i + 1]!, pts[i + 2]!);
  }
  return reducer.result();
}

async function fromSortedView(ctx: ServiceContext, meta: SeriesMeta, input: ChartRequest): Promise<Float64Array> {
  const files = ctx.store.ctx.files;
  await files.prepareSorted(meta, 'step', nextTurn);
  const snap = files.sortedSnapshot(meta, 'step');
  const n = snap.order.length;
  const stepAt = (i: number) => snapshotEntries(snap, i, 1)[1]!;
  const from = input.minStep === undefined ? 0 : firstIndex(n, (i) => stepAt(i) >= input.minStep!);
  const to = input.maxStep === undefined ? n : firstIndex(n, (i) => stepAt(i) > input.maxStep!);
  const reducer = new MinMaxReducer(Math.max(0, to - from), input.maxPoints);
  for (let at = from; at < to; at += CHUNK_POINTS) {
    if (at > from) await nextTurn();
    const pts = snapshotEntries(snap, at, Math.min(CHUNK_POINTS, to - at));
    for (let i = 0; i < pts.length; i += 3) reducer.push(pts[i]!, pts[i + 1]!, pts[i + 2]!);
  }
  return reducer.result();
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
