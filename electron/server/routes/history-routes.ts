import { readyBulkIntervalJson, readyMetricHistoryJson } from '../../services/history-service';
import { HistoryChunkCache } from '../../services/history/history-chunk-cache';
import type { ServiceContext } from '../../services/service-context';
import { JsonStream } from '../json-body';
import { optInt, optString, optStringArray, reqRunId, reqString } from '../request-fields';
import type { Routes } from '../router';

/**
 * Metric histories, answered as JSON streamed from the stored points (chunked transfer
 * encoding), with the text of completed chunks cached per server (`cache`, 64 MiB by default).
 * The slow parts (sorting a history logged out of order, sampling many runs) run in slices
 * between event-loop turns before the answer starts.
 */
export function historyRoutes(routes: Routes, ctx: ServiceContext, cache = new HistoryChunkCache()): void {
  routes.mlflow('GET', '/metrics/get-history', async (m) => new JsonStream(await readyMetricHistoryJson(ctx, cache, {
    runId: reqRunId(m), key: reqString(m, 'metric_key'), maxResults: optInt(m, 'max_results'), pageToken: optString(m, 'page_token'),
  })));
  routes.mlflow('GET', '/metrics/get-history-bulk-interval', async (m) => new JsonStream(await readyBulkIntervalJson(ctx, {
    runIds: optStringArray(m, 'run_ids'), key: reqString(m, 'metric_key'),
    startStep: optInt(m, 'start_step'), endStep: optInt(m, 'end_step'), maxResults: optInt(m, 'max_results'),
  })));
}
