// Workload 6 — ui: Sextant only (MLflow's UI is a different program; nothing to compare). A fresh
// `sextant serve` in browser mode, seeded over REST, measured in headless Debian Chromium with the
// Performance API (the times are taken inside the page, see ui/probe.ts):
//  (1) 10,000 runs × 50 columns (20 params, 20 metrics, 10 tags; all 50 shown plus 5 attribute
//      columns; --ui-runs 50000 for the issue's large store): from opening the experiment in a
//      loaded app to the first run rows drawn — median of 5, each after a full page reload;
//      target < 500 ms. Also the same from a page load of its URL, and until all runs are in
//      (informational).
//  (2) 20 runs × 1,000,000 points of one metric: from opening the compare page of the 20 runs to
//      the first chart drawn (MetricChart's `sextant:chart-drawn` mark) — median of 5; target < 1 s.
//  (3) the longest main-thread task (PerformanceObserver 'longtask') while the table of (1) is
//      scrolled, rAF-paced, top to bottom and sideways — worst of 2 passes; target: none over 100 ms.
//      A Chromium trace of each pass gives every task's thread CPU time beside its wall-clock time,
//      which tells work the app does from waiting for a core on a busy machine.
//  (4)–(8) on the table of (1), each from a page load of the experiment with every run in: the JS
//      heap with all runs loaded (after a GC) and the size of the runs.search answers; a click on
//      a metric column's header → the first sorted rows drawn (target < 500 ms); typing a filter
//      (the slowest keystroke → frame, Event Timing) and Enter → the first matching rows drawn
//      (target < 500 ms); ticking 20 runs' checkboxes (the slowest click → frame) and Compare →
//      the first chart (target < 1 s); the Charts tab of the first 100 runs → the first chart
//      (target < 1 s) and all metric charts. Each step is traced too: its main-thread CPU time
//      beside the wall clock, and a note when a time over its target was mostly waiting.
// Development aids (never for published numbers without saying so; each adds a note):
// SEXTANT_BENCH_UI_SEED=store commits the table into the store before the server opens it
// (50,000 runs over REST take tens of minutes on a busy machine); SEXTANT_BENCH_UI_STORE=<dir>
// keeps the store and measures it again without seeding; SEXTANT_BENCH_UI_RENDERER=<dir>
// measures another renderer build (an older commit's) on the same server;
// SEXTANT_BENCH_UI_LOOKS=1 saves screenshots of the screens driven, in every look.
// Skipped with a note when Chromium is missing.
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../support/paths';
import { startSextant } from '../../support/servers';
import { type BenchContext, type WorkloadResult, seconds } from '../context';
import { treeCpuSeconds } from '../cpu';
import { HttpClient } from '../http';
import { redact } from '../redact';
import { type Row } from '../report';
import { median } from '../stats';
import { CHROMIUM, RENDERER_OVERRIDE, appUrlFrom, hasChromium, launchChromium, openBenchPage } from '../ui/browser';
import { type AnswerRep, type ChartsTabRep, type CompareRep, type FilterRep, heapAfterGc, isTableSearch, openChartsTab, openLoaded, selectAndCompare, sortByColumn, tracedLoad, typeFilter } from '../ui/interact';
import { type FirstChartRep, type FirstRowsRep, type RpcTiming, type ScrollRep, firstChart, firstRows, scrollTable } from '../ui/measure';
import { pickFilter, sortedFirst } from '../ui/queries';
import { dataColumnIds, metricKey, seedChartRuns, seedTable } from '../ui/seed';
import { REUSED_STORE, readSeed, writeSeed } from '../ui/seed-reuse';
import { SEED_IN_STORE, seedTableInStore } from '../ui/seed-store';
import { TAKE_LOOKS, takeLooks } from '../ui/looks';
import { fmt, uiLabels } from '../ui/labels';

/** The attribute columns shown by default, kept in front of the 50 data columns in the saved view. */
const ATTRIBUTE_COLUMNS = ['attributes.status', 'attributes.start_time', 'attributes.duration', 'attributes.user_id', 'attributes.source'];
const PREFS_KEY = (experimentId: string) => `sextant.runsView.v1.${experimentId}`;
const CHARTED_COUNT_KEY = (experimentId: string) => `sextant.chartedCount.v1.${experimentId}`;
/** The metric column the sort clicks (values up to 1,000, no two alike in practice). */
const SORT_COLUMN = `metrics.${metricKey(3)}`;
/** Runs selected for compare, and runs plotted on the Charts tab. */
const COMPARE_RUNS = 20;
const CHARTED_RUNS = 100;

/** A development aid: only these measurements (by name, comma-separated), e.g. SEXTANT_BENCH_UI_STEPS=load,sort. */
const ONLY_STEPS = process.env.SEXTANT_BENCH_UI_STEPS?.split(',').map((s) => s.trim());
const ms = (v: number) => `${v.toFixed(0)} ms`;

/**
 * Waits until the server's process tree has used under 5% of a core for a second (work left over
 * from seeding), at most `maxMs`; returns how long that took.
 */
async function serverIdle(pid: number | undefined, maxMs = 60_000): Promise<number> {
  const t0 = performance.now();
  let last = treeCpuSeconds(pid);
  while (performance.now() - t0 < maxMs) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = treeCpuSeconds(pid);
    if (now - last < 0.05) break;
    last = now;
  }
  return performance.now() - t0;
}

/** The median over the repetitions of one RPC's duration: its first call in each, or its longest. */
function rpcMedian(reps: { rpc: RpcTiming[] }[], method: string | ((m: string) => boolean), pick: 'first' | 'longest' = 'first'): number | undefined {
  const values = reps.flatMap((r) => {
    const calls = r.rpc.filter((c) => (typeof method === 'string' ? c.method === method : method(c.method)));
    if (!calls.length) return [];
    return [pick === 'first' ? calls[0]!.durationMs : Math.max(...calls.map((c) => c.durationMs))];
  });
  return values.length ? median(values) : undefined;
}

export async function ui(ctx: BenchContext): Promise<WorkloadResult> {
  const o = ctx.opts.ui;
  const shape = { runs: o.runs, params: o.params, metrics: o.metrics, tags: o.tags };
  const columns = o.params + o.metrics + o.tags;
  const tableText = `${fmt(o.runs)} runs × ${columns} columns`;
  const chartText = `${o.chartRuns} runs × ${fmt(o.chartPoints)} points`;
  const loadReps = Math.min(3, o.reps); // informational: fewer repetitions
  const base = { workload: 'ui', unit: 'ms' as const, better: 'lower' as const };
  const labels = uiLabels(o, loadReps, { tableText, chartText, compareRuns: COMPARE_RUNS, chartedRuns: CHARTED_RUNS });
  const skeleton = (why: string): WorkloadResult => ({
    rows: [
      { ...base, metric: labels.rows, target: { maxSextant: 500 } },
      { ...base, metric: labels.chart, target: { maxSextant: 1000 } },
      { ...base, metric: labels.scrollTask, target: { maxSextant: 100 } },
      { ...base, metric: labels.sort, target: { maxSextant: 500 } },
      { ...base, metric: labels.filter, target: { maxSextant: 500 } },
      { ...base, metric: labels.compare, target: { maxSextant: 1000 } },
      { ...base, metric: labels.chartsTab, target: { maxSextant: 1000 } },
    ],
    details: { skipped: why },
  });
  if (!ctx.sextantAvailable) return skeleton('Sextant not available');
  if (!hasChromium()) {
    const why = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
    ctx.note(`ui skipped: ${why}`);
    return skeleton(why);
  }

  ctx.log(`Sextant (fresh server, browser mode): seeding ${tableText} and ${chartText}`);
  const seedShape = JSON.stringify({ ...shape, chartRuns: o.chartRuns, chartPoints: o.chartPoints });
  const reused = REUSED_STORE ? readSeed(REUSED_STORE, seedShape) : undefined;
  // the table written into the store before the server opens it (SEXTANT_BENCH_UI_SEED=store)
  let storeDir = REUSED_STORE;
  let inStore: { experimentId: string; ms: number } | undefined;
  if (SEED_IN_STORE && !reused) {
    storeDir ??= await mkdtemp(join(tmpdir(), 'sextant-store-'));
    inStore = await seedTableInStore(storeDir, shape, (m) => ctx.log(`Sextant: ${m}`));
    ctx.note(`ui: the ${tableText} were committed into the store before the server opened it (SEXTANT_BENCH_UI_SEED=store), not sent over REST`);
  }
  const server = await startSextant(storeDir ? { dataDir: storeDir } : {});
  ctx.adopt(server);
  const http = new HttpClient(server.url, Math.max(o.seedConcurrency, o.chartSeedConcurrency) + 2);
  let browser: Browser | undefined;
  const details: Record<string, unknown> = { runs: o.runs, columns, chartRuns: o.chartRuns, chartPoints: o.chartPoints, reps: o.reps };
  const errors: Record<string, string> = {};
  /** The page measured, once open: a failed step saves what it showed. */
  let shownPage: Page | undefined;
  /** One measurement; a failure is noted (with a screenshot) and the others still run. */
  const attempt = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    if (ONLY_STEPS && !ONLY_STEPS.includes(name)) return undefined;
    try {
      return await fn();
    } catch (e) {
      errors[name] = (e as Error).stack ?? String(e);
      const shot = join(repoRoot, 'test-results', `bench-ui-failed-${name.replaceAll(' ', '-')}.png`);
      await shownPage?.screenshot({ path: shot }).then(() => ctx.log(`ui: what the page showed: ${shot}`), () => undefined);
      ctx.note(`ui: ${name} failed: ${(e as Error).message.split('\n')[0]}`);
      ctx.log(`ui: ${name} FAILED: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
  };
  try {
    const appUrl = appUrlFrom(server.output());
    let table: { experimentId: string; ms?: number };
    let charts: { runIds: string[]; points: number; ms?: number };
    let chartPointsPerSec: number | undefined;
    if (reused) {
      table = { experimentId: reused.tableExperimentId };
      charts = { runIds: reused.chartRunIds, points: reused.chartPoints };
      ctx.note(`ui: measured on the store seeded earlier in ${REUSED_STORE} (SEXTANT_BENCH_UI_STORE); no seeding times`);
      details.seed = { reusedStore: REUSED_STORE };
      if (!reused.chartRunIds.length) {
        // a store whose table was seeded and whose chart runs were not (a seeding cut short)
        charts = await seedChartRuns(http, o.chartRuns, o.chartPoints, o.chartSeedConcurrency, (m) => ctx.log(`Sextant: ${m}`));
        writeSeed(REUSED_STORE!, { ...reused, chartRunIds: charts.runIds, chartPoints: charts.points });
      }
    } else {
      const t = inStore ?? (await seedTable(http, shape, o.seedConcurrency, (m) => ctx.log(`Sextant: ${m}`)));
      table = t;
      ctx.log(`Sextant: seeded ${tableText} in ${seconds(t.ms)}`);
      const idleAfterTableMs = await serverIdle(server.process.pid);
      if (idleAfterTableMs > 2000) ctx.log(`Sextant: the server stayed busy ${seconds(idleAfterTableMs)} after the last request`);
      const c = await seedChartRuns(http, o.chartRuns, o.chartPoints, o.chartSeedConcurrency, (m) => ctx.log(`Sextant: ${m}`));
      charts = c;
      chartPointsPerSec = c.points / (c.ms / 1000);
      ctx.log(`Sextant: seeded ${fmt(c.points)} points in ${seconds(c.ms)} (${fmt(Math.round(chartPointsPerSec))} points/s)`);
      const idleMs = await serverIdle(server.process.pid);
      if (idleMs > 2000) ctx.log(`Sextant: the server stayed busy ${seconds(idleMs)} after the last request`);
      // the store's checkpoints hold writes back while they run: they explain a seeding rate that dips
      const checkpoints = redact(server.output()).match(/checkpoint:[^\n]*/g) ?? [];
      if (checkpoints.length) ctx.log(`Sextant: ${checkpoints.length} store checkpoint(s) while seeding: ${checkpoints.join('; ')}`);
      details.seed = { tableMs: t.ms, chartMs: c.ms, chartPointsPerSec, serverBusyAfterTableMs: idleAfterTableMs, serverBusyAfterChartsMs: idleMs, checkpoints };
      if (REUSED_STORE) writeSeed(REUSED_STORE, { shape: seedShape, tableExperimentId: t.experimentId, chartRunIds: c.runIds, chartPoints: c.points });
    }

    browser = await launchChromium();
    if (RENDERER_OVERRIDE) ctx.note(`ui: the renderer measured is the build in ${RENDERER_OVERRIDE} (SEXTANT_BENCH_UI_RENDERER), not the one the server serves`);
    const { page, errors: pageErrors } = await openBenchPage(browser, appUrl);
    shownPage = page;
    // the saved view of the table experiment: every data column shown (as picked in the column picker)
    await page.evaluate(({ key, value }) => localStorage.setItem(key, value), {
      key: PREFS_KEY(table.experimentId),
      value: JSON.stringify({ columns: [...ATTRIBUTE_COLUMNS, ...dataColumnIds(shape)] }),
    });
    const loadAvg = os.loadavg();
    details.browser = { chromium: browser.version(), viewport: page.viewportSize() };
    details.loadAvgAtMeasureStart = loadAvg;
    ctx.log(`Chromium ${browser.version()}; load average ${loadAvg.map((l) => l.toFixed(2)).join(' ')}`);

    // (1) first rows: one unmeasured warm-up, then the repetitions, each on a fresh page load
    const rows = await attempt('first rows', async () => {
      const warmup = await firstRows(page, table.experimentId, o.runs, 'navigate');
      ctx.log(`first rows (warm-up): ${ms(warmup.drawnMs)}, all runs in ${ms(warmup.allLoadedMs)}, ${warmup.columns} columns`);
      if (warmup.columns !== columns + ATTRIBUTE_COLUMNS.length) ctx.log(`ui: WARNING the table shows ${warmup.columns} columns, expected ${columns + ATTRIBUTE_COLUMNS.length}`);
      const nav: FirstRowsRep[] = [];
      for (let i = 0; i < o.reps; i++) nav.push(await firstRows(page, table.experimentId, o.runs, 'navigate'));
      const load: FirstRowsRep[] = [];
      for (let i = 0; i < loadReps; i++) load.push(await firstRows(page, table.experimentId, o.runs, 'load'));
      ctx.log(`first rows drawn: ${nav.map((r) => ms(r.drawnMs)).join(', ')} (navigate); ${load.map((r) => ms(r.drawnMs)).join(', ')} (page load)`);
      ctx.log(`all ${fmt(o.runs)} runs in: ${nav.map((r) => ms(r.allLoadedMs)).join(', ')}; longest task meanwhile ${nav.map((r) => ms(r.longestTaskMs)).join(', ')}`);
      return { warmup, nav, load };
    });

    // (3) scrolling the loaded table
    const scroll = await attempt('scroll', async () => {
      const passes: (ScrollRep & { loadAvg1m: number })[] = [];
      for (let i = 0; i < o.scrollReps; i++) {
        const r = await scrollTable(page, table.experimentId, o.runs, o.scroll);
        const cpu = r.longestTaskCpuMs === undefined ? '' : `, ${ms(r.longestTaskCpuMs)} of it on the CPU`;
        ctx.log(`scroll pass ${i + 1}: ${r.frames} frames in ${ms(r.durationMs)}; ${r.longTasks.length} long tasks (longest ${ms(r.longestTaskMs)}${cpu}); longest frame ${ms(r.longestFrameMs)}, p95 ${r.p95FrameMs.toFixed(1)} ms; ${r.lagFrames} frames behind; bottom reached: ${r.reachedBottom}`);
        if (r.maxTaskCpuMs !== undefined) ctx.log(`scroll pass ${i + 1}: main thread on the CPU ${r.mainThreadCpuPct?.toFixed(0)}% of the time; the most CPU one task used: ${ms(r.maxTaskCpuMs)} (trace)`);
        passes.push({ ...r, loadAvg1m: os.loadavg()[0] ?? Number.NaN });
      }
      return passes;
    });

    // (2) first chart on the compare page
    const chart = await attempt('first chart', async () => {
      const warmup = await firstChart(page, charts.runIds);
      ctx.log(`first chart (warm-up): ${ms(warmup.chartMs)}`);
      const reps: FirstChartRep[] = [];
      for (let i = 0; i < o.reps; i++) reps.push(await firstChart(page, charts.runIds));
      ctx.log(`first chart drawn: ${reps.map((r) => ms(r.chartMs)).join(', ')}; metrics.series RPC ${reps.map((r) => ms(Math.max(0, ...r.rpc.filter((c) => c.method === 'metrics.series').map((c) => c.durationMs)))).join(', ')}`);
      return { warmup, reps };
    });
    // (4)–(8) what a person does on the loaded table, each from a page load of the experiment
    // with the saved view reset (a sort or filter is saved with the view)
    const view = JSON.stringify({ columns: [...ATTRIBUTE_COLUMNS, ...dataColumnIds(shape)] });
    const resetView = () => page.evaluate(({ key, value }) => localStorage.setItem(key, value), { key: PREFS_KEY(table.experimentId), value: view });
    const open = () => openLoaded(page, table.experimentId, o.runs, resetView);
    const load = await attempt('load', async () => {
      const r = await tracedLoad(page, table.experimentId, o.runs, resetView);
      ctx.log(`open experiment → all ${fmt(o.runs)} runs in: ${ms(r.allLoadedMs)}, main-thread CPU ${r.mainCpuMs === undefined ? '?' : ms(r.mainCpuMs)}, most in one task ${r.maxTaskCpuMs === undefined ? '?' : ms(r.maxTaskCpuMs)}; calls ${JSON.stringify(r.calls)}; table searches ${(r.searchBytes / 1e6).toFixed(1)} MB`);
      return r;
    });
    const heap = await attempt('heap', async () => {
      await open();
      const bytes = await heapAfterGc(page);
      ctx.log(`renderer JS heap with ${fmt(o.runs)} runs loaded: ${(bytes / 1e6).toFixed(0)} MB`);
      return bytes;
    });
    const sort = await attempt('sort', async () => {
      const first = await sortedFirst(http, table.experimentId, `${SORT_COLUMN} ASC`);
      const reps: AnswerRep[] = [];
      for (let i = 0; i < loadReps; i++) {
        await open();
        reps.push(await sortByColumn(page, SORT_COLUMN, first, o.runs));
      }
      ctx.log(`sort by ${SORT_COLUMN}: first rows ${reps.map((r) => ms(r.drawnMs)).join(', ')}; all in ${reps.map((r) => ms(r.allLoadedMs)).join(', ')}; longest task ${reps.map((r) => ms(r.longestTaskMs)).join(', ')}; top row right: ${reps.map((r) => r.topRowOk).join(', ')}`);
      return reps;
    });
    const filter = await attempt('filter', async () => {
      const picked = await pickFilter(http, table.experimentId);
      const reps: FilterRep[] = [];
      for (let i = 0; i < loadReps; i++) {
        await open();
        reps.push(await typeFilter(page, picked.filter, picked.firstId));
      }
      ctx.log(`filter ${picked.filter}: slowest keystroke ${reps.map((r) => ms(r.longestKeyMs)).join(', ')}; first rows ${reps.map((r) => ms(r.drawnMs)).join(', ')}; all in ${reps.map((r) => ms(r.allLoadedMs)).join(', ')}; longest task ${reps.map((r) => ms(r.longestTaskMs)).join(', ')}; top row right: ${reps.map((r) => r.topRowOk).join(', ')}`);
      return { filter: picked.filter, reps };
    });
    const compare = await attempt('compare from the table', async () => {
      const reps: CompareRep[] = [];
      for (let i = 0; i < loadReps; i++) {
        await open();
        reps.push(await selectAndCompare(page, COMPARE_RUNS));
      }
      ctx.log(`select ${COMPARE_RUNS} + compare: slowest click ${reps.map((r) => ms(r.longestClickMs)).join(', ')}; first chart ${reps.map((r) => ms(r.chartMs)).join(', ')}`);
      return reps;
    });
    const chartsTab = await attempt('charts tab', async () => {
      const reps: ChartsTabRep[] = [];
      for (let i = 0; i < loadReps; i++) {
        await openLoaded(page, table.experimentId, o.runs, async () => {
          await resetView();
          await page.evaluate(({ key, n }) => sessionStorage.setItem(key, String(n)), { key: CHARTED_COUNT_KEY(table.experimentId), n: CHARTED_RUNS });
        });
        reps.push(await openChartsTab(page));
      }
      ctx.log(`charts tab (${CHARTED_RUNS} runs): first chart ${reps.map((r) => ms(r.firstChartMs)).join(', ')}; CPU ${reps.map((r) => ms(r.cpuToDrawnMs ?? NaN)).join(', ')}; longest task ${reps.map((r) => ms(r.longestTaskMs)).join(', ')}`);
      return reps;
    });
    if (TAKE_LOOKS) {
      await attempt('looks', () => takeLooks(page, { experimentId: table.experimentId, runs: o.runs, resetView, sortColumn: SORT_COLUMN, filter: filter?.filter ?? `params.param_01 = 'value-1'` }));
    }
    await page.close();
    const loadAvgEnd = os.loadavg();
    details.loadAvgAtMeasureEnd = loadAvgEnd;
    const busiest = Math.max(loadAvg[0] ?? 0, loadAvgEnd[0] ?? 0);
    if (busiest > os.cpus().length + 1) {
      ctx.note(`ui: load average up to ${busiest.toFixed(1)} on ${os.cpus().length} cores while measuring: the wall-clock times include waiting for a core`);
    }
    if (pageErrors.length) {
      ctx.note(`ui: the page reported ${pageErrors.length} uncaught error(s), first: ${pageErrors[0]}`);
      details.pageErrors = pageErrors.slice(0, 20);
    }
    details.firstRows = rows;
    details.scroll = scroll;
    details.firstChart = chart;
    details.heapBytes = heap;
    details.tracedLoad = load;
    details.sort = sort;
    details.filter = filter;
    details.compareFromTable = compare;
    details.chartsTab = chartsTab;
    if (Object.keys(errors).length) details.errors = errors;

    // Chromium reports only tasks of 50 ms or more; without any, the longest task is below 50 ms
    // and below the longest rAF interval (no frame can start while a task runs).
    const worstPass = scroll?.reduce((a, b) => (b.longestTaskMs > a.longestTaskMs ? b : a));
    const longestFrame = scroll ? Math.max(...scroll.map((s) => s.longestFrameMs)) : undefined;
    let scrollValue: number | undefined;
    let scrollNote: string | undefined;
    if (worstPass && longestFrame !== undefined) {
      if (!worstPass.longTaskSupported) scrollNote = 'this Chromium does not report long tasks';
      else if (worstPass.longestTaskMs > 0) scrollValue = worstPass.longestTaskMs;
      else {
        scrollValue = Math.min(50, longestFrame);
        scrollNote = `no long task at all: Chromium reports tasks of 50 ms or more, so every task was shorter; the value is an upper bound (min of 50 ms and the longest rAF interval)`;
      }
      const cpu = worstPass.longestTaskCpuMs;
      if (scrollValue !== undefined && scrollValue >= 100 && cpu !== undefined && cpu < scrollValue / 2) {
        scrollNote = `that task spent ${cpu.toFixed(0)} ms of its ${scrollValue.toFixed(0)} ms on the CPU: the renderer mostly waited for a core (load average ${worstPass.loadAvg1m.toFixed(1)} on ${os.cpus().length} cores)`;
      }
      if (scroll!.some((s) => !s.reachedBottom)) scrollNote = `${scrollNote ? `${scrollNote}; ` : ''}the rows at the bottom were not drawn right after the last step`;
    }
    const chartMs = chart ? median(chart.reps.map((r) => r.chartMs)) : undefined;
    // every runs.search answer of one full load of the experiment (the last repetition)
    const searchBytes = load?.searchBytes ?? rows?.nav.at(-1)?.rpc.filter((c) => isTableSearch(c.method)).reduce((n, c) => n + c.bytes, 0);
    const med = <T,>(reps: T[] | undefined, pick: (r: T) => number) => (reps?.length ? median(reps.map(pick)) : undefined);
    const worst = <T,>(reps: T[] | undefined, pick: (r: T) => number) => (reps?.length ? Math.max(...reps.map(pick)) : undefined);
    const cpuMed = <T extends { cpuToDrawnMs?: number }>(reps: T[] | undefined) => (reps?.every((r) => r.cpuToDrawnMs !== undefined) ? med(reps, (r) => r.cpuToDrawnMs!) : undefined);
    const cpuMax = <T extends { maxTaskCpuMs?: number }>(reps: T[] | undefined) => (reps?.every((r) => r.maxTaskCpuMs !== undefined) ? worst(reps, (r) => r.maxTaskCpuMs!) : undefined);
    /** Says so when a wall-clock time over its target was mostly waiting for a core. */
    const waited = (wall: number | undefined, cpu: number | undefined, target: number) =>
      wall !== undefined && cpu !== undefined && wall >= target && cpu < wall / 2
        ? { sextantNote: `${cpu.toFixed(0)} ms of the ${wall.toFixed(0)} ms on the page's main-thread CPU (trace): the rest was waiting, for the server or for a core (load average up to ${busiest.toFixed(1)} on ${os.cpus().length} cores)` }
        : {};
    const wrongTop = (reps: AnswerRep[] | undefined) => (reps?.some((r) => !r.topRowOk) ? { sextantNote: 'the run the server puts first was not the top row drawn in every repetition' } : {});
    const out: Row[] = [
      { workload: 'ui', metric: `seed ${tableText} (${inStore ? 'committed into the store, no server' : 'create + log-batch + update'}; not a target)`, unit: 's', better: 'lower', sextant: table.ms === undefined ? undefined : table.ms / 1000 },
      { workload: 'ui', metric: `seed ${chartText} (1,000/log-batch, ${o.chartSeedConcurrency} in flight; not a target)`, unit: 'points/s', better: 'higher', sextant: chartPointsPerSec },
      { ...base, metric: labels.rows, sextant: rows ? median(rows.nav.map((r) => r.drawnMs)) : undefined, target: { maxSextant: 500 } },
      { ...base, metric: labels.rowsLoad, sextant: rows ? median(rows.load.map((r) => r.drawnMs)) : undefined },
      { ...base, metric: labels.search, sextant: rows ? rpcMedian(rows.nav, isTableSearch) : undefined },
      { ...base, metric: labels.allRuns, sextant: rows ? median(rows.nav.map((r) => r.allLoadedMs)) : undefined },
      { ...base, metric: labels.loadTask, sextant: rows ? Math.max(...rows.nav.map((r) => r.longestTaskMs)) : undefined, sextantNote: 'worst over the repetitions; 0 = no task of 50 ms or more' },
      { ...base, metric: labels.chart, sextant: chartMs, target: { maxSextant: 1000 } },
      { ...base, metric: labels.series, sextant: chart ? rpcMedian(chart.reps, 'metrics.series', 'longest') : undefined },
      { ...base, metric: labels.scrollTask, sextant: scrollValue, target: { maxSextant: 100 }, ...(scrollNote ? { sextantNote: scrollNote } : {}) },
      { ...base, metric: labels.scrollFrame, sextant: longestFrame },
      { ...base, metric: labels.scrollCpu, sextant: scroll?.some((p) => p.maxTaskCpuMs !== undefined) ? Math.max(...scroll.map((p) => p.maxTaskCpuMs ?? 0)) : undefined },
      { ...base, metric: labels.sort, sextant: med(sort, (r) => r.drawnMs), target: { maxSextant: 500 }, ...wrongTop(sort), ...waited(med(sort, (r) => r.drawnMs), cpuMed(sort), 500) },
      { ...base, metric: labels.sortCpu, sextant: cpuMed(sort) },
      { ...base, metric: labels.sortMaxCpu, sextant: cpuMax(sort) },
      { ...base, metric: labels.sortAll, sextant: med(sort, (r) => r.allLoadedMs) },
      { ...base, metric: labels.sortTask, sextant: worst(sort, (r) => r.longestTaskMs), sextantNote: 'worst over the repetitions; 0 = no task of 50 ms or more' },
      { ...base, metric: labels.filterKey, sextant: worst(filter?.reps, (r) => r.longestKeyMs), sextantNote: '0 = every keystroke painted within 16 ms' },
      { ...base, metric: labels.filter, sextant: med(filter?.reps, (r) => r.drawnMs), target: { maxSextant: 500 }, ...wrongTop(filter?.reps), ...waited(med(filter?.reps, (r) => r.drawnMs), cpuMed(filter?.reps), 500) },
      { ...base, metric: labels.filterCpu, sextant: cpuMed(filter?.reps) },
      { ...base, metric: labels.filterMaxCpu, sextant: cpuMax(filter?.reps) },
      { ...base, metric: labels.filterTask, sextant: worst(filter?.reps, (r) => r.longestTaskMs), sextantNote: 'worst over the repetitions; 0 = no task of 50 ms or more' },
      { ...base, metric: labels.selectClick, sextant: worst(compare, (r) => r.longestClickMs), sextantNote: 'worst over the repetitions; 0 = every click painted within 16 ms' },
      { ...base, metric: labels.compare, sextant: med(compare, (r) => r.chartMs), target: { maxSextant: 1000 }, ...waited(med(compare, (r) => r.chartMs), cpuMed(compare), 1000) },
      { ...base, metric: labels.compareCpu, sextant: cpuMed(compare) },
      { ...base, metric: labels.chartsTab, sextant: med(chartsTab, (r) => r.firstChartMs), target: { maxSextant: 1000 }, ...waited(med(chartsTab, (r) => r.firstChartMs), cpuMed(chartsTab), 1000) },
      { ...base, metric: labels.chartsCpu, sextant: cpuMed(chartsTab) },
      { ...base, metric: labels.chartsTask, sextant: worst(chartsTab, (r) => r.longestTaskMs), sextantNote: 'worst over the repetitions; 0 = no task of 50 ms or more' },
      { ...base, metric: labels.chartsMaxCpu, sextant: cpuMax(chartsTab) },
      { ...base, metric: labels.loadCpu, sextant: load?.mainCpuMs },
      { ...base, metric: labels.loadMaxCpu, sextant: load?.maxTaskCpuMs },
      { workload: 'ui', metric: labels.heap, unit: 'MB', better: 'lower', sextant: heap === undefined ? undefined : heap / 1e6 },
      { workload: 'ui', metric: labels.payload, unit: 'MB', better: 'lower', sextant: searchBytes === undefined ? undefined : searchBytes / 1e6 },
    ];
    return { rows: out, details };
  } finally {
    await browser?.close().catch(() => undefined);
    http.close();
    await server.stop();
    if (storeDir && !REUSED_STORE) await rm(storeDir, { recursive: true, force: true });
  }
}
