// Workload stall (issue 11): the longest event-loop stall a client sees during mixed load on the
// big store (big-store.ts, 50,000 runs), checkpoints included. Target (Sextant): < 50 ms.
// Measured from outside, the same way for both servers: stall-probe.mjs, a process of its own,
// sends GET /health on its own keep-alive connection every 5 ms and records each answer's latency;
// the stall is the worst probe, reported with its p99 and median (the baseline under load).
// The load, for --stall-minutes (10; quick 1):
//  * 4 streams of runs/log-batch, 1,000 metrics per request, closed loop (one new run each);
//  * a searcher: BIG_FILTER ordered by BIG_ORDER, max_results 1,000 (1,000 of ~3,600 matches), in a loop;
//  * "UI reads" in a loop: runs/get of a random big-store run, metrics/get-history of m0 for 3
//    random big-store runs, and get-history-bulk-interval (max_results 320) of the ingest runs' first metric;
//  * new runs in a loop (runs/create + a log-batch of 10 params, 10 metrics, 3 tags, as the store
//    was seeded): metadata, which is what Sextant's checkpoints count. Its server gets
//    SEXTANT_CHECKPOINT_BYTES = --stall-checkpoint-mb (0.1 MB) so checkpoints fall inside the window.
// The control: an idle Node server (idle-server.mjs, a process of its own) probed the same way
// during the same window; its worst latency is the machine's noise floor (other processes'
// load), below which a stall of the server under test cannot be told from the machine's.
// Sextant's checkpoint log lines during the window are counted and reported. Then the RSS at the
// end of the window (target < 1 GB) and the close (SIGTERM → exit, target < 2 s).
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { API, createExperiment, createRun } from '../api';
import { BIG_FILTER, BIG_ORDER, BIG_TOP, type BigStore, bigLabel, bigRun, bigStore, checkpointLines, serveBig, stopTimed, verifyBig } from '../big-store';
import { type BenchContext, type WorkloadResult } from '../context';
import { measureCpu, type CpuUse } from '../cpu';
import { HttpClient, type HttpResponse, withQuery } from '../http';
import { MetricBatchBody, metricKeys } from '../payloads';
import { type Row } from '../report';
import { MB, processPeakRss, readRss, resetPeakRss } from '../rss';
import { type Summary, Samples, prng, summarize } from '../stats';

interface ProbeOutput {
  latencies: number[];
  at: number[];
  errors: number;
  firstError?: string;
  selfLagMaxMs: number;
  elapsedMs: number;
  /** When the first probe was sent, Unix ms. */
  startEpochMs?: number;
}

interface LoopStats {
  ok: number;
  errors: number;
  firstError?: string;
  latency: Summary;
}

interface StallResult {
  runs: number;
  durationMs: number;
  probe: { count: number; errors: number; firstError?: string; max: number; p99: number; p999: number; p50: number; selfLagMaxMs: number; worst: { atS: number; ms: number; epochMs?: number }[] };
  /** The same probe on an idle Node server during the same window: the machine's noise floor. */
  control?: StallResult['probe'];
  ingest: LoopStats & { pointsPerSec: number };
  search: LoopStats;
  uiReads: LoopStats;
  newRuns: LoopStats;
  checkpoints: number;
  checkpointLines: string[];
  rssStartMB?: number;
  rssEndMB?: number;
  rssPeakMB: number;
  closeMs: number;
  cpu: CpuUse;
  loadAvgStart: number[];
  loadAvgEnd: number[];
}

/**
 * The stall workload's Sextant environment: its checkpoint trigger, and for a diagnosis
 * SEXTANT_STALL_NODE_OPTIONS as the server's NODE_OPTIONS (e.g. `--import <a script starting an
 * inspector profiler>`; --cpu-prof is not allowed there), so they reach the server and not the
 * bench or the probe. SEXTANT_TRACE_SLOW_MS reaches it as any variable does; SEXTANT_STALL_SERVER_LOG
 * names a file the server's output is written to after the window.
 */
function sextantEnv(checkpointBytes: number): NodeJS.ProcessEnv {
  const nodeOptions = process.env.SEXTANT_STALL_NODE_OPTIONS;
  return { SEXTANT_CHECKPOINT_BYTES: String(checkpointBytes), ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) };
}

const PROBE = fileURLToPath(new URL('../stall-probe.mjs', import.meta.url));
const IDLE_SERVER = fileURLToPath(new URL('../idle-server.mjs', import.meta.url));

/** The control: an idle Node server in a process of its own (idle-server.mjs); `stop` ends it. */
function startIdleServer(): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [IDLE_SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.on('error', reject);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const port = /^(\d+)\n/.exec(out)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, stop: () => child.stdin.end() });
    });
    child.on('exit', (code) => reject(new Error(`idle server exited (${code})`)));
  });
}

function probeSummary(p: ProbeOutput): StallResult['probe'] {
  const sorted = Float64Array.from(p.latencies).sort();
  const sum = summarize(p.latencies);
  return {
    count: sum.count,
    errors: p.errors,
    ...(p.firstError ? { firstError: p.firstError } : {}),
    max: sum.max,
    p99: sum.p99,
    p999: sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.999))] ?? Number.NaN) : Number.NaN,
    p50: sum.p50,
    selfLagMaxMs: p.selfLagMaxMs,
    worst: p.latencies
      .map((ms, i) => ({ ms, atS: (p.at[i] ?? 0) / 1000, ...(p.startEpochMs !== undefined ? { epochMs: p.startEpochMs + (p.at[i] ?? 0) } : {}) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10),
  };
}

function runProbe(url: string, intervalMs: number, durationMs: number): Promise<ProbeOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PROBE, url, String(intervalMs), String(durationMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(out) as ProbeOutput);
      } catch {
        reject(new Error(`stall probe exited with ${code}: ${err.slice(-1000)}`));
      }
    });
  });
}

/** Calls `send` in a loop until `until()` is false; records latencies of 200s into `lat` and counts the rest. */
async function loop(until: () => boolean, send: () => Promise<HttpResponse[]>, lat = new Samples()): Promise<LoopStats> {
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  while (until()) {
    try {
      for (const res of await send()) {
        if (res.status === 200) {
          ok++;
          lat.push(res.ms);
        } else {
          errors++;
          firstError ??= `HTTP ${res.status}: ${res.body.toString().slice(0, 200)}`;
        }
      }
    } catch (e) {
      errors++;
      firstError ??= (e as Error).message;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const out: LoopStats = { ok, errors, latency: summarize(lat) };
  if (firstError) out.firstError = firstError;
  return out;
}

async function measure(ctx: BenchContext, store: BigStore, durationMs: number): Promise<StallResult> {
  const o = ctx.opts.stall;
  const label = store.kind === 'sextant' ? 'Sextant' : 'MLflow';
  const server = await serveBig(ctx, store, store.kind === 'sextant' ? sextantEnv(o.checkpointBytes) : undefined);
  const http = new HttpClient(server.url, 16);
  const pid = server.process.pid;
  const idle = await startIdleServer().catch((e: Error) => {
    ctx.note(`stall: the idle control server did not start (${e.message}); no control row`);
    return undefined;
  });
  try {
    await verifyBig(ctx, store, http);
    const exp = await createExperiment(http, 'bench-stall-ingest');
    const bodies: MetricBatchBody[] = [];
    const ingestRuns: string[] = [];
    for (let w = 0; w < o.ingestStreams; w++) {
      const runId = await createRun(http, exp, { runName: `stall-ingest-${w}` });
      ingestRuns.push(runId);
      bodies.push(new MetricBatchBody(runId, metricKeys(10), 100, prng(3000 + w)));
    }
    // warm-up, not measured: one of each request, so first-use costs (a cold query plan, a lazily
    // built index) are not counted as a stall of the steady state
    const rand = prng(0x57a11);
    const pick = () => store.runIds[Math.floor(rand() * store.runIds.length)] as string;
    const searchBody = Buffer.from(JSON.stringify({ experiment_ids: [store.experimentId], filter: BIG_FILTER, order_by: [BIG_ORDER], max_results: BIG_TOP }));
    const intervalPath = withQuery(`${API}/metrics/get-history-bulk-interval`, { run_ids: ingestRuns, metric_key: 'metric_0', max_results: 320 });
    const base = Date.now();
    const steps = bodies.map(() => 0);
    const uiRound = async () => {
      const out = [await http.request('GET', withQuery(`${API}/runs/get`, { run_id: pick() }))];
      for (let i = 0; i < o.uiRuns; i++) out.push(await http.request('GET', withQuery(`${API}/metrics/get-history`, { run_id: pick(), metric_key: 'm0' })));
      out.push(await http.request('GET', intervalPath));
      return out;
    };
    const logBatch = async (w: number) => {
      const s = steps[w] as number;
      steps[w] = s + 100;
      return [await http.request('POST', `${API}/runs/log-batch`, (bodies[w] as MetricBatchBody).build(s, base + s))];
    };
    let nextRun = store.runs;
    const newRun = async () => {
      const run = bigRun(nextRun++);
      const res = await http.request('POST', `${API}/runs/create`, JSON.stringify({ experiment_id: store.experimentId, run_name: run.name, start_time: run.startTime }));
      if (res.status !== 200) return [res];
      const runId = (JSON.parse(res.body.toString()) as { run: { info: { run_id: string } } }).run.info.run_id;
      return [res, await http.request('POST', `${API}/runs/log-batch`, JSON.stringify({ run_id: runId, params: run.params, metrics: run.metrics, tags: run.tags }))];
    };
    const warm = [...(await newRun()), ...(await Promise.all(bodies.map((_, w) => logBatch(w)))).flat(), await http.request('POST', `${API}/runs/search`, searchBody), ...(await uiRound())];
    const warmBad = warm.find((r) => r.status !== 200);
    if (warmBad) throw new Error(`warm-up request failed: HTTP ${warmBad.status}: ${warmBad.body.toString().slice(0, 300)}`);
    const rssStart = readRss(pid).tree;
    let peak = rssStart ?? 0;
    // Sextant is one process (its checkpoint worker is a thread): its kernel-kept peak (VmHWM) sees
    // what a 1-second sample misses. MLflow is a process tree, so it is only sampled.
    const keptPeak = store.kind === 'sextant' && pid !== undefined && resetPeakRss(pid);
    const sampler = setInterval(() => {
      peak = Math.max(peak, readRss(pid).tree ?? 0);
    }, 1000);
    const before = server.output().length;
    const loadAvgStart = os.loadavg();
    ctx.log(`${label}: stall probe every ${o.probeIntervalMs} ms for ${(durationMs / 60_000).toFixed(1)} min under ${o.ingestStreams} ingest streams + a searcher + UI reads on the ${bigLabel(store.runs)}`);
    const t0 = performance.now();
    let running = true;
    const until = () => running;
    const ingestLat = new Samples();
    const { value, cpu } = await measureCpu(pid, async () => {
      const probe = runProbe(server.url, o.probeIntervalMs, durationMs).finally(() => {
        running = false;
      });
      const control = idle ? runProbe(idle.url, o.probeIntervalMs, durationMs).catch(() => undefined) : Promise.resolve(undefined);
      const streams = bodies.map((_, w) => loop(until, () => logBatch(w), ingestLat));
      const searcher = loop(until, async () => [await http.request('POST', `${API}/runs/search`, searchBody)]);
      const ui = loop(until, uiRound);
      const creator = loop(until, newRun);
      const [p, ingests, search, uiReads, newRuns, c] = await Promise.all([probe, Promise.all(streams), searcher, ui, creator, control]);
      return { p, c, ingests, search, uiReads, newRuns, windowMs: performance.now() - t0 };
    });
    clearInterval(sampler);
    const rssEnd = readRss(pid).tree;
    peak = Math.max(peak, rssEnd ?? 0, keptPeak && pid !== undefined ? (processPeakRss(pid) ?? 0) : 0);
    const loadAvgEnd = os.loadavg();
    const lines = checkpointLines(server.output().slice(before));
    // a diagnosis aid: the server's whole output (SEXTANT_TRACE_SLOW_MS's lines among it) kept in a file
    const logFile = process.env.SEXTANT_STALL_SERVER_LOG;
    if (logFile && store.kind === 'sextant') await writeFile(logFile, server.output());
    http.close();
    const close = await stopTimed(server);

    const { p, c, ingests, search, uiReads, newRuns, windowMs } = value;
    const probe = probeSummary(p);
    const control = c ? probeSummary(c) : undefined;
    const sum = probe;
    const worst = probe.worst;
    let ingestOk = 0;
    let ingestErr = 0;
    let ingestFirst: string | undefined;
    for (const s of ingests) {
      ingestOk += s.ok;
      ingestErr += s.errors;
      ingestFirst ??= s.firstError;
    }
    const ingest: StallResult['ingest'] = {
      ok: ingestOk,
      errors: ingestErr,
      latency: summarize(ingestLat),
      pointsPerSec: (ingestOk * 1000) / (windowMs / 1000),
    };
    if (ingestFirst) ingest.firstError = ingestFirst;
    const result: StallResult = {
      runs: store.runs,
      durationMs: windowMs,
      probe,
      ...(control ? { control } : {}),
      ingest,
      search,
      uiReads,
      newRuns,
      checkpoints: lines.length,
      checkpointLines: lines,
      rssPeakMB: peak / MB,
      closeMs: close.ms,
      cpu,
      loadAvgStart,
      loadAvgEnd,
    };
    if (rssStart !== undefined) result.rssStartMB = rssStart / MB;
    if (rssEnd !== undefined) result.rssEndMB = rssEnd / MB;
    ctx.log(`${label}: stall ${sum.max.toFixed(1)} ms (p99 ${sum.p99.toFixed(1)}, median ${sum.p50.toFixed(2)} ms, ${sum.count} probes, ${p.errors} errors, probe's own timer lag max ${p.selfLagMaxMs.toFixed(1)} ms); worst at ${worst.slice(0, 3).map((w) => `${w.atS.toFixed(1)} s: ${w.ms.toFixed(0)} ms`).join(', ')}`);
    if (control) ctx.log(`${label}: control (an idle Node server probed the same way meanwhile): worst ${control.max.toFixed(1)} ms, p99 ${control.p99.toFixed(1)}, median ${control.p50.toFixed(2)} ms`);
    ctx.log(`${label}: ${lines.length} checkpoint(s) in the window; ingest ${Math.round(ingest.pointsPerSec).toLocaleString('en-US')} points/s, ${search.ok} searches (p50 ${search.latency.p50.toFixed(0)} ms), ${uiReads.ok} UI reads, ${Math.floor(newRuns.ok / 2)} new runs; RSS end ${((rssEnd ?? 0) / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB; close ${close.ms.toFixed(0)} ms`);
    return result;
  } finally {
    idle?.stop();
    http.close();
    await server.stop({ keepData: true });
  }
}

export async function stall(ctx: BenchContext): Promise<WorkloadResult> {
  const o = ctx.opts.stall;
  const out: { mlflow?: StallResult; sextant?: StallResult } = {};
  for (const kind of ['mlflow', 'sextant'] as const) {
    if (!(kind === 'mlflow' ? ctx.mlflowAvailable : ctx.sextantAvailable)) continue;
    try {
      out[kind] = await measure(ctx, await bigStore(ctx, kind), kind === 'mlflow' ? o.mlflowDurationMs : o.durationMs);
    } catch (e) {
      ctx.note(`stall: ${kind} failed: ${(e as Error).message.split('\n')[0]}`);
      ctx.log((e as Error).stack ?? String(e));
    }
  }
  const { mlflow: m, sextant: s } = out;
  const size = bigLabel(ctx.opts.big.runs);
  const min = (ms: number) => `${(ms / 60_000).toFixed(ms % 60_000 === 0 ? 0 : 1)} min`;
  const window = s ? min(o.durationMs) : min(o.mlflowDurationMs);
  if (s) {
    ctx.note(s.checkpoints > 0
      ? `stall: ${s.checkpoints} Sextant checkpoint(s) happened during the ${min(o.durationMs)} window (${s.checkpointLines.slice(0, 3).map((l) => l.trim()).join(' | ')}${s.checkpoints > 3 ? ' | …' : ''})`
      : `stall: NO Sextant checkpoint happened during the ${min(o.durationMs)} window, so the stall row does not include one`);
  }
  const probeNote = (r: StallResult | undefined) => {
    if (!r) return undefined;
    const parts = [
      r.probe.errors ? `${r.probe.errors} probes failed (first: ${r.probe.firstError})` : undefined,
      r.probe.selfLagMaxMs > 20 ? `the probe's own timers fired up to ${r.probe.selfLagMaxMs.toFixed(0)} ms late (machine busy): probe latencies include that` : undefined,
    ].filter(Boolean);
    return parts.join('; ') || undefined;
  };
  const mDiff = m && m.durationMs < (s?.durationMs ?? m.durationMs) - 1000 ? `MLflow's window was ${min(o.mlflowDurationMs)} (shorter windows see fewer rare stalls)` : undefined;
  const mNote = [mDiff, probeNote(m)].filter(Boolean).join('; ');
  const sNote = [probeNote(s), s ? `${s.checkpoints} checkpoint(s) in the window` : undefined].filter(Boolean).join('; ');
  const notes = { ...(mNote ? { mlflowNote: mNote } : {}), ...(sNote ? { sextantNote: sNote } : {}) };
  const load = `${window} of 4 ingest streams + search + UI reads + new runs, ${size}`;
  const loopNote = (f: (r: StallResult) => LoopStats) => {
    const parts = (['mlflow', 'sextant'] as const).map((k) => {
      const r = out[k];
      const l = r && f(r);
      return l && l.errors ? `${k}: ${l.errors} of ${l.ok + l.errors} failed (first: ${l.firstError})` : undefined;
    }).filter(Boolean);
    return parts.join('; ') || undefined;
  };
  const rows: Row[] = [
    { workload: 'stall', metric: `longest stall seen by a /health probe every ${o.probeIntervalMs} ms: ${load}`, unit: 'ms', better: 'lower', mlflow: m?.probe.max, sextant: s?.probe.max, target: { maxSextant: 50 }, ...notes },
    { workload: 'stall', metric: 'probe latency p99 (same window)', unit: 'ms', better: 'lower', mlflow: m?.probe.p99, sextant: s?.probe.p99 },
    { workload: 'stall', metric: 'probe latency median (the baseline under that load)', unit: 'ms', better: 'lower', mlflow: m?.probe.p50, sextant: s?.probe.p50 },
    { workload: 'stall', metric: 'control: longest stall of an idle Node server probed the same way in the same window (the machine\'s noise floor)', unit: 'ms', better: 'lower', mlflow: m?.control?.max, sextant: s?.control?.max },
    { workload: 'stall', metric: 'control: its p99', unit: 'ms', better: 'lower', mlflow: m?.control?.p99, sextant: s?.control?.p99 },
    { workload: 'stall', metric: 'log-batch ingest during the mix (4 streams)', unit: 'points/s', better: 'higher', mlflow: m?.ingest.pointsPerSec, sextant: s?.ingest.pointsPerSec, ...withNote(loopNote((r) => r.ingest)) },
    { workload: 'stall', metric: `filtered+ordered search (${BIG_TOP} of the matches) during the mix: p50`, unit: 'ms', better: 'lower', mlflow: m?.search.latency.p50, sextant: s?.search.latency.p50, ...withNote(loopNote((r) => r.search)) },
    { workload: 'stall', metric: 'UI reads (runs/get, get-history, bulk-interval) during the mix: p50', unit: 'ms', better: 'lower', mlflow: m?.uiReads.latency.p50, sextant: s?.uiReads.latency.p50, ...withNote(loopNote((r) => r.uiReads)) },
    { workload: 'stall', metric: 'new runs created during the mix (create + log-batch of 10 params, 10 metrics, 3 tags)', unit: 'req/s', better: 'higher', mlflow: m && m.newRuns.ok / 2 / (m.durationMs / 1000), sextant: s && s.newRuns.ok / 2 / (s.durationMs / 1000), ...withNote(loopNote((r) => r.newRuns)) },
    { workload: 'stall', metric: `RSS of the ${size} served, at the end of the mix`, unit: 'MB', better: 'lower', mlflow: m?.rssEndMB, sextant: s?.rssEndMB, target: { maxSextant: 1024 } },
    { workload: 'stall', metric: 'peak RSS during the mix (Sextant: the kernel-kept peak; MLflow: sampled every second)', unit: 'MB', better: 'lower', mlflow: m?.rssPeakMB, sextant: s?.rssPeakMB, target: { maxSextant: 1024 } },
    { workload: 'stall', metric: 'close right after the mix: SIGTERM → exit (1 sample)', unit: 'ms', better: 'lower', mlflow: m?.closeMs, sextant: s?.closeMs, target: { maxSextant: 2000 } },
  ];
  return { rows, details: { ...out } };
}

function withNote(note: string | undefined): { sextantNote?: string } {
  return note ? { sextantNote: note } : {};
}
