import { getMetricHistory, getMetricHistoryBulkInterval } from '../../services/history-service';
import type { ServiceContext } from '../../services/service-context';
import { optInt, optString, optStringArray, reqRunId, reqString } from '../request-fields';
import type { Routes } from '../router';

export function historyRoutes(routes: Routes, ctx: ServiceContext): void {
  routes.mlflow('GET', '/metrics/get-history', (m) => {
    const { metrics, nextPageToken } = getMetricHistory(ctx, {
      runId: reqRunId(m), key: reqString(m, 'metric_key'), maxResults: optInt(m, 'max_results'), pageToken: optString(m, 'page_token'),
    });
    return { ...(metrics.length ? { metrics } : {}), ...(nextPageToken ? { next_page_token: nextPageToken } : {}) };
  });
  routes.mlflow('GET', '/metrics/get-history-bulk-interval', (m) => {
    const metrics = getMetricHistoryBulkInterval(ctx, {
      runIds: optStringArray(m, 'run_ids'), key: reqString(m, 'metric_key'),
      startStep: optInt(m, 'start_step'), endStep: optInt(m, 'end_step'), maxResults: optInt(m, 'max_results'),
    });
    return metrics.length ? { metrics } : {};
  });
}
