/** Where a failed call went: enough to say what failed, never credentials. */
export interface CallSite {
  method: string;
  /** The request path below the remote's base URL, without the query string. */
  path: string;
  /** `host[:port]` of the remote. */
  host: string;
}

export interface RemoteErrorInit extends CallSite {
  /** HTTP status, or undefined when no answer came (network error, timeout). */
  status: number | undefined;
  /** MLflow's `error_code` when the server sent one, else a code made up from the status or failure. */
  errorCode: string;
  /** One line for people; already names the call. */
  message: string;
  retryable: boolean;
  /** True when this attempt may have taken effect on the server (5xx, connection lost after sending). */
  mayHaveReachedServer: boolean;
  /** The server's Retry-After, in ms, when it sent one. */
  retryAfterMs?: number;
}

/**
 * A failed call to a remote MLflow server. `message` is one readable line (never a stack trace);
 * `mayHaveReachedServer` is true when any attempt of the call may have been applied by the server,
 * so a caller can look for the effect before repeating a non-idempotent request.
 */
export class RemoteError extends Error {
  override name = 'RemoteError';
  readonly status: number | undefined;
  readonly errorCode: string;
  readonly retryable: boolean;
  readonly method: string;
  readonly path: string;
  readonly host: string;
  mayHaveReachedServer: boolean;
  readonly retryAfterMs: number | undefined;
  /** How many attempts were made before giving up (set by the retry loop). */
  attempts = 1;

  constructor(init: RemoteErrorInit) {
    super(oneLine(init.message));
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.retryable = init.retryable;
    this.method = init.method;
    this.path = init.path;
    this.host = init.host;
    this.mayHaveReachedServer = init.mayHaveReachedServer;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** Collapses whitespace and newlines and bounds the length, so a message is always one line. */
export function oneLine(text: string, max = 500): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const isRemoteError = (err: unknown): err is RemoteError => err instanceof RemoteError;
