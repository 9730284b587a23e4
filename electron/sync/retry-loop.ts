import { looksLikeNetworkError, errorFromNetwork, timeoutError } from './network-error';
import { type CallSite, RemoteError } from './remote-error';
import { type RetryPolicy, retryDelayMs } from './retry-policy';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What the client tells its logger: one event per retry, never a credential. */
export interface RemoteLogEvent {
  kind: 'retry';
  method: string;
  path: string;
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface RetryDeps {
  policy: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  log?: (event: RemoteLogEvent) => void;
}

export interface AttemptOptions {
  signal?: AbortSignal;
  /** false: one attempt only (for non-idempotent requests the caller checks itself). */
  retry?: boolean;
  /** An attempt fails when nothing moved for this long (headers, or body bytes either way). */
  timeoutMs: number;
}

/** Handed to each attempt: its own signal (user cancel + inactivity timeout), and `touch` to say data moved. */
export interface AttemptControl {
  signal: AbortSignal;
  touch(): void;
}

/** An inactivity timer that aborts `controller` after `ms` without a touch. */
function idleTimer(ms: number, controller: AbortController) {
  let last = Date.now();
  let fired = false;
  let timer: ReturnType<typeof setTimeout>;
  const arm = (wait: number) => {
    timer = setTimeout(() => {
      const idle = Date.now() - last;
      if (idle < ms) return arm(ms - idle);
      fired = true;
      controller.abort(new Error('attempt timed out'));
    }, wait);
  };
  arm(ms);
  return { touch: () => void (last = Date.now()), fired: () => fired, stop: () => clearTimeout(timer) };
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or the policy's attempts are
 * spent; waits between attempts (Retry-After or full-jitter backoff). A cancel (opts.signal) rejects
 * with the signal's reason at once. The final RemoteError's `mayHaveReachedServer` is true when any
 * attempt may have been applied, and `attempts` says how many were made. Errors that are neither
 * RemoteErrors nor network failures (a local file that cannot be read) are rethrown unchanged.
 */
export async function withRetries<T>(site: CallSite, deps: RetryDeps, opts: AttemptOptions, attempt: (ctl: AttemptControl) => Promise<T>): Promise<T> {
  const maxAttempts = opts.retry === false ? 1 : Math.max(1, deps.policy.maxAttempts);
  let reached = false;
  for (let n = 1; ; n++) {
    opts.signal?.throwIfAborted();
    const controller = new AbortController();
    const onAbort = () => controller.abort(opts.signal?.reason);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = idleTimer(opts.timeoutMs, controller);
    let error: RemoteError;
    try {
      return await attempt({ signal: controller.signal, touch: timer.touch });
    } catch (err) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      if (timer.fired()) error = timeoutError(site, opts.timeoutMs);
      else if (err instanceof RemoteError) error = err;
      else if (looksLikeNetworkError(err)) error = errorFromNetwork(site, err);
      else throw err;
    } finally {
      timer.stop();
      opts.signal?.removeEventListener('abort', onAbort);
    }
    reached ||= error.mayHaveReachedServer;
    if (!error.retryable || n >= maxAttempts) {
      error.mayHaveReachedServer = reached;
      error.attempts = n;
      if (n > 1) error.message += ` (gave up after ${n} attempts)`;
      throw error;
    }
    const delayMs = retryDelayMs(deps.policy, n, deps.random, error.retryAfterMs);
    deps.log?.({ kind: 'retry', method: site.method, path: site.path, attempt: n, delayMs, reason: error.message });
    await deps.sleep(delayMs, opts.signal);
  }
}
