import { type RemoteAuth } from './remote-auth';
import { parseRemoteUrl, type RemoteUrl } from './remote-url';
import { type RemoteLogEvent, type RetryDeps, type Sleep } from './retry-loop';
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

export interface RemoteClientOptions {
  /** `http(s)://host[:port][/prefix]`; requests go to `<url>/api/2.0/mlflow/...`. */
  url: string;
  auth: RemoteAuth;
  fetchImpl?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  log?: (event: RemoteLogEvent) => void;
  sleep?: Sleep;
  random?: () => number;
  /** An attempt fails after this long without progress (default 120 s, as MLflow's client). */
  timeoutMs?: number;
  /** Files at least this large use multipart upload when the server offers it (default 100 MiB). */
  multipartThreshold?: number;
  /** Multipart part size (default 16 MiB; grown so that a file never needs more than 10,000 parts). */
  partSize?: number;
  /** Parts uploaded at once (default 4). */
  partConcurrency?: number;
}

/** Everything a transport function needs, resolved once from the options. */
export interface RemoteContext {
  url: RemoteUrl;
  auth: RemoteAuth;
  fetchImpl: typeof fetch;
  retry: RetryDeps;
  timeoutMs: number;
  multipartThreshold: number;
  partSize: number;
  partConcurrency: number;
}

/** Per call: cancel, retry or not (for non-idempotent requests), and a timeout other than the default. */
export interface CallOptions {
  signal?: AbortSignal;
  retry?: boolean;
  timeoutMs?: number;
}

const MiB = 1024 * 1024;

export function createRemoteContext(opts: RemoteClientOptions): RemoteContext {
  return {
    url: parseRemoteUrl(opts.url),
    auth: opts.auth,
    fetchImpl: opts.fetchImpl ?? fetch,
    retry: {
      policy: { ...DEFAULT_RETRY_POLICY, ...opts.retry },
      sleep: opts.sleep ?? abortableSleep,
      random: opts.random ?? Math.random,
      ...(opts.log ? { log: opts.log } : {}),
    },
    timeoutMs: opts.timeoutMs ?? 120_000,
    multipartThreshold: opts.multipartThreshold ?? 100 * MiB,
    partSize: opts.partSize ?? 16 * MiB,
    partConcurrency: opts.partConcurrency ?? 4,
  };
}

export const attemptOptions = (ctx: RemoteContext, opts: CallOptions = {}) => ({
  timeoutMs: opts.timeoutMs ?? ctx.timeoutMs,
  ...(opts.signal ? { signal: opts.signal } : {}),
  ...(opts.retry === undefined ? {} : { retry: opts.retry }),
});
