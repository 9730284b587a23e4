// Workload — push (issue 8): a Sextant store holding runs × 10 metrics × points (100 × 10 × 10,000
// in a full run) plus artifacts (100 MB) is pushed to a fresh local `mlflow server` with
// `sextant push URL --store S` (the CLI, the store held by no one), versus the fastest plain
// client upload of the same data to another fresh `mlflow server` (log-batch of 1,000 metrics,
// 8 in flight, artifacts by the artifact-proxy PUT). Target: push ≤ 1.3× plain. The MLflow column
// of the row is the plain client, the Sextant column the push; both end at the same remote state.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { API } from '../api';
import { type BenchContext, type WorkloadResult, seconds } from '../context';
import { treeCpuSeconds } from '../cpu';
import { HttpClient } from '../http';
import { type Row } from '../report';
import { sextantBin } from '../../support/paths';
import { type RunningServer, startMlflow, startSextant } from '../../support/servers';
import { type PushScale, plainUpload, totalPoints } from './push-data';

const EXPERIMENT = 'bench-push';

interface Phase {
  seconds: number;
  /** CPU of the remote mlflow server's process tree, % of one core. */
  remoteCpuPct: number;
  /** CPU of the uploader (the bench process for the plain client, the CLI process for push), % of one core. */
  clientCpuPct: number;
}

async function withServer<T>(ctx: BenchContext, start: () => Promise<RunningServer>, fn: (s: RunningServer, http: HttpClient) => Promise<T>, keepData = false): Promise<T> {
  const server = await start();
  ctx.adopt(server);
  const http = new HttpClient(server.url, 16);
  try {
    return await fn(server, http);
  } finally {
    http.close();
    await server.stop({ keepData });
  }
}

/** Checks the remote holds the runs and the points (counts), so a fast wrong upload cannot win. */
async function verify(http: HttpClient, s: PushScale): Promise<void> {
  const { data: e } = await http.getJson<{ experiment: { experiment_id: string } }>(`${API}/experiments/get-by-name?experiment_name=${EXPERIMENT}`);
  const { data } = await http.postJson<{ runs?: { info: { run_id: string; status: string } }[] }>(`${API}/runs/search`, { experiment_ids: [e.experiment.experiment_id], max_results: 1000 });
  const runs = data.runs ?? [];
  if (runs.length !== s.runs) throw new Error(`expected ${s.runs} runs on the remote, found ${runs.length}`);
  if (runs.some((r) => r.info.status !== 'FINISHED')) throw new Error('a run on the remote is not FINISHED');
  const last = runs[0]!.info.run_id;
  const { data: h } = await http.getJson<{ metrics?: unknown[] }>(`${API}/metrics/get-history?run_id=${last}&metric_key=metric_${s.metrics - 1}&max_results=${s.points + 10}`);
  if ((h.metrics?.length ?? 0) !== s.points) throw new Error(`expected ${s.points} points of metric_${s.metrics - 1}, found ${h.metrics?.length ?? 0}`);
}

async function plainPhase(ctx: BenchContext, s: PushScale): Promise<Phase> {
  return withServer(ctx, () => startMlflow(), async (server, http) => {
    ctx.log(`plain client: ${totalPoints(s).toLocaleString('en-US')} points + ${(s.artifactBytes / 1e6).toFixed(0)} MB to mlflow server, ${s.concurrency} in flight`);
    const cpu0 = { client: process.cpuUsage(), remote: treeCpuSeconds(server.process.pid) };
    const t0 = performance.now();
    const retries = { count: 0 };
    await plainUpload(http, s, EXPERIMENT, retries);
    const wall = (performance.now() - t0) / 1000;
    if (retries.count) ctx.log(`plain client: ${retries.count} log-batch requests answered 503/429 and retried, as the MLflow clients do`);
    const client = process.cpuUsage(cpu0.client);
    const phase = { seconds: wall, remoteCpuPct: ((treeCpuSeconds(server.process.pid) - cpu0.remote) / wall) * 100, clientCpuPct: ((client.user + client.system) / 1e6 / wall) * 100 };
    await verify(http, s);
    return phase;
  });
}

interface PushOutcome extends Phase {
  /** The push job's own duration (without the CLI's start and the store's open and close). */
  jobSeconds: number;
  details: unknown;
}

/** `sextant push URL --store S --json` in a child process, its CPU sampled until it ends. */
function runPush(url: string, store: string, remotePid: number | undefined): Promise<PushOutcome> {
  return new Promise((resolve, reject) => {
    const remote0 = treeCpuSeconds(remotePid);
    const t0 = performance.now();
    const child = spawn(process.execPath, [sextantBin, 'push', url, '--store', store, '--experiment', EXPERIMENT, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let clientCpu = 0;
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const sampler = setInterval(() => { clientCpu = Math.max(clientCpu, treeCpuSeconds(child.pid)); }, 100);
    child.once('error', reject);
    child.once('close', (code) => {
      clearInterval(sampler);
      const wall = (performance.now() - t0) / 1000;
      if (code !== 0) return reject(new Error(`sextant push exited ${code}\n${out}\n${err.slice(-2000)}`));
      const report = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { durationMs: number; details: unknown };
      resolve({ seconds: wall, jobSeconds: report.durationMs / 1000, details: report.details, remoteCpuPct: ((treeCpuSeconds(remotePid) - remote0) / wall) * 100, clientCpuPct: (clientCpu / wall) * 100 });
    });
  });
}

export async function pushBench(ctx: BenchContext): Promise<WorkloadResult> {
  const s: PushScale = ctx.opts.push;
  const size = `${s.runs} runs × ${s.metrics} metrics × ${s.points.toLocaleString('en-US')} points + ${(s.artifactBytes / 1e6).toFixed(0)} MB`;
  if (!ctx.sextantAvailable) {
    ctx.note('push skipped: Sextant is not built (npm run build)');
    return { rows: [], details: { skipped: true } };
  }
  ctx.log(`seeding a Sextant store with ${size}`);
  const seedT0 = performance.now();
  const store = await withServer(ctx, () => startSextant(), async (server, http) => {
    await plainUpload(http, s, EXPERIMENT);
    return server.dataDir;
  }, true);
  const seedS = (performance.now() - seedT0) / 1000;
  ctx.log(`seeded in ${seconds(seedS * 1000)}`);
  try {
    const plain = await plainPhase(ctx, s);
    ctx.log(`plain client: ${plain.seconds.toFixed(1)} s (mlflow server CPU ${plain.remoteCpuPct.toFixed(0)}%, client ${plain.clientCpuPct.toFixed(0)}%)`);
    const pushed = await withServer(ctx, () => startMlflow(), async (server, http) => {
      ctx.log('sextant push: the same data from the store to a fresh mlflow server');
      const r = await runPush(server.url, store, server.process.pid);
      await verify(http, s);
      return r;
    });
    ctx.log(`push: ${pushed.seconds.toFixed(1)} s (job ${pushed.jobSeconds.toFixed(1)} s; mlflow server CPU ${pushed.remoteCpuPct.toFixed(0)}%, push process ${pushed.clientCpuPct.toFixed(0)}%); ${(pushed.seconds / plain.seconds).toFixed(2)}× the plain client`);
    const rows: Row[] = [
      {
        workload: 'push',
        metric: `${size} → mlflow server: plain client vs sextant push`,
        unit: 's',
        better: 'lower',
        mlflow: plain.seconds,
        sextant: pushed.seconds,
        // ratio = plain / push; push ≤ 1.3× plain ⇔ ratio ≥ 1/1.3
        target: { minRatio: 0.77 },
        mlflowNote: `MLflow column here: the plain client (log-batch of ${1000} metrics, ${s.concurrency} in flight, artifacts by PUT); target push ≤ 1.3× plain, i.e. ratio ≥ 0.77×`,
        sextantNote: 'sextant push URL --store S (CLI start, store open and close included)',
      },
      { workload: 'push', metric: 'points sent per second: plain client vs sextant push', unit: 'points/s', better: 'higher', mlflow: totalPoints(s) / plain.seconds, sextant: totalPoints(s) / pushed.seconds },
    ];
    return { rows, details: { scale: s, seedSextantS: seedS, plain, push: pushed, pushOverPlain: pushed.seconds / plain.seconds } };
  } finally {
    await rm(store, { recursive: true, force: true });
  }
}
