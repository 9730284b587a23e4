import { invalidParam } from '../../shared/domain/mlflow-error';
import type { Metric } from '../../shared/domain/tracking';
import { runInSteps, runNow, TurnClock } from '../store/series/sort-steps';
import type { SeriesMeta } from '../store/series-meta';
import { historyBody } from './history/history-body';
import type { HistoryChunkCache } from './history/history-chunk-cache';
import { metricEntriesWithRunId } from './history/metric-json';
import { requireRuns } from './history/require-runs';
import { sampleSteps } from './history/sample-steps';
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

/** Gives the event loop a turn (between slices of a long read). */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
 * `getMetricHistoryJson` for the server: a history logged out of order is first sorted in slices
 * between event-loop turns (its points read on the thread pool), so no request holds the loop
 * for long; the text is then written as `getMetricHistoryJson` writes it.
 */
export async function readyMetricHistoryJson(ctx: ServiceContext, cache: HistoryChunkCache, input: HistoryInput): Promise<Iterable<string | Uint8Array>> {
  const meta = ctx.store.ctx.series.get(validateRunId(input.runId), input.key);
  if (meta) await ctx.store.ctx.files.prepareSorted(meta, 'history', nextTurn);
  return getMetricHistoryJson(ctx, cache, input);
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
    out.push(...toMetrics(input.key, runNow(sampleSteps(ctx.store.ctx.files, meta, lo, hi, maxResults)), runId));
  }
  return out;
}

/**
 * get-history-bulk-interval's answer as JSON text, one piece per run, each run sampled as its
 * piece is pulled: the same text `getMetricHistoryBulkInterval`'s answer serialises to.
 */
export function getMetricHistoryBulkIntervalJson(ctx: ServiceContext, input: BulkIntervalInput): Iterable<string | Uint8Array> {
  const series = bulkIntervalSeries(ctx, input);
  return bulkIntervalPieces(input.key, (function* sampled() {
    for (const { runId, meta, lo, hi, maxResults } of series) yield { runId, pts: runNow(sampleSteps(ctx.store.ctx.files, meta, lo, hi, maxResults)) };
  })());
}

/**
 * `getMetricHistoryBulkIntervalJson` for the server: every run is sampled first, in slices between
 * event-loop turns (histories logged out of step order sorted in steps, positional reads a few
 * dozen at a time), so a chart of many runs with long histories never holds the loop for long.
 */
export async function readyBulkIntervalJson(ctx: ServiceContext, input: BulkIntervalInput): Promise<Iterable<string | Uint8Array>> {
  const files = ctx.store.ctx.files;
  const clock = new TurnClock(nextTurn);
  const sampled: { runId: string; pts: Float64Array }[] = [];
  for (const { runId, meta, lo, hi, maxResults } of bulkIntervalSeries(ctx, input)) {
    await files.prepareSorted(meta, 'step', clock);
    sampled.push({ runId, pts: await runInSteps(sampleSteps(files, meta, lo, hi, maxResults), clock) });
    await clock.tick();
  }
  return bulkIntervalPieces(input.key, sampled);
}

function bulkIntervalPieces(key: string, sampled: Iterable<{ runId: string; pts: Float64Array }>): Iterable<string> {
  return (function* pieces() {
    let any = false;
    for (const { runId, pts } of sampled) {
      if (pts.length === 0) continue;
      yield any ? ',' : '{"metrics":[';
      yield metricEntriesWithRunId(pts, key, runId);
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
  requireRuns(ctx.store.db, input.runIds, validateRunId);
  const metas = ctx.store.ctx.series.getMany(input.runIds, input.key);
  const out: { runId: string; meta: SeriesMeta; lo: number; hi: number; maxResults: number }[] = [];
  input.runIds.forEach((runId, i) => {
    const meta = metas[i];
    if (meta && meta.points > 0) out.push({ runId, meta, lo: input.startStep ?? -Infinity, hi: input.endStep ?? Infinity, maxResults });
  });
  return out;
}
