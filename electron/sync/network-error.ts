import { type CallSite, RemoteError } from './remote-error';

/** Failures before the request left this machine: retrying cannot duplicate anything. */
const CONNECT_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EAI_AGAIN: 'host name lookup failed (offline?)',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/** Failures that retrying will not fix. */
const PERMANENT_CODES: Record<string, string> = {
  ENOTFOUND: 'unknown host',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS certificate issuer unknown',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
  EPROTO: 'TLS protocol error (http:// URL for an https server, or the reverse?)',
};

/** Failures after the request may have been sent: retryable, but possibly applied. */
const LOST_CODES: Record<string, string> = {
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'answer stalled',
};

/** Error codes found on an error, its causes and (for AggregateError) its members. */
function errorCodes(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 5) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const members = Array.isArray(e.errors) ? e.errors.flatMap((m) => errorCodes(m, depth + 1)) : [];
  return [...own, ...errorCodes(e.cause, depth + 1), ...members];
}

/** True for what fetch throws when the network fails (TypeError "fetch failed" / "terminated", or a coded socket error). */
export function looksLikeNetworkError(err: unknown): boolean {
  if (err instanceof TypeError && /fetch failed|terminated|other side closed/i.test(err.message)) return true;
  return errorCodes(err).some((c) => c in CONNECT_CODES || c in LOST_CODES || c in PERMANENT_CODES);
}

/** A RemoteError for a network failure (see the code tables above for what is retried). */
export function errorFromNetwork(site: CallSite, err: unknown): RemoteError {
  const codes = errorCodes(err);
  const call = `${site.method} ${site.path}`;
  const make = (code: string, what: string, retryable: boolean, mayHaveReachedServer: boolean) =>
    new RemoteError({ ...site, status: undefined, errorCode: code, message: `${call}: ${what} (${site.host}, ${code})`, retryable, mayHaveReachedServer });
  for (const code of codes) {
    const permanent = PERMANENT_CODES[code];
    if (permanent) return make(code, permanent, false, false);
  }
  for (const code of codes) {
    const connect = CONNECT_CODES[code];
    if (connect) return make(code, connect, true, false);
  }
  for (const code of codes) {
    const lost = LOST_CODES[code];
    if (lost) return make(code, lost, true, true);
  }
  const detail = err instanceof Error ? err.message : String(err);
  return make('NETWORK_ERROR', `connection lost (${detail})`, true, true);
}

/** The RemoteError for an attempt that got no (complete) answer within `ms`. */
export function timeoutError(site: CallSite, ms: number): RemoteError {
  return new RemoteError({
    ...site,
    status: undefined,
    errorCode: 'TIMEOUT',
    message: `${site.method} ${site.path}: no answer from ${site.host} within ${Math.round(ms / 1000)} s`,
    retryable: true,
    mayHaveReachedServer: true,
  });
}
