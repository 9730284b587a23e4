// Workload open-close (issue 11): the big store (big-store.ts: 50,000 runs × 10 params, 10 metrics,
// 3 tags; Sextant's has 500,000 metric series) is served, closed, and timed from outside:
//  open  = spawn of `sextant serve --store <dir>` (or `mlflow server` on its SQLite file) until
//          /health answers 200, polled every 5 ms; reported raw and minus the same for an empty
//          store (the process start) — target < 1 s;
//  close = SIGTERM until the process has exited, with the store's lock found free — target < 2 s.
// Medians of 3, empty and big alternating. Also the RSS of the served big store right after open
// (3 s idle, before any request) — target < 1 GB — and Sextant's close right after seeding: once
// from outside (the big store seeded over REST, then SIGTERM), and in process (median of the same
// reps): a store seeded straight through commit (seed-runs.ts) is closed and its close timed with
// the parts its final checkpoint logs (export, snapshot write), to see where the time goes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultExperimentOps } from '../../../electron/services/experiments-service';
import { Store } from '../../../electron/store/store';
import { seedRuns } from '../../support/seed-runs';
import { type BigStore, bigLabel, bigStore, checkpointLines, verifyBig } from '../big-store';
import { type BenchContext, type WorkloadResult } from '../context';
import { HttpClient } from '../http';
import { type Row } from '../report';
import { MB, readRss } from '../rss';
import { median } from '../stats';
import { asRunning, closeTimed, openTimed } from '../timed-server';

interface OpenCloseResult {
  runs: number;
  openBigMs: number[];
  openEmptyMs: number[];
  closeBigMs: number[];
  closeEmptyMs: number[];
  lockFreeAfterClose: boolean[];
  killed: number;
  rssAfterOpenMB?: number;
  rssAfterFirstSearchMB?: number;
  verified: string;
  closeAfterSeedMs?: number;
  seedMs: number;
  checkpointLinesWhileOpen: string[];
}

const IDLE_MS = 3000;

async function measure(ctx: BenchContext, store: BigStore): Promise<OpenCloseResult> {
  // MLflow has no target here and each of its starts takes 10–70 s on the shared box: one cycle
  const reps = store.kind === 'mlflow' ? 1 : ctx.opts.openClose.reps;
  const label = store.kind === 'sextant' ? 'Sextant' : 'MLflow';
  const emptyDir = await mkdtemp(join(tmpdir(), `${store.kind}-empty-`));
  const r: OpenCloseResult = {
    runs: store.runs, openBigMs: [], openEmptyMs: [], closeBigMs: [], closeEmptyMs: [], lockFreeAfterClose: [], killed: 0, verified: '',
    seedMs: store.seedMs, checkpointLinesWhileOpen: [],
  };
  if (store.closeAfterSeedMs !== undefined) r.closeAfterSeedMs = store.closeAfterSeedMs;
  const cycle = async (dir: string, big: boolean, first: boolean) => {
    const s = await openTimed(store.kind, dir);
    ctx.adopt(asRunning(s));
    try {
      if (big && first) {
        await new Promise((res) => setTimeout(res, IDLE_MS));
        r.rssAfterOpenMB = (readRss(s.process.pid).tree ?? Number.NaN) / MB;
        const http = new HttpClient(s.url, 2);
        try {
          r.verified = await verifyBig(ctx, store, http);
        } finally {
          http.close();
        }
        r.rssAfterFirstSearchMB = (readRss(s.process.pid).tree ?? Number.NaN) / MB;
      }
    } finally {
      const c = await closeTimed(s);
      if (c.killed) r.killed++;
      if (c.lockFree !== undefined) r.lockFreeAfterClose.push(c.lockFree);
      (big ? r.closeBigMs : r.closeEmptyMs).push(c.ms);
      (big ? r.openBigMs : r.openEmptyMs).push(s.openMs);
      if (big) r.checkpointLinesWhileOpen.push(...checkpointLines(s.output()));
      ctx.log(`${label}: ${big ? 'big' : 'empty'} store open ${s.openMs.toFixed(0)} ms, close ${c.ms.toFixed(0)} ms${c.lockFree === false ? ' (LOCK STILL HELD)' : ''}`);
    }
  };
  try {
    // the first open of an empty folder creates the store (or MLflow's schema): not timed
    const init = await openTimed(store.kind, emptyDir);
    ctx.adopt(asRunning(init));
    await closeTimed(init);
    for (let i = 0; i < reps; i++) {
      await cycle(emptyDir, false, false);
      await cycle(store.dir, true, i === 0);
    }
  } finally {
    await rm(emptyDir, { recursive: true, force: true });
  }
  return r;
}

interface InProcessClose {
  runs: number;
  seedMs: number[];
  closeMs: number[];
  /** From the final checkpoint's log line: its export, its snapshot write (temp, fsync, rename, dir fsync), where it exported. */
  exportMs: number[];
  writeMs: number[];
  checkpointLines: string[];
}

/** Seeds a fresh store in this process and times its close, `reps` times. */
async function closeAfterSeedInProcess(ctx: BenchContext, runs: number, reps: number): Promise<InProcessClose> {
  const r: InProcessClose = { runs, seedMs: [], closeMs: [], exportMs: [], writeMs: [], checkpointLines: [] };
  for (let i = 0; i < reps; i++) {
    const dir = await mkdtemp(join(tmpdir(), 'sextant-close-after-seed-'));
    try {
      const logs: string[] = [];
      const store = await Store.open({ dir, initialOps: defaultExperimentOps, log: (m) => logs.push(m) });
      const t0 = performance.now();
      await seedRuns(store, { runs });
      const t1 = performance.now();
      await store.close();
      const closeMs = performance.now() - t1;
      const line = checkpointLines(logs.join('\n')).pop() ?? '';
      const parts = /export (\d+) ms, write (\d+) ms/.exec(line);
      r.seedMs.push(t1 - t0);
      r.closeMs.push(closeMs);
      if (parts) {
        r.exportMs.push(Number(parts[1]));
        r.writeMs.push(Number(parts[2]));
      }
      r.checkpointLines.push(line);
      ctx.log(`Sextant in process: ${runs.toLocaleString('en-US')} runs seeded in ${((t1 - t0) / 1000).toFixed(1)} s, closed in ${closeMs.toFixed(0)} ms (${line || 'no checkpoint logged'})`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return r;
}

export async function openClose(ctx: BenchContext): Promise<WorkloadResult> {
  const out: { mlflow?: OpenCloseResult; sextant?: OpenCloseResult } = {};
  for (const kind of ['mlflow', 'sextant'] as const) {
    if (!(kind === 'mlflow' ? ctx.mlflowAvailable : ctx.sextantAvailable)) continue;
    const label = kind === 'mlflow' ? 'MLflow' : 'Sextant';
    try {
      out[kind] = await measure(ctx, await bigStore(ctx, kind));
    } catch (e) {
      ctx.note(`open-close: ${label} failed: ${(e as Error).message.split('\n')[0]}`);
      ctx.log((e as Error).stack ?? String(e));
    }
  }
  let inProcess: InProcessClose | undefined;
  if (ctx.sextantAvailable) {
    try {
      inProcess = await closeAfterSeedInProcess(ctx, ctx.opts.big.runs, ctx.opts.openClose.reps);
    } catch (e) {
      ctx.note(`open-close: Sextant's close after seeding in process failed: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const { mlflow: m, sextant: s } = out;
  const size = bigLabel(ctx.opts.big.runs);
  const reps = ctx.opts.openClose.reps;
  const med = (v: number[] | undefined) => (v && v.length ? median(v) : undefined);
  const once = m ? { mlflowNote: 'MLflow: one cycle, not a median (no target; each MLflow start takes 10–70 s here)' } : {};
  const minus = (x: OpenCloseResult | undefined) => (x ? (med(x.openBigMs) ?? Number.NaN) - (med(x.openEmptyMs) ?? Number.NaN) : undefined);
  const lockNote = s && s.lockFreeAfterClose.includes(false) ? `the store's lock was still held right after ${s.lockFreeAfterClose.filter((f) => !f).length} of ${s.lockFreeAfterClose.length} exits` : undefined;
  const killNote = (x: OpenCloseResult | undefined) => (x && x.killed ? `${x.killed} close(s) did not end within 10 minutes and were SIGKILLed` : undefined);
  const sNote = [lockNote, killNote(s)].filter(Boolean).join('; ');
  const mNote = [once.mlflowNote, killNote(m)].filter(Boolean).join('; ');
  const notes = { ...(mNote ? { mlflowNote: mNote } : {}), ...(sNote ? { sextantNote: sNote } : {}) };
  const rows: Row[] = [
    { workload: 'open-close', metric: `open the ${size}: spawn → /health 200 (median of ${reps})`, unit: 'ms', better: 'lower', mlflow: med(m?.openBigMs), sextant: med(s?.openBigMs), ...once },
    { workload: 'open-close', metric: `open an empty store (the process start; median of ${reps})`, unit: 'ms', better: 'lower', mlflow: med(m?.openEmptyMs), sextant: med(s?.openEmptyMs), ...once },
    { workload: 'open-close', metric: `open the ${size}, minus the empty store's open`, unit: 'ms', better: 'lower', mlflow: minus(m), sextant: minus(s), target: { maxSextant: 1000 }, ...once },
    { workload: 'open-close', metric: `close the ${size} after open: SIGTERM → exit (median of ${reps})`, unit: 'ms', better: 'lower', mlflow: med(m?.closeBigMs), sextant: med(s?.closeBigMs), target: { maxSextant: 2000 }, ...notes },
    { workload: 'open-close', metric: `close right after seeding the ${size} over REST (1 sample)`, unit: 'ms', better: 'lower', sextant: s?.closeAfterSeedMs, target: { maxSextant: 2000 } },
    {
      workload: 'open-close', metric: `close right after seeding the ${size} in process (median of ${reps})`, unit: 'ms', better: 'lower', sextant: med(inProcess?.closeMs), target: { maxSextant: 2000 },
      ...(inProcess?.exportMs.length ? { sextantNote: `its final checkpoint: export ${med(inProcess.exportMs)!.toFixed(0)} ms, snapshot write ${med(inProcess.writeMs)!.toFixed(0)} ms (medians)` } : {}),
    },
    { workload: 'open-close', metric: `RSS of the ${size} served, ${IDLE_MS / 1000} s after open`, unit: 'MB', better: 'lower', mlflow: m?.rssAfterOpenMB, sextant: s?.rssAfterOpenMB, target: { maxSextant: 1024 }, mlflowNote: 'MLflow: its whole process tree (CLI, uvicorn, job runner)' },
  ];
  return { rows, details: { ...out, ...(inProcess ? { sextantInProcess: inProcess } : {}) } };
}
