// Workload 6 — ui: Sextant only (MLflow's UI is a different program; nothing to compare). A fresh
// `sextant serve` in browser mode, seeded over REST, measured in headless Debian Chromium with the
// Performance API (the times are taken inside the page, see ui/probe.ts):
//  (1) 10,000 runs × 50 columns (20 params, 20 metrics, 10 tags; all 50 shown plus 5 attribute
//      columns): from opening the experiment in a loaded app to the first run rows drawn — median
//      of 5, each after a full page reload; target < 500 ms. Also the same from a page load of its URL, and until all
//      runs are in (informational).
//  (2) 20 runs × 1,000,000 points of one metric: from opening the compare page of the 20 runs to
//      the first chart drawn (MetricChart's `sextant:chart-drawn` mark) — median of 5; target < 1 s.
//  (3) the longest main-thread task (PerformanceObserver 'longtask') while the table of (1) is
//      scrolled, rAF-paced, top to bottom and sideways — worst of 2 passes; target: none over 100 ms.
//      A Chromium trace of each pass gives every task's thread CPU time beside its wall-clock time,
//      which tells work the app does from waiting for a core on a busy machine.
// Skipped with a note when Chromium is missing.
import os from 'node:os';
import { type Browser } from 'playwright-core';
import { startSextant } from '../../support/servers';
import { type BenchContext, type WorkloadResult, seconds } from '../context';
import { treeCpuSeconds } from '../cpu';
import { HttpClient } from '../http';
import { redact } from '../redact';
import { type Row } from '../report';
import { median } from '../stats';
import { CHROMIUM, appUrlFrom, hasChromium, launchChromium, openBenchPage } from '../ui/browser';
import { type FirstChartRep, type FirstRowsRep, type RpcTiming, type ScrollRep, firstChart, firstRows, scrollTable } from '../ui/measure';
import { dataColumnIds, seedChartRuns, seedTable } from '../ui/seed';

/** The attribute columns shown by default, kept in front of the 50 data columns in the saved view. */
const ATTRIBUTE_COLUMNS = ['attributes.status', 'attributes.start_time', 'attributes.duration', 'attributes.user_id', 'attributes.source'];
const PREFS_KEY = (experimentId: string) => `sextant.runsView.v1.${experimentId}`;

const fmt = (n: number) => n.toLocaleString('en-US');
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
function rpcMedian(reps: { rpc: RpcTiming[] }[], method: string, pick: 'first' | 'longest' = 'first'): number | undefined {
  const values = reps.flatMap((r) => {
    const calls = r.rpc.filter((c) => c.method === method);
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
  const labels = {
    rows: `open experiment (${tableText}) → first rows drawn: median of ${o.reps}`,
    rowsLoad: `page load of its URL → first rows drawn: median of ${loadReps}`,
    allRuns: `open experiment → all ${fmt(o.runs)} runs in the table`,
    loadTask: `longest task while the ${fmt(o.runs)} runs load`,
    search: 'first runs.search RPC (100 runs) as the page saw it',
    chart: `compare ${chartText} → first chart drawn: median of ${o.reps}`,
    series: `metrics.series RPC (${o.chartRuns} runs, downsampled in the server)`,
    scrollTask: `longest task while scrolling the table (worst of ${o.scrollReps})`,
    scrollFrame: 'longest frame (rAF interval) while scrolling',
    scrollCpu: 'most CPU time of one task while scrolling (trace)',
  };
  const skeleton = (why: string): WorkloadResult => ({
    rows: [
      { ...base, metric: labels.rows, target: { maxSextant: 500 } },
      { ...base, metric: labels.chart, target: { maxSextant: 1000 } },
      { ...base, metric: labels.scrollTask, target: { maxSextant: 100 } },
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
  const server = await startSextant();
  ctx.adopt(server);
  const http = new HttpClient(server.url, Math.max(o.seedConcurrency, o.chartSeedConcurrency) + 2);
  let browser: Browser | undefined;
  const details: Record<string, unknown> = { runs: o.runs, columns, chartRuns: o.chartRuns, chartPoints: o.chartPoints, reps: o.reps };
  const errors: Record<string, string> = {};
  /** One measurement; a failure is noted and the others still run. */
  const attempt = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (e) {
      errors[name] = (e as Error).stack ?? String(e);
      ctx.note(`ui: ${name} failed: ${(e as Error).message.split('\n')[0]}`);
      ctx.log(`ui: ${name} FAILED: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
  };
  try {
    const appUrl = appUrlFrom(server.output());
    const table = await seedTable(http, shape, o.seedConcurrency, (m) => ctx.log(`Sextant: ${m}`));
    ctx.log(`Sextant: seeded ${tableText} in ${seconds(table.ms)}`);
    const idleAfterTableMs = await serverIdle(server.process.pid);
    if (idleAfterTableMs > 2000) ctx.log(`Sextant: the server stayed busy ${seconds(idleAfterTableMs)} after the last request`);
    const charts = await seedChartRuns(http, o.chartRuns, o.chartPoints, o.chartSeedConcurrency, (m) => ctx.log(`Sextant: ${m}`));
    const chartPointsPerSec = charts.points / (charts.ms / 1000);
    ctx.log(`Sextant: seeded ${fmt(charts.points)} points in ${seconds(charts.ms)} (${fmt(Math.round(chartPointsPerSec))} points/s)`);
    const idleMs = await serverIdle(server.process.pid);
    if (idleMs > 2000) ctx.log(`Sextant: the server stayed busy ${seconds(idleMs)} after the last request`);
    // the store's checkpoints hold writes back while they run: they explain a seeding rate that dips
    const checkpoints = redact(server.output()).match(/checkpoint:[^\n]*/g) ?? [];
    if (checkpoints.length) ctx.log(`Sextant: ${checkpoints.length} store checkpoint(s) while seeding: ${checkpoints.join('; ')}`);
    details.seed = { tableMs: table.ms, chartMs: charts.ms, chartPointsPerSec, serverBusyAfterTableMs: idleAfterTableMs, serverBusyAfterChartsMs: idleMs, checkpoints };

    browser = await launchChromium();
    const { page, errors: pageErrors } = await openBenchPage(browser, appUrl);
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
    const out: Row[] = [
      { workload: 'ui', metric: `seed ${tableText} (create + log-batch + update; not a target)`, unit: 's', better: 'lower', sextant: table.ms / 1000 },
      { workload: 'ui', metric: `seed ${chartText} (1,000/log-batch, ${o.chartSeedConcurrency} in flight; not a target)`, unit: 'points/s', better: 'higher', sextant: chartPointsPerSec },
      { ...base, metric: labels.rows, sextant: rows ? median(rows.nav.map((r) => r.drawnMs)) : undefined, target: { maxSextant: 500 } },
      { ...base, metric: labels.rowsLoad, sextant: rows ? median(rows.load.map((r) => r.drawnMs)) : undefined },
      { ...base, metric: labels.search, sextant: rows ? rpcMedian(rows.nav, 'runs.search') : undefined },
      { ...base, metric: labels.allRuns, sextant: rows ? median(rows.nav.map((r) => r.allLoadedMs)) : undefined },
      { ...base, metric: labels.loadTask, sextant: rows ? Math.max(...rows.nav.map((r) => r.longestTaskMs)) : undefined, sextantNote: 'worst over the repetitions; 0 = no task of 50 ms or more' },
      { ...base, metric: labels.chart, sextant: chartMs, target: { maxSextant: 1000 } },
      { ...base, metric: labels.series, sextant: chart ? rpcMedian(chart.reps, 'metrics.series', 'longest') : undefined },
      { ...base, metric: labels.scrollTask, sextant: scrollValue, target: { maxSextant: 100 }, ...(scrollNote ? { sextantNote: scrollNote } : {}) },
      { ...base, metric: labels.scrollFrame, sextant: longestFrame },
      { ...base, metric: labels.scrollCpu, sextant: scroll?.some((p) => p.maxTaskCpuMs !== undefined) ? Math.max(...scroll.map((p) => p.maxTaskCpuMs ?? 0)) : undefined },
    ];
    return { rows: out, details };
  } finally {
    await browser?.close().catch(() => undefined);
    http.close();
    await server.stop();
  }
}
