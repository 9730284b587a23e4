// Workload 1 — ingest: runs/log-batch with 1,000 metrics per request (10 keys × 100 steps,
// timestamps increasing), 4 requests in flight, one run per in-flight stream (like 4 training
// processes). Measures metric points accepted per second. Target: ≥100× MLflow.
import { API, createExperiment, createRun } from '../api';
import { type BenchContext, type BenchTarget, type WorkloadResult, eachTarget } from '../context';
import { type CpuUse, clientBoundNote, cpuMsPer, cpuText, measureCpu } from '../cpu';
import { closedLoop, errorNote } from '../load';
import { MetricBatchBody, metricKeys } from '../payloads';
import { type Options } from '../options';
import { ENCRYPTED_MIN_SHARE, type Row } from '../report';
import { prng, summarize } from '../stats';

export interface IngestResult {
  pointsPerSec: number;
  requestsPerSec: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  errors: number;
  windowMs: number;
  bodyBytes: number;
  cpu: CpuUse;
  /** Every log-batch sent in the phase (warm-up and window), for the server's CPU per request. */
  sent: number;
  /** Server CPU ms per log-batch over the phase. */
  serverCpuMsPerRequest?: number;
  firstError?: string;
}

/** One measured ingest phase against `t` (a new experiment with one run per in-flight stream). */
export async function ingestPhase(t: BenchTarget, o: Options['ingest'], log: (m: string) => void): Promise<IngestResult> {
  const exp = await createExperiment(t.http, 'bench-ingest');
  const bodies: MetricBatchBody[] = [];
  for (let w = 0; w < o.concurrency; w++) {
    const runId = await createRun(t.http, exp, { runName: `ingest-${w}` });
    bodies.push(new MetricBatchBody(runId, metricKeys(o.keys), o.stepsPerBatch, prng(1000 + w)));
  }
  const nextStep = bodies.map(() => 0);
  const t0 = Date.now();
  let sent = 0;
  const path = `${API}/runs/log-batch`;
  log(`${t.label}: log-batch ${o.keys * o.stepsPerBatch} points/request, ${o.concurrency} in flight, ${o.durationMs / 1000} s (+${o.warmupMs / 1000} s warm-up)`);
  const { value: r, cpu } = await measureCpu(t.server.process.pid, () =>
    closedLoop(o, (_seq, w) => {
      const body = bodies[w] as MetricBatchBody;
      const step = nextStep[w] as number;
      nextStep[w] = step + o.stepsPerBatch;
      sent++;
      return t.http.request('POST', path, body.build(step, t0 + step));
    }),
  );
  const lat = summarize(r.latencies);
  const points = r.ok * o.keys * o.stepsPerBatch;
  const out: IngestResult = {
    pointsPerSec: points / (r.windowMs / 1000),
    requestsPerSec: r.ok / (r.windowMs / 1000),
    p50: lat.p50,
    p99: lat.p99,
    max: lat.max,
    ok: r.ok,
    errors: r.errors,
    windowMs: r.windowMs,
    bodyBytes: (bodies[0] as MetricBatchBody).byteLength,
    cpu,
    sent,
  };
  const perRequest = cpuMsPer(cpu, sent);
  if (perRequest !== undefined) out.serverCpuMsPerRequest = perRequest;
  if (r.firstError) out.firstError = r.firstError;
  log(`${t.label}: ${Math.round(out.pointsPerSec).toLocaleString('en-US')} points/s (${r.ok} requests, ${r.errors} errors, p50 ${lat.p50.toFixed(1)} ms, max ${lat.max.toFixed(0)} ms; ${cpuText(cpu)}, ${perRequest?.toFixed(2) ?? '?'} ms of server CPU per request)`);
  if (r.firstError) log(`${t.label}: first error: ${r.firstError}`);
  return out;
}

export async function ingest(ctx: BenchContext): Promise<WorkloadResult> {
  const o = ctx.opts.ingest;
  const res = await eachTarget(ctx, (t) => ingestPhase(t, o, ctx.log), { encrypted: true });
  const enc = res['sextant-encrypted'];

  const label = `log-batch ${(o.keys * o.stepsPerBatch).toLocaleString('en-US')} pts/req, ${o.concurrency} in flight`;
  const notes = (r: typeof res.mlflow, bound?: string) => [errorNote(r), bound].filter(Boolean).join('; ') || undefined;
  const mlflowNote = notes(res.mlflow);
  const sextantNote = notes(res.sextant, clientBoundNote(res.sextant?.cpu));
  const encryptedNote = notes(enc, clientBoundNote(enc?.cpu));
  const rows: Row[] = [
    { workload: 'ingest', metric: `${label}: points accepted`, unit: 'points/s', better: 'higher', mlflow: res.mlflow?.pointsPerSec, sextant: res.sextant?.pointsPerSec, target: { minRatio: 100 }, ...(mlflowNote ? { mlflowNote } : {}), ...(sextantNote ? { sextantNote } : {}), ...(enc ? { encrypted: enc.pointsPerSec, encryptedTarget: ENCRYPTED_MIN_SHARE } : {}), ...(encryptedNote ? { encryptedNote } : {}) },
    { workload: 'ingest', metric: 'log-batch latency p50', unit: 'ms', better: 'lower', mlflow: res.mlflow?.p50, sextant: res.sextant?.p50, ...(enc ? { encrypted: enc.p50 } : {}) },
    { workload: 'ingest', metric: 'log-batch latency p99', unit: 'ms', better: 'lower', mlflow: res.mlflow?.p99, sextant: res.sextant?.p99, ...(enc ? { encrypted: enc.p99 } : {}) },
    { workload: 'ingest', metric: 'server CPU per log-batch (warm-up included; informational)', unit: 'ms', better: 'lower', mlflow: res.mlflow?.serverCpuMsPerRequest, sextant: res.sextant?.serverCpuMsPerRequest, ...(enc ? { encrypted: enc.serverCpuMsPerRequest, encryptedTarget: ENCRYPTED_MIN_SHARE } : {}) },
  ];
  return { rows, details: { ...res } };
}
