// CPU time of the page's main-thread tasks, from a Chromium trace (category `toplevel`), next to
// the wall-clock durations the Long Tasks API reports. On a busy 2-core machine a task can take
// 80 ms of wall-clock time for 10 ms of work: the renderer was waiting for a core. The thread
// CPU time of each task (`tdur`) tells that apart from work the app really does.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { type TaskEntry } from './probe';

/** The mark probe.scroll sets at its start; it aligns the trace's clock with the page's performance.now(). */
export const SYNC_MARK = 'sextant-bench:scroll-start';
export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing'];
/**
 * A development aid: SEXTANT_BENCH_UI_TRACE_DIR=<dir> records DevTools' timeline and the V8 CPU
 * profiler too, and saves each raw trace there (open it in DevTools' Performance panel, or read it
 * with trace-tasks.ts). Those categories cost CPU themselves: never for published numbers.
 */
export const TRACE_DIR = process.env.SEXTANT_BENCH_UI_TRACE_DIR;
const DETAIL_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'v8', 'blink.console'];
let traceCount = 0;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { startTime?: number } };
}

export interface TaskCpu {
  /** Page time (performance.now()) of the task's start. */
  start: number;
  wallMs: number;
  cpuMs: number;
}

export interface TraceSummary {
  /** Main-thread tasks of the renderer, in page time. */
  tasks: TaskCpu[];
  aligned: boolean;
}

/** Runs `fn` while Chromium records a trace of `page`; returns fn's value and the main-thread tasks. */
export async function withTaskTrace<T>(page: Page, fn: () => Promise<T>): Promise<{ value: T; trace: TraceSummary }> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser for the page');
  await browser.startTracing(page, { categories: TRACE_DIR ? [...TRACE_CATEGORIES, ...DETAIL_CATEGORIES] : TRACE_CATEGORIES });
  let value: T;
  try {
    value = await fn();
  } catch (e) {
    await browser.stopTracing().catch(() => undefined); // else the next startTracing is refused
    throw e;
  }
  const buffer = await browser.stopTracing();
  if (TRACE_DIR) writeFileSync(join(TRACE_DIR, `trace-${process.pid}-${++traceCount}.json`), buffer);
  return { value, trace: parseTrace(buffer) };
}

export function parseTrace(buffer: Buffer): TraceSummary {
  const json = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(json) ? json : (json.traceEvents ?? []);
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const sync = events.find((e) => e.name === SYNC_MARK && typeof e.args?.data?.startTime === 'number');
  // the page's renderer: the one that set the mark (else the busiest renderer main thread)
  let thread = sync ? `${sync.pid}:${sync.tid}` : undefined;
  if (!thread) {
    const counts = new Map<string, number>();
    for (const e of events) if (e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`)) counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
    thread = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  }
  // trace ts is in µs of its own clock; page time = ts/1000 - offset
  const offset = sync ? sync.ts / 1000 - (sync.args!.data!.startTime as number) : 0;
  const tasks = events
    .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && `${e.pid}:${e.tid}` === thread)
    .map((e) => ({ start: e.ts / 1000 - offset, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
  return { tasks, aligned: sync !== undefined };
}

/**
 * The traced task that is the given long task: the one overlapping it most, if it covers at least
 * 80% of it (the two clocks agree to well under a millisecond once aligned by the mark).
 */
export function matchTask(trace: TraceSummary, longTask: TaskEntry): TaskCpu | undefined {
  if (!trace.aligned) return undefined;
  const end = longTask.start + longTask.duration;
  let best: TaskCpu | undefined;
  let bestOverlap = 0.8 * longTask.duration;
  for (const t of trace.tasks) {
    const overlap = Math.min(end, t.start + t.wallMs) - Math.max(longTask.start, t.start);
    if (overlap >= bestOverlap) {
      best = t;
      bestOverlap = overlap;
    }
  }
  return best;
}
