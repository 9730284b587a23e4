import { type CallOptions, type RemoteContext } from './remote-context';
import { RemoteError } from './remote-error';
import { callSite, jsonCall, type JsonObject } from './remote-http';
import { type Query } from './remote-url';
import { toMlflowDouble, toMlflowInt } from './mlflow-values';

/** The search endpoints and the method each takes in MLflow (GET ones read the query string). */
export const SEARCH_ENDPOINTS = {
  'runs/search': 'POST',
  'experiments/search': 'POST',
  'logged-models/search': 'POST',
  'registered-models/search': 'GET',
  'model-versions/search': 'GET',
} as const;
export type SearchEndpoint = keyof typeof SEARCH_ENDPOINTS;

/** Repeated-token guard: a server that hands back a token it gave before would page forever. */
function checkToken(ctx: RemoteContext, method: string, apiPath: string, seen: Set<string>, token: string) {
  if (!seen.has(token)) return void seen.add(token);
  const site = callSite(ctx, method, apiPath);
  throw new RemoteError({ ...site, status: 200, errorCode: 'PAGING_LOOP', retryable: false, mayHaveReachedServer: false,
    message: `${site.method} ${site.path}: the server returned a page token it had returned before; stopping instead of looping` });
}

/**
 * Every page of a search, in order: follows `next_page_token` until it is absent or empty. `request`
 * is the search's fields (`filter`, `max_results`, `order_by`, ...); for GET endpoints they go in
 * the query string (arrays as repeated keys).
 */
export async function* searchPages(ctx: RemoteContext, endpoint: SearchEndpoint, request: Record<string, unknown> = {}, opts: CallOptions = {}): AsyncGenerator<JsonObject> {
  const method = SEARCH_ENDPOINTS[endpoint];
  const apiPath = `api/2.0/mlflow/${endpoint}`;
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const fields = { ...request, ...(token ? { page_token: token } : {}) };
    const page = method === 'GET'
      ? await jsonCall(ctx, 'GET', apiPath, { query: fields as Query }, opts)
      : await jsonCall(ctx, 'POST', apiPath, { body: fields }, opts);
    yield page;
    const next = page.next_page_token;
    if (typeof next !== 'string' || next === '') return;
    checkToken(ctx, method, apiPath, seen, next);
    token = next;
  }
}

export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

/**
 * MLflow's cap for one page of `metrics/get-history`. It is ALWAYS sent: without it a real server
 * answers no points and a token pointing back to the start, so a follower never ends.
 */
export const HISTORY_PAGE_SIZE = 25_000;

/** The full history of one metric, page by page; NaN and ±Infinity come back as numbers. */
export async function* metricHistoryPages(ctx: RemoteContext, runId: string, key: string, opts: CallOptions = {}): AsyncGenerator<MetricPoint[]> {
  const apiPath = 'api/2.0/mlflow/metrics/get-history';
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const query: Query = { run_id: runId, metric_key: key, max_results: HISTORY_PAGE_SIZE, ...(token ? { page_token: token } : {}) };
    const page = await jsonCall<{ metrics?: JsonObject[]; next_page_token?: string }>(ctx, 'GET', apiPath, { query }, opts);
    yield (page.metrics ?? []).map((m) => ({
      key: typeof m.key === 'string' ? m.key : key,
      value: toMlflowDouble(m.value),
      timestamp: toMlflowInt(m.timestamp),
      step: toMlflowInt(m.step),
    }));
    const next = page.next_page_token;
    if (typeof next !== 'string' || next === '') return;
    checkToken(ctx, 'GET', apiPath, seen, next);
    token = next;
  }
}
