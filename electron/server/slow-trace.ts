import { AsyncLocalStorage, createHook, executionAsyncResource, type AsyncHook } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

/**
 * An opt-in trace of what holds the event loop (SEXTANT_TRACE_SLOW_MS): every callback the loop
 * runs (a request's handler and each of its continuations, a timer, an immediate, an I/O
 * callback) is timed, and one that runs longer than the threshold is logged with what it
 * belongs to: the request's route, or the timer's function. A watchdog timer also logs every
 * time the loop came back later than the threshold, with how many callbacks ran meanwhile and
 * where their time went: one long callback is a long task, hundreds of short ones a saturated
 * loop. Costly (a hook on every callback and promise), so only ever on for a diagnosis.
 */
export interface SlowTrace {
  /** Runs `fn` (and everything it starts) under `label` (a route). */
  label<T>(label: string, fn: () => T): T;
  stop(): void;
}

export interface SlowTraceOptions {
  thresholdMs: number;
  log: (msg: string) => void;
  /** How often the watchdog checks the loop, ms. */
  watchEveryMs?: number;
  now?: () => number;
}

/** A label for a callback outside any request: the timer's or immediate's function name, or the resource type. */
function resourceLabel(resource: object | undefined): string {
  const r = resource as { _onTimeout?: { name?: string }; _onImmediate?: { name?: string }; constructor?: { name?: string } } | undefined;
  const fn = r?._onTimeout?.name ?? r?._onImmediate?.name;
  if (fn !== undefined) return `${r?._onTimeout ? 'timer' : 'immediate'} ${fn || '(anonymous)'}`;
  return r?.constructor?.name ?? 'unknown';
}

export function startSlowTrace(opts: SlowTraceOptions): SlowTrace {
  const now = opts.now ?? (() => performance.now());
  const { thresholdMs, log } = opts;
  const storage = new AsyncLocalStorage<string>();
  /** When each running callback began: wall ms, then process CPU µs (all threads: the worker's too, so an upper bound). */
  const started: number[] = [];
  /** Time and callbacks per label since the watchdog last ran. */
  let window = new Map<string, { ms: number; n: number }>();
  let callbacks = 0;
  const hook: AsyncHook = createHook({
    before() {
      const c = process.cpuUsage();
      started.push(now(), c.user + c.system);
    },
    after() {
      const c0 = started.pop();
      const t0 = started.pop();
      if (t0 === undefined || c0 === undefined) return;
      const ms = now() - t0;
      const label = storage.getStore() ?? resourceLabel(executionAsyncResource());
      const w = window.get(label);
      if (w) {
        w.ms += ms;
        w.n++;
      } else window.set(label, { ms, n: 1 });
      callbacks++;
      if (ms > thresholdMs) {
        const c = process.cpuUsage();
        log(`slow task at ${(t0 / 1000).toFixed(2)} s: ${ms.toFixed(1)} ms (cpu ${((c.user + c.system - c0) / 1000).toFixed(1)} ms) in ${label}`);
      }
    },
  });
  hook.enable();
  const every = opts.watchEveryMs ?? 5;
  let last = now();
  const watchdog = setInterval(() => {
    const t = now();
    const late = t - last - every;
    last = t;
    if (late > thresholdMs) {
      const top = [...window].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5);
      log(`slow loop at ${(t / 1000).toFixed(2)} s: came back ${late.toFixed(1)} ms late; ${callbacks} callbacks ran: ${top.map(([l, w]) => `${l} ${w.ms.toFixed(1)} ms/${w.n}`).join(', ')}`);
    }
    window = new Map();
    callbacks = 0;
  }, every);
  watchdog.unref();
  return {
    label: (label, fn) => storage.run(label, fn),
    stop() {
      clearInterval(watchdog);
      hook.disable();
    },
  };
}

/** The trace SEXTANT_TRACE_SLOW_MS asks for (a threshold in ms), or null when it is not set. */
export function slowTraceFromEnv(env: NodeJS.ProcessEnv, log: (msg: string) => void): SlowTrace | null {
  const ms = Number(env.SEXTANT_TRACE_SLOW_MS);
  return env.SEXTANT_TRACE_SLOW_MS && Number.isFinite(ms) && ms > 0 ? startSlowTrace({ thresholdMs: ms, log }) : null;
}
