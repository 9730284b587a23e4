// Load generation: a closed loop with a fixed number of requests in flight (for throughput and
// latency), and a bounded-concurrency pool plus retry helper (for seeding, which is not measured).
import { type HttpResponse } from './http';
import { Samples } from './stats';

export interface ClosedLoopOptions {
  /** Requests in flight. */
  concurrency: number;
  /** Run (and discard) this long before the measured window. */
  warmupMs: number;
  /** Length of the measured window. */
  durationMs: number;
  /**
   * Keep the window open past durationMs until at least this many requests completed in it (for
   * slow servers, where a short window holds only a handful of completions), up to 6× durationMs.
   */
  minRequests?: number;
}

export interface ClosedLoopResult {
  /** Successful (HTTP 200) requests completed inside the measured window. */
  ok: number;
  /** Non-200 answers or transport errors inside the measured window. */
  errors: number;
  /** Measured window, ms (from the end of the warm-up to the completion that closed it). */
  windowMs: number;
  /** Latencies of the successful requests in the window, ms. */
  latencies: Samples;
  /** First error seen (any phase), for the report. */
  firstError?: string;
}

/**
 * Runs `send(seq, worker)` from `concurrency` loops. Completions during the warm-up are discarded;
 * the measured window then runs until a completion after `durationMs` with at least `minRequests`
 * counted (or 6× durationMs at most). Requests still in flight when it closes are awaited but not
 * counted, so the next phase starts on a quiet server.
 */
export async function closedLoop(
  opts: ClosedLoopOptions,
  send: (seq: number, worker: number) => Promise<HttpResponse>,
): Promise<ClosedLoopResult> {
  const latencies = new Samples();
  let ok = 0;
  let errors = 0;
  let seq = 0;
  let firstError: string | undefined;
  const windowStart = performance.now() + opts.warmupMs;
  const minEnd = windowStart + opts.durationMs;
  const hardEnd = windowStart + opts.durationMs * 6;
  const minRequests = opts.minRequests ?? 0;
  let closedAt: number | undefined;

  const worker = async (_: unknown, w: number) => {
    while (closedAt === undefined) {
      if (performance.now() >= hardEnd) {
        closedAt ??= hardEnd;
        return;
      }
      let res: HttpResponse | undefined;
      let err: string | undefined;
      try {
        res = await send(seq++, w);
        if (res.status !== 200) err = `HTTP ${res.status}: ${res.body.toString().slice(0, 200)}`;
      } catch (e) {
        err = (e as Error).message;
      }
      const doneAt = performance.now();
      if (err && !firstError) firstError = err;
      if (closedAt !== undefined || doneAt < windowStart) continue;
      if (err) errors++;
      else {
        ok++;
        latencies.push((res as HttpResponse).ms);
      }
      if (doneAt >= minEnd && ok + errors >= minRequests) closedAt = doneAt;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const result: ClosedLoopResult = { ok, errors, windowMs: Math.max(1, (closedAt ?? minEnd) - windowStart), latencies };
  if (firstError) result.firstError = firstError;
  return result;
}

/** Footnote for a measured window in which some requests failed. */
export function errorNote(r: { errors: number; ok: number; firstError?: string } | undefined): string | undefined {
  if (!r || r.errors === 0) return undefined;
  return `${r.errors.toLocaleString('en-US')} of ${(r.ok + r.errors).toLocaleString('en-US')} requests failed in the window (first: ${r.firstError ?? 'unknown'}); only successes count`;
}

/** Calls `fn` until it succeeds, at most `retries` extra times, with exponential back-off. */
export async function retry<T>(fn: () => Promise<T>, retries = 5): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= retries) throw e;
      await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}

/**
 * Runs `task(i)` for i in 0..count-1 with at most `concurrency` in flight (for seeding: wrap the
 * individual requests in `retry`). Stops at the first error.
 */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>, onProgress?: (done: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  let failed = false;
  const worker = async () => {
    while (!failed) {
      const i = next++;
      if (i >= count) return;
      try {
        await task(i);
      } catch (e) {
        failed = true;
        throw e;
      }
      done++;
      onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Calls `fn(done)` at most every `everyMs` (for progress lines during long phases). */
export function throttled(everyMs: number, fn: (done: number) => void): (done: number) => void {
  let last = performance.now();
  return (done) => {
    const now = performance.now();
    if (now - last >= everyMs) {
      last = now;
      fn(done);
    }
  };
}
