// The three UI measurements, each taken inside the page with the Performance API (never from
// Node's clock): first rows of an experiment, first chart of the compare page, and the longest
// main-thread task while the runs table scrolls.
import { type Page } from 'playwright-core';
import { START_ROUTE, probeState, reloadAt, setHashQuietly, settle } from './browser';
import { type LongFrame, type ScrollPlan, type TaskEntry } from './probe';
import { matchTask, withTaskTrace } from './trace';

/** One RPC as the page's Resource Timing saw it, relative to the measurement's start. */
export interface RpcTiming {
  method: string;
  startMs: number;
  durationMs: number;
  endMs: number;
  /** The answer's size as JSON text (decoded body), bytes. */
  bytes: number;
}

/** The page's /rpc/* requests since `t0` (performance.now() of the page), in start order. */
export function rpcTimings(page: Page, t0: number): Promise<RpcTiming[]> {
  return page.evaluate((start) => (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((e) => e.startTime >= start && e.name.includes('/rpc/'))
    .map((e) => ({ method: e.name.replace(/^.*\/rpc\//, ''), startMs: e.startTime - start, durationMs: e.duration, endMs: e.startTime + e.duration - start, bytes: e.decodedBodySize })), t0);
}

export const within = <T extends TaskEntry>(tasks: T[], from: number, to: number) => tasks.filter((t) => t.start + t.duration > from && t.start < to);
export const longest = (tasks: TaskEntry[]) => tasks.reduce((m, t) => Math.max(m, t.duration), 0);

export interface FirstRowsRep {
  how: 'navigate' | 'load';
  /** From the start (hash change, or navigation start for a page load) to the first row in the DOM. */
  inDomMs: number;
  /** … to the first frame painted with it. */
  drawnMs: number;
  /** … until the table holds every run (aria-rowcount). */
  allLoadedMs: number;
  /** Long tasks (≥ 50 ms) from the start until every run was loaded. */
  longTasks: number;
  longestTaskMs: number;
  columns: number;
  rpc: RpcTiming[];
}

/**
 * Opens the experiment and times its first rows.
 * `navigate`: from a loaded app (the model registry page, settled) the hash changes to the
 * experiment, as a click in the sidebar does.
 * `load`: a page load of the experiment's URL, timed from the navigation start (so it includes
 * loading the app).
 */
export async function firstRows(page: Page, experimentId: string, runs: number, how: 'navigate' | 'load'): Promise<FirstRowsRep> {
  const hash = `#/experiments/${experimentId}`;
  let t0 = 0;
  if (how === 'navigate') {
    await reloadAt(page, START_ROUTE);
    await settle(page);
    t0 = await page.evaluate((h) => {
      const armed = window.__sextantBench!.armRows();
      window.location.hash = h;
      return armed;
    }, hash);
  } else {
    await setHashQuietly(page, hash);
    await page.reload();
  }
  await page.waitForFunction(() => window.__sextantBench?.rows.drawn !== undefined, null, { timeout: 60_000 });
  const loadedAt = await (
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="runs-table"]')?.getAttribute('aria-rowcount') === String(n) && performance.now(),
      runs,
      { timeout: 180_000, polling: 'raf' },
    )
  ).jsonValue();
  const columns = Number(await page.getByTestId('runs-table').getAttribute('aria-colcount')) - 1;
  await page.waitForTimeout(200); // a long task still running at loadedAt is reported when it ends
  const state = await probeState(page);
  const tasks = within(state.longTasks, t0, loadedAt as number);
  return {
    how,
    inDomMs: (state.rows.inDom ?? Number.NaN) - t0,
    drawnMs: (state.rows.drawn ?? Number.NaN) - t0,
    allLoadedMs: (loadedAt as number) - t0,
    longTasks: tasks.length,
    longestTaskMs: longest(tasks),
    columns,
    rpc: await rpcTimings(page, t0),
  };
}

export interface FirstChartRep {
  /** From the hash change to the first `sextant:chart-drawn` mark. */
  chartMs: number;
  longTasks: number;
  longestTaskMs: number;
  rpc: RpcTiming[];
}

/** From a loaded app, opens the compare page of `runIds` and times the first chart drawn (MetricChart's mark). */
export async function firstChart(page: Page, runIds: string[]): Promise<FirstChartRep> {
  await reloadAt(page, START_ROUTE);
  await settle(page);
  const t0 = await page.evaluate((h) => {
    const start = performance.now();
    window.location.hash = h;
    return start;
  }, `#/compare/${runIds.join(',')}`);
  const markAt = (await (
    await page.waitForFunction(() => performance.getEntriesByName('sextant:chart-drawn')[0]?.startTime, null, { timeout: 180_000, polling: 50 })
  ).jsonValue()) as number;
  await page.waitForTimeout(200);
  const state = await probeState(page);
  const tasks = within(state.longTasks, t0, markAt);
  return { chartMs: markAt - t0, longTasks: tasks.length, longestTaskMs: longest(tasks), rpc: await rpcTimings(page, t0) };
}

export interface ScrollRep {
  /** Long tasks (≥ 50 ms: Chromium reports no shorter ones) during the scroll, with their CPU time from the trace. */
  longTasks: (TaskEntry & { cpuMs?: number })[];
  longestTaskMs: number;
  /** Thread CPU time of that longest task (from the trace; undefined if it could not be matched). */
  longestTaskCpuMs?: number;
  /** The most CPU time any main-thread task used during the scroll (trace). */
  maxTaskCpuMs?: number;
  /** Main-thread CPU time / wall time over the scroll, %. */
  mainThreadCpuPct?: number;
  frames: number;
  longestFrameMs: number;
  p95FrameMs: number;
  /** Frames over 50 ms / over 100 ms (rAF intervals). */
  framesOver50: number;
  framesOver100: number;
  lagFrames: number;
  reachedBottom: boolean;
  durationMs: number;
  scrollHeight: number;
  scrollWidth: number;
  /** The longest animation frames (LoAF) with the scripts that ran in them, worst first. */
  worstFrames: LongFrame[];
  longTaskSupported: boolean;
}

/** Loads the experiment, waits until every run is in the table, then scrolls it (probe.scroll). */
export async function scrollTable(page: Page, experimentId: string, runs: number, plan: ScrollPlan): Promise<ScrollRep> {
  await reloadAt(page, `#/experiments/${experimentId}`);
  await page.waitForFunction((n) => document.querySelector('[data-testid="runs-table"]')?.getAttribute('aria-rowcount') === String(n), runs, { timeout: 180_000 });
  await settle(page, 1000);
  const { value: res, trace } = await withTaskTrace(page, async () => {
    const r = await page.evaluate((p) => window.__sextantBench!.scroll(p), plan);
    await page.waitForTimeout(300); // a task that started in the last frame is reported when it ends
    return r;
  });
  const state = await probeState(page);
  const tasks = within(state.longTasks, res.t0, res.t1 + 300).map((t) => ({ ...t, cpuMs: matchTask(trace, t)?.cpuMs }));
  const worst = tasks.reduce<(typeof tasks)[number] | undefined>((a, t) => (!a || t.duration > a.duration ? t : a), undefined);
  const traced = trace.aligned ? trace.tasks.filter((t) => t.start + t.wallMs > res.t0 && t.start < res.t1) : [];
  const sorted = res.frameIntervals.slice().sort((a, b) => a - b);
  return {
    longTasks: tasks,
    longestTaskMs: longest(tasks),
    longestTaskCpuMs: worst?.cpuMs,
    maxTaskCpuMs: traced.length ? Math.max(...traced.map((t) => t.cpuMs)) : undefined,
    mainThreadCpuPct: traced.length ? (traced.reduce((n, t) => n + t.cpuMs, 0) / (res.t1 - res.t0)) * 100 : undefined,
    frames: res.frames,
    longestFrameMs: sorted.at(-1) ?? Number.NaN,
    p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN,
    framesOver50: sorted.filter((f) => f > 50).length,
    framesOver100: sorted.filter((f) => f > 100).length,
    lagFrames: res.lagFrames,
    reachedBottom: res.reachedBottom,
    durationMs: res.t1 - res.t0,
    scrollHeight: res.scrollHeight,
    scrollWidth: res.scrollWidth,
    worstFrames: state.longFrames.filter((f) => f.start + f.duration > res.t0 && f.start < res.t1 + 300).sort((a, b) => b.duration - a.duration).slice(0, 5),
    longTaskSupported: state.supported.includes('longtask'),
  };
}
