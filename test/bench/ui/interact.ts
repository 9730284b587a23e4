// What a person does on a large experiment, each timed inside the page (Performance API): sort by
// a metric column, type a filter and press Enter, select 20 runs and compare them, open the Charts
// tab. Every one starts from a fresh page load of the experiment with all its runs in the table.
import { type Page } from 'playwright-core';
import { probeState, reloadAt, settle } from './browser';
import { type RpcTiming, longest, rpcTimings, within } from './measure';
import { type InputEvent } from './probe';
import { SYNC_MARK, type TraceSummary, withTaskTrace } from './trace';

/**
 * Main-thread CPU time from a Chromium trace, beside the wall clock: on a busy 2-core machine a
 * step can take seconds of wall time for a fraction of that on the CPU (waiting for a core).
 */
export interface CpuOf {
  /** CPU time of the page's main-thread tasks from the start until the answer was drawn. */
  cpuToDrawnMs?: number;
  /** The most CPU time one task used from the start until the end of the step. */
  maxTaskCpuMs?: number;
}

function cpuOf(trace: TraceSummary, t0: number, drawnAt: number, endAt: number): CpuOf {
  if (!trace.aligned) return {};
  const overlapping = (to: number) => trace.tasks.filter((t) => t.start + t.wallMs > t0 && t.start < to);
  return {
    cpuToDrawnMs: overlapping(drawnAt).reduce((n, t) => n + t.cpuMs, 0),
    maxTaskCpuMs: overlapping(endAt).reduce((m, t) => Math.max(m, t.cpuMs), 0),
  };
}

const TABLE = '[data-testid="runs-table"]';

/** Opens the experiment (a page load) and waits until every run of its view is in the table. */
export async function openLoaded(page: Page, experimentId: string, runs: number, prepare?: () => Promise<void>): Promise<void> {
  if (prepare) await prepare();
  await reloadAt(page, `#/experiments/${experimentId}`);
  await waitLoaded(page, runs);
  await settle(page, 500);
}

/** Until the table holds `runs` rows (or any number, without it) and is no longer busy reading runs. */
async function waitLoaded(page: Page, runs?: number): Promise<number> {
  const at = await page.waitForFunction(
    ({ sel, n }) => {
      const t = document.querySelector(sel);
      // builds before aria-busy: the row count alone
      if (!t || t.getAttribute('aria-busy') === 'true') return false;
      return (n === undefined || t.getAttribute('aria-rowcount') === String(n)) && performance.now();
    },
    { sel: TABLE, n: runs },
    { timeout: 300_000, polling: 'raf' },
  );
  return (await at.jsonValue()) as number;
}

const rowSelector = (runId: string) => `[data-testid="run-row"][data-row-key="${runId}"]`;

export interface AnswerRep extends CpuOf {
  /** From the click (or Enter) to the first frame painted with the answer's first row. */
  drawnMs: number;
  /** … until the table holds every run of the answer. */
  allLoadedMs: number;
  /** Long tasks (≥ 50 ms) from the start until every run was in. */
  longestTaskMs: number;
  /** The run the answer puts first, as the table drew it at the top. */
  topRowOk: boolean;
  rpc: RpcTiming[];
}

/** The run row drawn at the top of the table (the smallest translateY). */
const topRowId = (page: Page) =>
  page.evaluate((sel) => {
    let best: { id: string; y: number } | null = null;
    document.querySelectorAll<HTMLElement>(`${sel} [data-testid="run-row"]`).forEach((row) => {
      const y = Number(/translateY\((-?[\d.]+)px\)/.exec(row.style.transform)?.[1] ?? NaN);
      if (!best || y < best.y) best = { id: row.dataset.rowKey ?? '', y };
    });
    return (best as { id: string } | null)?.id ?? null;
  }, TABLE);

/** Waits for the armed row to be drawn, then for every run of the answer; the shared end of a sort and a filter. */
async function answerDrawn(page: Page, t0: number, expectedFirst: string, runs: number | undefined): Promise<Omit<AnswerRep, keyof CpuOf>> {
  await page.waitForFunction(() => window.__sextantBench?.rows.drawn !== undefined, null, { timeout: 120_000 });
  const loadedAt = await waitLoaded(page, runs);
  await page.waitForTimeout(200); // a long task still running is reported when it ends
  const state = await probeState(page);
  return {
    drawnMs: (state.rows.drawn ?? Number.NaN) - t0,
    allLoadedMs: loadedAt - t0,
    longestTaskMs: longest(within(state.longTasks, t0, loadedAt)),
    topRowOk: (await topRowId(page)) === expectedFirst,
    rpc: await rpcTimings(page, t0),
  };
}

/**
 * A click on a column's header (it sorts by that column) on the loaded table: until the row of
 * `expectedFirst` (the run the sort puts first, not on screen before) is drawn.
 */
export async function sortByColumn(page: Page, columnId: string, expectedFirst: string, runs: number): Promise<AnswerRep> {
  await page.evaluate((sel) => document.querySelector<HTMLElement>(sel)?.scrollTo(0, 0), TABLE);
  await settle(page, 300);
  if (await page.locator(rowSelector(expectedFirst)).count()) throw new Error(`the run ${expectedFirst} is on screen before the sort`);
  const { value, trace } = await withTaskTrace(page, async () => {
    const t0 = await page.evaluate(({ row, head, mark }) => {
      const button = document.querySelector<HTMLElement>(`[role="columnheader"][data-column-id="${head}"] .rt-head-sort`);
      if (!button) throw new Error(`no header for ${head}`);
      performance.mark(mark);
      const armed = window.__sextantBench!.armRows(row);
      button.click();
      return armed;
    }, { row: rowSelector(expectedFirst), head: columnId, mark: SYNC_MARK });
    return { t0, rep: await answerDrawn(page, t0, expectedFirst, runs) };
  });
  const { t0, rep } = value;
  return { ...rep, ...cpuOf(trace, t0, t0 + rep.drawnMs, t0 + rep.allLoadedMs) };
}

export interface FilterRep extends AnswerRep {
  /** The slowest keystroke while typing: from the key to the next frame painted (Event Timing). */
  longestKeyMs: number;
  keys: number;
}

/**
 * Types `filter` into the filter bar as a person would (a key every `keyDelayMs`); after its
 * last key (the filter is valid only then) closes the suggestions if open and presses Enter
 * (which applies it at once; a typing pause of 350 ms would too): until the row of
 * `expectedFirst` (the newest matching run, not on screen before) is drawn, timed from the last
 * key's own time stamp.
 */
export async function typeFilter(page: Page, filter: string, expectedFirst: string, keyDelayMs = 40): Promise<FilterRep> {
  if (await page.locator(rowSelector(expectedFirst)).count()) throw new Error(`the run ${expectedFirst} is on screen before the filter`);
  const input = page.getByTestId('run-filter');
  await input.click();
  const typingFrom = await page.evaluate(() => performance.now());
  await input.pressSequentially(filter.slice(0, -1), { delay: keyDelayMs });
  const { value, trace } = await withTaskTrace(page, async () => {
    await page.evaluate(({ row, mark }) => {
      performance.mark(mark);
      window.__sextantBench!.armRows(row);
    }, { row: rowSelector(expectedFirst), mark: SYNC_MARK });
    const keysBefore = (await probeState(page)).keydowns.length;
    await page.keyboard.press(filter.slice(-1));
    if ((await input.getAttribute('aria-expanded')) === 'true') await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    const before = await probeState(page);
    const t0 = before.keydowns[keysBefore]?.t;
    if (t0 === undefined) throw new Error('the last key was not seen');
    const typing = before.inputs.filter((e: InputEvent) => e.start >= typingFrom && /key|input/.test(e.name));
    return { t0, typing, rep: await answerDrawn(page, t0, expectedFirst, undefined) };
  });
  const { t0, typing, rep } = value;
  return { ...rep, ...cpuOf(trace, t0, t0 + rep.drawnMs, t0 + rep.allLoadedMs), longestKeyMs: typing.reduce((m, e) => Math.max(m, e.duration), 0), keys: filter.length };
}

export interface CompareRep extends CpuOf {
  /** The slowest of the 20 checkbox clicks, from the click to the next frame painted (Event Timing; 0 = all under 16 ms). */
  longestClickMs: number;
  /** From the Compare button's click to the first chart drawn on the compare page. */
  chartMs: number;
  longestTaskMs: number;
  rpc: RpcTiming[];
}

/** Ticks the first `count` rows' checkboxes on the loaded table, then clicks Compare: until the first chart is drawn. */
export async function selectAndCompare(page: Page, count: number): Promise<CompareRep> {
  const from = await page.evaluate(() => performance.now());
  const boxes = page.getByTestId('run-select');
  for (let i = 0; i < count; i++) await boxes.nth(i).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="run-select"][aria-checked="true"]').length === n, count);
  await page.waitForTimeout(100); // the last click's entry is reported after its frame
  const clicks = (await probeState(page)).inputs.filter((e) => e.start >= from && /click|pointer/.test(e.name));
  const { value, trace } = await withTaskTrace(page, async () => {
    const t0 = await page.evaluate((mark) => {
      const start = performance.mark(mark).startTime;
      document.querySelector<HTMLElement>('[data-testid="compare-button"]')!.click();
      return start;
    }, SYNC_MARK);
    const markAt = await firstMarkAfter(page, t0);
    await page.waitForTimeout(200);
    return { t0, markAt };
  });
  const { t0, markAt } = value;
  const state = await probeState(page);
  return {
    ...cpuOf(trace, t0, markAt, markAt),
    longestClickMs: clicks.reduce((m, e) => Math.max(m, e.duration), 0),
    chartMs: markAt - t0,
    longestTaskMs: longest(within(state.longTasks, t0, markAt)),
    rpc: await rpcTimings(page, t0),
  };
}

export interface ChartsTabRep extends CpuOf {
  /** From the tab's click to the first metric chart drawn. */
  firstChartMs: number;
  /** Long tasks from the click until a second after the first chart. */
  longestTaskMs: number;
  rpc: RpcTiming[];
}

/** The charts drawn in the second after the first one are part of opening the tab. */
const CHARTS_SETTLE_MS = 1000;

/**
 * On the loaded table, clicks the Charts tab: until the first metric chart is drawn (charts
 * are drawn as they come near the viewport, so "all of them" is not a moment of its own).
 */
export async function openChartsTab(page: Page): Promise<ChartsTabRep> {
  const { value, trace } = await withTaskTrace(page, async () => {
    const t0 = await page.evaluate((mark) => {
      const start = performance.mark(mark).startTime;
      document.querySelector<HTMLElement>('[data-testid="tab-charts"]')!.click();
      return start;
    }, SYNC_MARK);
    const first = await firstMarkAfter(page, t0);
    await page.waitForTimeout(CHARTS_SETTLE_MS + 200);
    return { t0, first };
  });
  const { t0, first } = value;
  const state = await probeState(page);
  const end = first + CHARTS_SETTLE_MS;
  return {
    ...cpuOf(trace, t0, first, end),
    firstChartMs: first - t0,
    longestTaskMs: longest(within(state.longTasks, t0, end)),
    rpc: await rpcTimings(page, t0),
  };
}

/**
 * The first metric chart drawn after `t0`. Charts are drawn once near the viewport; on a page
 * that opens with other things first (the compare page's table of differences, the Charts tab's
 * sweep charts), the first metric chart is scrolled into view as soon as it is laid out, as a
 * person going straight to it would.
 */
async function firstMarkAfter(page: Page, t0: number): Promise<number> {
  const h = await page.waitForFunction(
    (start) => {
      const mark = performance.getEntriesByName('sextant:chart-drawn').find((m) => m.startTime > start);
      if (mark) return mark.startTime;
      const chart = document.querySelector<HTMLElement>('.metric-chart');
      if (chart && !chart.dataset.benchScrolled) {
        chart.dataset.benchScrolled = '1';
        chart.scrollIntoView({ block: 'center' });
      }
      return false;
    },
    t0,
    { timeout: 120_000, polling: 50 },
  );
  return (await h.jsonValue()) as number;
}

/** The page's JavaScript heap in use after a full garbage collection (DevTools protocol), bytes. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

export interface LoadRep {
  /** From the page load to every run in the table (wall clock). */
  allLoadedMs: number;
  /** CPU time of the page's main-thread tasks over that time (trace). */
  mainCpuMs?: number;
  /** The most CPU time one task used (trace). */
  maxTaskCpuMs?: number;
  /** The page's calls by method (runs.search pages, sync.runStates, …). */
  calls: Record<string, number>;
  /** JSON bytes of all the table's search answers (runs.searchTable; runs.search from renderers before it). */
  searchBytes: number;
}

/** The calls that read the runs table: runs.searchTable, or runs.search in renderers before it. */
export const isTableSearch = (method: string) => method === 'runs.searchTable' || method === 'runs.search';

/** A page load of the experiment traced until every run is in: the main thread's CPU and the calls it made. */
export async function tracedLoad(page: Page, experimentId: string, runs: number, prepare: () => Promise<void>): Promise<LoadRep> {
  await prepare();
  await reloadAt(page, '#/models');
  await settle(page, 300);
  const { value, trace } = await withTaskTrace(page, async () => {
    const t0 = await page.evaluate(({ hash, mark }) => {
      const start = performance.mark(mark).startTime;
      window.location.hash = hash;
      return start;
    }, { hash: `#/experiments/${experimentId}`, mark: SYNC_MARK });
    const loadedAt = await waitLoaded(page, runs);
    await page.waitForTimeout(200);
    return { t0, loadedAt };
  });
  const { t0, loadedAt } = value;
  const rpc = await rpcTimings(page, t0);
  const calls: Record<string, number> = {};
  for (const c of rpc) calls[c.method] = (calls[c.method] ?? 0) + 1;
  const cpu = cpuOf(trace, t0, loadedAt, loadedAt);
  return {
    allLoadedMs: loadedAt - t0,
    ...(trace.aligned ? { mainCpuMs: cpu.cpuToDrawnMs, maxTaskCpuMs: cpu.maxTaskCpuMs } : {}),
    calls,
    searchBytes: rpc.filter((c) => isTableSearch(c.method)).reduce((n, c) => n + c.bytes, 0),
  };
}
