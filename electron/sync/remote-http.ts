import { redactSecret } from '../secrets/redact-secrets';
import { parseMlflowJson, stringifyMlflowJson } from '../server/mlflow-json';
import { authorizationHeader } from './remote-auth';
import { attemptOptions, type CallOptions, type RemoteContext } from './remote-context';
import { type CallSite, RemoteError } from './remote-error';
import { buildUrl, type Query } from './remote-url';
import { errorFromResponse } from './response-error';
import { withRetries } from './retry-loop';

const USER_AGENT = 'sextant-sync';
/** Error bodies are read up to this size; anything longer is not an MLflow error message. */
const MAX_ERROR_BODY = 64 * 1024;

export type JsonObject = Record<string, unknown>;

export const callSite = (ctx: RemoteContext, method: string, apiPath: string): CallSite =>
  ({ method, path: `/${apiPath.replace(/^\/+/, '')}`, host: ctx.url.host });

/**
 * Request headers: auth (when `withAuth`), a user agent, and the extras. Never an Origin header:
 * MLflow ≥ 3.5 blocks state-changing requests that carry one (Node's fetch adds none).
 */
export function requestHeaders(ctx: RemoteContext, extra: Record<string, string> = {}, withAuth = true): Record<string, string> {
  const auth = withAuth ? authorizationHeader(ctx.auth) : undefined;
  return { 'user-agent': USER_AGENT, ...(auth ? { authorization: auth } : {}), ...extra };
}

async function readBounded(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_ERROR_BODY) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Throws the RemoteError for a redirect or a non-2xx answer (reading at most 64 KiB of its body). */
export async function throwIfFailed(ctx: RemoteContext, site: CallSite, res: Response): Promise<void> {
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel().catch(() => undefined);
    const location = res.headers.get('location') ?? '(no location)';
    throw new RemoteError({
      ...site, status: res.status, errorCode: 'REDIRECT', retryable: false, mayHaveReachedServer: false,
      message: `${site.method} ${site.path}: the server redirects to ${location}: use that address as the remote URL`,
    });
  }
  if (res.status >= 200 && res.status < 300) return;
  // a server or proxy may echo the request's Authorization header: scrub this remote's secret
  // before the text reaches an error, a job view, the CLI's output or a log
  const body = redactSecret(await readBounded(res).catch(() => ''), ctx.auth);
  throw errorFromResponse(site, ctx.auth.kind, res.status, body, res.headers.get('retry-after'));
}

/** Parses a 2xx JSON answer; an empty body is `{}`. Bare NaN/Infinity tokens become numbers. */
function parseAnswer(site: CallSite, text: string): JsonObject {
  try {
    const value = parseMlflowJson(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
  } catch {
    // reported below
  }
  throw new RemoteError({
    ...site, status: 200, errorCode: 'BAD_RESPONSE', retryable: false, mayHaveReachedServer: true,
    message: `${site.method} ${site.path}: the answer is not MLflow JSON: is ${site.host} an MLflow tracking server (and the URL prefix right)?`,
  });
}

export interface JsonRequest {
  query?: Query;
  body?: unknown;
}

/**
 * One MLflow JSON call (`apiPath` like `api/2.0/mlflow/runs/create`), with retries. The body is sent
 * in MLflow's JSON dialect with `Content-Type: application/json`; the whole answer is read inside
 * the attempt, so an answer cut in the middle is retried like a lost connection.
 */
export function jsonCall<T = JsonObject>(ctx: RemoteContext, method: string, apiPath: string, req: JsonRequest = {}, opts: CallOptions = {}): Promise<T> {
  const site = callSite(ctx, method, apiPath);
  const url = buildUrl(ctx.url.base, apiPath, req.query);
  const body = req.body === undefined ? undefined : stringifyMlflowJson(req.body);
  const headers = requestHeaders(ctx, { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) });
  return withRetries(site, ctx.retry, attemptOptions(ctx, opts), async ({ signal }) => {
    const res = await ctx.fetchImpl(url, { method, headers, signal, redirect: 'manual', ...(body === undefined ? {} : { body }) });
    await throwIfFailed(ctx, site, res);
    return parseAnswer(site, await res.text()) as T;
  });
}

/** A plain-text GET (e.g. `/version`), with retries. */
export function textCall(ctx: RemoteContext, apiPath: string, opts: CallOptions = {}): Promise<string> {
  const site = callSite(ctx, 'GET', apiPath);
  const url = buildUrl(ctx.url.base, apiPath);
  return withRetries(site, ctx.retry, attemptOptions(ctx, opts), async ({ signal }) => {
    const res = await ctx.fetchImpl(url, { method: 'GET', headers: requestHeaders(ctx), signal, redirect: 'manual' });
    await throwIfFailed(ctx, site, res);
    return (await res.text()).trim();
  });
}
