// Workload 2 — single requests: runs/log-metric, 16 in flight, each request one new step of one
// metric. Measures requests per second and p50/p99 latency. Target: ≥30× MLflow.
import { API, createExperiment, createRun } from '../api';
import { type BenchContext, type WorkloadResult, eachTarget } from '../context';
import { type CpuUse, clientBoundNote, cpuMsPer, cpuText, measureCpu } from '../cpu';
import { closedLoop, errorNote } from '../load';
import { LogMetricBody } from '../payloads';
import { ENCRYPTED_MIN_SHARE, type Row } from '../report';
import { summarize } from '../stats';

interface SingleResult {
  requestsPerSec: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
  windowMs: number;
  cpu: CpuUse;
  /** Server CPU ms per log-metric over the phase (every request sent, warm-up included). */
  serverCpuMsPerRequest?: number;
  firstError?: string;
}

export async function single(ctx: BenchContext): Promise<WorkloadResult> {
  const o = ctx.opts.single;
  const res = await eachTarget(ctx, async (t): Promise<SingleResult> => {
    const exp = await createExperiment(t.http, 'bench-single');
    const runId = await createRun(t.http, exp, { runName: 'single' });
    const body = new LogMetricBody(runId, 'loss', 0.4321);
    const t0 = Date.now();
    const path = `${API}/runs/log-metric`;
    ctx.log(`${t.label}: log-metric, ${o.concurrency} in flight, ${o.durationMs / 1000} s (+${o.warmupMs / 1000} s warm-up)`);
    let sent = 0;
    const { value: r, cpu } = await measureCpu(t.server.process.pid, () => closedLoop(o, (seq) => {
      sent++;
      return t.http.request('POST', path, body.build(seq, t0 + seq));
    }));
    const lat = summarize(r.latencies);
    const out: SingleResult = { requestsPerSec: r.ok / (r.windowMs / 1000), p50: lat.p50, p99: lat.p99, ok: r.ok, errors: r.errors, windowMs: r.windowMs, cpu };
    const perRequest = cpuMsPer(cpu, sent);
    if (perRequest !== undefined) out.serverCpuMsPerRequest = perRequest;
    if (r.firstError) out.firstError = r.firstError;
    ctx.log(`${t.label}: ${Math.round(out.requestsPerSec).toLocaleString('en-US')} req/s (${r.errors} errors, p50 ${lat.p50.toFixed(2)} ms, p99 ${lat.p99.toFixed(2)} ms; ${cpuText(cpu)}, ${perRequest?.toFixed(3) ?? '?'} ms of server CPU per request)`);
    if (r.firstError) ctx.log(`${t.label}: first error: ${r.firstError}`);
    return out;
  }, { encrypted: true });
  const enc = res['sextant-encrypted'];

  const notes = (r: typeof res.mlflow, bound?: string) => [errorNote(r), bound].filter(Boolean).join('; ') || undefined;
  const mlflowNote = notes(res.mlflow);
  const sextantNote = notes(res.sextant, clientBoundNote(res.sextant?.cpu));
  const encryptedNote = notes(enc, clientBoundNote(enc?.cpu));
  const rows: Row[] = [
    { workload: 'single', metric: `log-metric, ${o.concurrency} in flight: throughput`, unit: 'req/s', better: 'higher', mlflow: res.mlflow?.requestsPerSec, sextant: res.sextant?.requestsPerSec, target: { minRatio: 30 }, ...(mlflowNote ? { mlflowNote } : {}), ...(sextantNote ? { sextantNote } : {}), ...(enc ? { encrypted: enc.requestsPerSec, encryptedTarget: ENCRYPTED_MIN_SHARE } : {}), ...(encryptedNote ? { encryptedNote } : {}) },
    { workload: 'single', metric: 'log-metric latency p50', unit: 'ms', better: 'lower', mlflow: res.mlflow?.p50, sextant: res.sextant?.p50, target: { minRatio: 30 }, ...(enc ? { encrypted: enc.p50 } : {}) },
    { workload: 'single', metric: 'log-metric latency p99', unit: 'ms', better: 'lower', mlflow: res.mlflow?.p99, sextant: res.sextant?.p99, ...(enc ? { encrypted: enc.p99 } : {}) },
    { workload: 'single', metric: 'server CPU per log-metric (warm-up included; informational)', unit: 'ms', better: 'lower', mlflow: res.mlflow?.serverCpuMsPerRequest, sextant: res.sextant?.serverCpuMsPerRequest, ...(enc ? { encrypted: enc.serverCpuMsPerRequest, encryptedTarget: ENCRYPTED_MIN_SHARE } : {}) },
  ];
  return { rows, details: { ...res } };
}
