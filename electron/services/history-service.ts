import { invalidParam } from '../../shared/domain/mlflow-error';
import type { Metric } from '../../shared/domain/tracking';
import { requireRun } from '../store/repos/runs-repo';
import type { SeriesMeta } from '../store/series-meta';
import { historyBody } from './history/history-body';
import type { HistoryChunkCache } from './history/history-chunk-cache';
import { metricEntriesWithRunId } from './history/metric-json';
import { page } from './page-token';
import type { ServiceContext } from './service-context';
import { validateRunId } from './validation';

const toMetrics = (key: string, pts: Float64Array, runId?: string): Metric[] => {
  const out: Metric[] = new Array(pts.length / 3);
  for (let i = 0; i < out.length; i++) {
    out[i] = { key, value: pts[i * 3 + 2]!, timestamp: pts[i * 3]!, step: pts[i * 3 + 1]!, ...(runId ? { run_id: runId } : {}) };
  }
  return out;
};

function seriesOf(ctx: ServiceContext, runId: string, key: string): SeriesMeta | undefined {
  requireRun(ctx.store.db, validateRunId(runId));
  return ctx.store.ctx.series.get(runId, key);
}

interface HistoryInput {
  runId: string;
  key: string;
  maxResults?: number;
  pageToken?: string;
}

/** The series and the page of it asked for (checked as MLflow checks them). */
function historyPage(ctx: ServiceContext, input: HistoryInput) {
  const meta = ctx.store.ctx.series.get(validateRunId(input.runId), input.key);
  const total = meta ? ctx.store.ctx.files.historyLength(meta) : 0;
  if (input.maxResults !== undefined && input.maxResults <= 0) throw invalidParam('max_results must be positive.');
  return { meta, total, ...page(total, input.maxResults ?? Number.MAX_SAFE_INTEGER, input.pageToken) };
}

/**
 * metrics/get-history: the whole history in (timestamp, step, value) order, paged when asked.
 * A run that does not exist has an empty history, as MLflow answers.
 */
export function getMetricHistory(ctx: ServiceContext, input: HistoryInput) {
  const { meta, start, end, next } = historyPage(ctx, input);
  const pts = meta ? ctx.store.ctx.files.readOrdered(meta, start, end - start) : new Float64Array(0);
  return { metrics: toMetrics(input.key, pts), nextPageToken: next };
}

/**
 * metrics/get-history's answer as JSON text in pieces, written from the stored points chunk by
 * chunk (completed chunks' text cached): the same text `getMetricHistory`'s answer serialises to.
 */
export function getMetricHistoryJson(ctx: ServiceContext, cache: HistoryChunkCache, input: HistoryInput): Iterable<string | Uint8Array> {
  const { meta, total, start, end, next } = historyPage(ctx, input);
  return historyBody(ctx.store.ctx.files, meta, { total, start, end, next }, cache.useFor(ctx.store.ctx.files));
}

export interface BulkIntervalInput {
  runIds: string[];
  key: string;
  startStep?: number;
  endStep?: number;
  maxResults?: number;
}

/**
 * metrics/get-history-bulk-interval: per run, the points at up to `max_results` evenly spaced
 * steps in [start_step, end_step], always keeping the first and the last (as MLflow does, so
 * 320 asked can give 321). Runs whose steps never decreased are sampled with positional reads
 * and binary search, so the cost does not grow with the history's length.
 */
export function getMetricHistoryBulkInterval(ctx: ServiceContext, input: BulkIntervalInput): Metric[] {
  const out: Metric[] = [];
  for (const { runId, meta, lo, hi, maxResults } of bulkIntervalSeries(ctx, input)) {
    out.push(...toMetrics(input.key, sampleByStep(ctx, meta, lo, hi, maxResults), runId));
  }
  return out;
}

/**
 * get-history-bulk-interval's answer as JSON text, one piece per run, each run sampled as its
 * piece is pulled: the same text `getMetricHistoryBulkInterval`'s answer serialises to.
 */
export function getMetricHistoryBulkIntervalJson(ctx: ServiceContext, input: BulkIntervalInput): Iterable<string | Uint8Array> {
  const series = bulkIntervalSeries(ctx, input);
  return (function* pieces() {
    let any = false;
    for (const { runId, meta, lo, hi, maxResults } of series) {
      const pts = sampleByStep(ctx, meta, lo, hi, maxResults);
      if (pts.length === 0) continue;
      yield any ? ',' : '{"metrics":[';
      yield metricEntriesWithRunId(pts, input.key, runId);
      any = true;
    }
    yield any ? ']}' : '{}';
  })();
}

/** The request checked as MLflow checks it, and each asked run's series (every run must exist). */
function bulkIntervalSeries(ctx: ServiceContext, input: BulkIntervalInput) {
  const maxResults = input.maxResults ?? 2500;
  if (input.runIds.length === 0) throw invalidParam('GetMetricHistoryBulkInterval request must specify at least one run_id.');
  if (input.runIds.length > 100) throw invalidParam(`GetMetricHistoryBulkInterval request cannot specify more than 100 run_ids. Received ${input.runIds.length} run_ids.`);
  if (maxResults < 1 || maxResults > 2500) throw invalidParam(`max_results must be between 1 and 2500, got ${maxResults}.`);
  if ((input.startStep === undefined) !== (input.endStep === undefined)) throw invalidParam('If either start step or end step are specified, both must be specified.');
  if (input.startStep !== undefined && input.startStep > input.endStep!) throw invalidParam('end_step must be greater than start_step.');
  const out: { runId: string; meta: SeriesMeta; lo: number; hi: number; maxResults: number }[] = [];
  for (const runId of input.runIds) {
    const meta = seriesOf(ctx, runId, input.key);
    if (meta && meta.points > 0) out.push({ runId, meta, lo: input.startStep ?? -Infinity, hi: input.endStep ?? Infinity, maxResults });
  }
  return out;
}

function sampleByStep(ctx: ServiceContext, meta: SeriesMeta, lo: number, hi: number, maxResults: number): Float64Array {
  const files = ctx.store.ctx.files;
  const byStep = meta.byStep ? null : files.readAll(meta, 'step');
  const at = (i: number) => (byStep ? byStep.subarray(i * 3, i * 3 + 3) : files.readRaw(meta, i, 1));
  const firstAtOrAbove = (step: number) => {
    let a = 0;
    let b = meta.points;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (at(mid)[1]! < step) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  const from = firstAtOrAbove(lo);
  const to = hi === Infinity ? meta.points : firstAtOrAbove(hi + 1);
  const n = to - from;
  if (n <= 0) return new Float64Array(0);
  if (n <= maxResults) return byStep ? byStep.slice(from * 3, to * 3) : files.readRaw(meta, from, n);
  const picks: number[] = [];
  for (let k = 0; k < maxResults; k++) picks.push(from + Math.floor((k * n) / maxResults));
  if (picks[picks.length - 1] !== to - 1) picks.push(to - 1);
  const out = new Float64Array(picks.length * 3);
  picks.forEach((idx, j) => out.set(at(idx), j * 3));
  return out;
}
