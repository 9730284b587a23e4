// Workload 5 — memory: Sextant only (MLflow would take hours). A fresh `sextant serve` is sent
// --memory-points metric points (default 100 million) as 1,000-point log-batches spread over
// 10 runs × 10 keys, 4 in flight; its resident memory (VmRSS of the server process, plus any
// children) is sampled every second. Target: RSS < 500 MB once the points are in.
import { startSextant } from '../../support/servers';
import { API, createExperiment, createRun } from '../api';
import { type BenchContext, type WorkloadResult, seconds } from '../context';
import { HttpClient } from '../http';
import { pool, retry, throttled } from '../load';
import { MetricBatchBody, metricKeys } from '../payloads';
import { type Row } from '../report';
import { MB, readRss } from '../rss';
import { redact } from '../redact';
import { prng } from '../stats';

export async function memory(ctx: BenchContext): Promise<WorkloadResult> {
  const o = ctx.opts.memory;
  const label = `RSS after ${o.points.toLocaleString('en-US')} points logged`;
  if (!ctx.sextantAvailable) {
    return { rows: [{ workload: 'memory', metric: label, unit: 'MB', better: 'lower', target: { maxSextant: 500 } }], details: { skipped: 'Sextant not available' } };
  }
  ctx.log(`Sextant (fresh server): logging ${o.points.toLocaleString('en-US')} points over ${o.runs} runs × ${o.keys} keys, ${o.concurrency} in flight`);
  const server = await startSextant();
  ctx.adopt(server);
  const http = new HttpClient(server.url, o.concurrency + 2);
  const pid = server.process.pid;
  try {
    const startRss = readRss(pid);
    const exp = await createExperiment(http, 'bench-memory');
    const bodies: MetricBatchBody[] = [];
    for (let r = 0; r < o.runs; r++) {
      const runId = await createRun(http, exp, { runName: `memory-${r}` });
      bodies.push(new MetricBatchBody(runId, metricKeys(o.keys), o.stepsPerBatch, prng(7000 + r)));
    }
    const perBatch = o.keys * o.stepsPerBatch;
    const batches = Math.ceil(o.points / perBatch);
    let peak = startRss.tree ?? 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, readRss(pid).tree ?? 0);
    }, 1000);
    const t0 = performance.now();
    const base = Date.now();
    const progress = throttled(15_000, (done) => {
      const s = (performance.now() - t0) / 1000;
      ctx.log(`Sextant: ${(done * perBatch).toLocaleString('en-US')} points in ${s.toFixed(0)} s (${Math.round((done * perBatch) / s).toLocaleString('en-US')} points/s), RSS ${((readRss(pid).tree ?? 0) / MB).toFixed(0)} MB`);
    });
    let sent = 0;
    try {
      await pool(batches, o.concurrency, async (i) => {
        const run = i % o.runs;
        const step = Math.floor(i / o.runs) * o.stepsPerBatch;
        const body = (bodies[run] as MetricBatchBody).build(step, base + step);
        await retry(() => http.postJson(`${API}/runs/log-batch`, body));
        sent++;
      }, progress);
    } catch (e) {
      const p = server.process;
      const state = p.exitCode === null && p.signalCode === null ? 'still running' : `exited (code ${p.exitCode}, signal ${p.signalCode})`;
      throw new Error(`${(e as Error).message} after ${(sent * perBatch).toLocaleString('en-US')} points; the server ${state}. Output tail:\n${redact(server.output().slice(-1000))}`, { cause: e });
    } finally {
      clearInterval(sampler);
    }
    const ingestMs = performance.now() - t0;
    const afterIngest = readRss(pid);
    peak = Math.max(peak, afterIngest.tree ?? 0);
    await new Promise((r) => setTimeout(r, o.settleMs));
    const settled = readRss(pid);
    const pointsPerSec = (batches * perBatch) / (ingestMs / 1000);
    ctx.log(`Sextant: ${(batches * perBatch).toLocaleString('en-US')} points in ${seconds(ingestMs)}; RSS ${((settled.tree ?? 0) / MB).toFixed(0)} MB after ${o.settleMs / 1000} s idle (peak ${(peak / MB).toFixed(0)} MB)`);
    const rows: Row[] = [
      { workload: 'memory', metric: label, unit: 'MB', better: 'lower', sextant: (settled.tree ?? Number.NaN) / MB, target: { maxSextant: 500 } },
      { workload: 'memory', metric: 'peak RSS while logging them', unit: 'MB', better: 'lower', sextant: peak / MB },
      { workload: 'memory', metric: `sustained log-batch ingest, ${o.concurrency} in flight`, unit: 'points/s', better: 'higher', sextant: pointsPerSec },
    ];
    const mb = (b: number | undefined) => (b === undefined ? undefined : b / MB);
    return {
      rows,
      details: {
        points: batches * perBatch,
        ingestMs,
        pointsPerSec,
        rssMB: { start: mb(startRss.tree), afterIngest: mb(afterIngest.tree), settled: mb(settled.tree), settledSelf: mb(settled.self), peak: mb(peak) },
      },
    };
  } finally {
    http.close();
    await server.stop();
  }
}
