import { parseMlflowJson } from '../server/mlflow-json';
import type { RemoteAuth } from './remote-auth';
import { type CallSite, oneLine, RemoteError } from './remote-error';
import { isRetryableStatus, parseRetryAfter } from './retry-policy';

const SYNTHETIC_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'ENDPOINT_NOT_FOUND',
  408: 'DEADLINE_EXCEEDED',
  409: 'RESOURCE_CONFLICT',
  429: 'REQUEST_LIMIT_EXCEEDED',
  501: 'NOT_IMPLEMENTED',
  503: 'TEMPORARILY_UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const HOST_REBINDING = 'Invalid Host header';
const CROSS_ORIGIN = 'Cross-origin request blocked';

interface ErrorBody {
  code: string | undefined;
  text: string;
}

/** MLflow's `{error_code, message}`, or the first line of a short plain-text body; HTML is not shown. */
function readErrorBody(body: string): ErrorBody {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value = parseMlflowJson(trimmed) as Record<string, unknown>;
      const code = typeof value.error_code === 'string' ? value.error_code : undefined;
      const text = typeof value.message === 'string' ? value.message : '';
      return { code, text };
    } catch {
      // fall through: not JSON after all
    }
  }
  if (trimmed === '' || /^<(!doctype|html|\?xml)/i.test(trimmed)) return { code: undefined, text: '' };
  return { code: undefined, text: oneLine(trimmed, 200) };
}

/** What MLflow's SQL store says, as a 400, when the server is overloaded rather than the request wrong. */
const SERVER_BUSY = /QueuePool limit of size \d+ overflow \d+ reached|database is locked/;

/**
 * The RemoteError for a non-2xx answer. A 403 from MLflow's DNS-rebinding guard is a configuration
 * problem (the host is not in --allowed-hosts), never retried; 401/403 say that authentication failed.
 */
export function errorFromResponse(site: CallSite, auth: RemoteAuth['kind'], status: number, body: string, retryAfter: string | null, now = Date.now()): RemoteError {
  const { code, text } = readErrorBody(body);
  const errorCode = code ?? SYNTHETIC_CODES[status] ?? 'INTERNAL_ERROR';
  const call = `${site.method} ${site.path}`;
  let message: string;
  // A SQL-backed MLflow server that runs out of database connections (SQLAlchemy's pool) or finds
  // SQLite locked answers 400, though nothing is wrong with the request: it is busy, so try again.
  let retryable = isRetryableStatus(status) || (status === 400 && SERVER_BUSY.test(text));
  if (status === 403 && text.includes(HOST_REBINDING)) {
    retryable = false;
    message = `${call}: the server at ${site.host} refuses its own host name (HTTP 403 "${HOST_REBINDING}"): ` +
      `start mlflow server with --allowed-hosts including ${site.host} (or set MLFLOW_SERVER_ALLOWED_HOSTS)`;
    return new RemoteError({ ...site, status, errorCode: 'HOST_NOT_ALLOWED', message, retryable, mayHaveReachedServer: false });
  }
  if (status === 403 && text.includes(CROSS_ORIGIN)) {
    message = `${call}: the server blocked the request as cross-origin (HTTP 403): an Origin header was sent; this is a bug in Sextant`;
    return new RemoteError({ ...site, status, errorCode: 'CROSS_ORIGIN_BLOCKED', message, retryable: false, mayHaveReachedServer: false });
  }
  if (status === 401) {
    message = auth === 'none'
      ? `${call}: authentication required by ${site.host} (HTTP 401): add a user name and password or a token to the remote`
      : `${call}: authentication failed at ${site.host} (HTTP 401): check the user name and password or the token`;
  } else if (status === 403) {
    message = `${call}: permission denied by ${site.host} (HTTP 403${auth === 'none' ? ', no credentials sent' : ''})${text ? `: ${text}` : ''}`;
  } else {
    message = `${call}: HTTP ${status} ${errorCode}${text ? `: ${text}` : body.trim() ? ' (answer was not MLflow JSON)' : ''}`;
  }
  const retryAfterMs = retryable ? parseRetryAfter(retryAfter, now) : undefined;
  return new RemoteError({
    ...site,
    status,
    errorCode,
    message,
    retryable,
    // 408/429 mean "not processed"; a 5xx may come after the server did part or all of the work.
    mayHaveReachedServer: status >= 500 || retryable,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
