// Workload — artifacts (issue 12): one file of --artifact-mb (64 MiB; quick 16 MiB) of random bytes
// PUT through the artifact proxy (`/api/2.0/mlflow-artifacts/artifacts/<run's artifact root>/…`,
// as the MLflow client does with proxied artifacts), then GET back and compared byte for byte,
// `reps` times on fresh paths. Reports MB/s of each direction (median) and the server's CPU per
// PUT and GET. On `--targets …,sextant-encrypted` the same runs on the encrypted store: every byte
// is sealed on the way in and opened on the way out, so this is where the cipher's cost is purest.
import { randomFillSync } from 'node:crypto';
import { API, type RunJson, createExperiment, createRun } from '../api';
import { type BenchContext, type BenchTarget, type WorkloadResult, eachTarget } from '../context';
import { treeCpuSecondsFine } from '../cpu';
import { HttpError } from '../http';
import { ENCRYPTED_MIN_SHARE, type Row } from '../report';
import { median } from '../stats';
import { putArtifact } from './push-data';

interface ArtifactsResult {
  bytes: number;
  putMs: number[];
  getMs: number[];
  putCpuMs: number[];
  getCpuMs: number[];
  putMBps: number;
  getMBps: number;
  putCpuMedianMs: number;
  getCpuMedianMs: number;
}

const MB = 1024 * 1024;

async function artifactRoot(t: BenchTarget, runId: string): Promise<string> {
  const { data } = await t.http.getJson<{ run: RunJson }>(`${API}/runs/get?run_id=${encodeURIComponent(runId)}`);
  const uri = (data.run.info as { artifact_uri?: string }).artifact_uri ?? '';
  if (!/^mlflow-artifacts:/.test(uri)) throw new Error(`run ${runId}'s artifact URI ${uri} is not served by the tracking server`);
  return uri;
}

async function roundTrips(ctx: BenchContext, t: BenchTarget, payload: Buffer): Promise<ArtifactsResult> {
  const { reps } = ctx.opts.artifacts;
  const exp = await createExperiment(t.http, 'bench-artifacts');
  const runId = await createRun(t.http, exp, { runName: 'artifacts' });
  const uri = await artifactRoot(t, runId);
  const root = uri.replace(/^mlflow-artifacts:\/*/, '').replace(/\/+$/, '');
  const pid = t.server.process.pid;
  const out = { putMs: [] as number[], getMs: [] as number[], putCpuMs: [] as number[], getCpuMs: [] as number[] };
  for (let i = 0; i < reps; i++) {
    const rel = `bench/round-${i}.bin`;
    let cpu0 = treeCpuSecondsFine(pid);
    let t0 = performance.now();
    await putArtifact(t.http, uri, rel, payload);
    out.putMs.push(performance.now() - t0);
    out.putCpuMs.push((treeCpuSecondsFine(pid) - cpu0) * 1000);

    const path = `/api/2.0/mlflow-artifacts/artifacts/${root}/${rel}`;
    cpu0 = treeCpuSecondsFine(pid);
    t0 = performance.now();
    const res = await t.http.request('GET', path);
    out.getMs.push(performance.now() - t0);
    out.getCpuMs.push((treeCpuSecondsFine(pid) - cpu0) * 1000);
    if (res.status !== 200) throw new HttpError(res.status, 'GET', path, res.body.toString());
    if (!res.body.equals(payload)) throw new Error(`GET ${path} answered ${res.body.length} bytes that differ from the ${payload.length} PUT`);
  }
  const mbps = (ms: number[]) => payload.length / MB / (median(ms) / 1000);
  const r: ArtifactsResult = {
    bytes: payload.length,
    ...out,
    putMBps: mbps(out.putMs),
    getMBps: mbps(out.getMs),
    putCpuMedianMs: median(out.putCpuMs),
    getCpuMedianMs: median(out.getCpuMs),
  };
  ctx.log(`${t.label}: ${(payload.length / MB).toFixed(0)} MiB PUT ${r.putMBps.toFixed(0)} MB/s (median of ${reps}, server CPU ${r.putCpuMedianMs.toFixed(0)} ms), GET ${r.getMBps.toFixed(0)} MB/s (server CPU ${r.getCpuMedianMs.toFixed(0)} ms), bytes equal`);
  return r;
}

export async function artifacts(ctx: BenchContext): Promise<WorkloadResult> {
  const o = ctx.opts.artifacts;
  const payload = randomFillSync(Buffer.allocUnsafe(o.bytes));
  const res = await eachTarget(ctx, (t) => roundTrips(ctx, t, payload), { encrypted: true });
  const enc = res['sextant-encrypted'];
  const size = `${(o.bytes / MB).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`;
  const share = (v: number | undefined) => (enc && v !== undefined ? { encrypted: v, encryptedTarget: ENCRYPTED_MIN_SHARE } : {});
  const rows: Row[] = [
    { workload: 'artifacts', metric: `PUT of ${size} through the artifact proxy (median of ${o.reps})`, unit: 'MB/s', better: 'higher', mlflow: res.mlflow?.putMBps, sextant: res.sextant?.putMBps, ...share(enc?.putMBps) },
    { workload: 'artifacts', metric: `GET of ${size} (median of ${o.reps})`, unit: 'MB/s', better: 'higher', mlflow: res.mlflow?.getMBps, sextant: res.sextant?.getMBps, ...share(enc?.getMBps) },
    { workload: 'artifacts', metric: `server CPU per PUT of ${size} (median; informational)`, unit: 'ms', better: 'lower', mlflow: res.mlflow?.putCpuMedianMs, sextant: res.sextant?.putCpuMedianMs, ...share(enc?.putCpuMedianMs) },
    { workload: 'artifacts', metric: `server CPU per GET of ${size} (median; informational)`, unit: 'ms', better: 'lower', mlflow: res.mlflow?.getCpuMedianMs, sextant: res.sextant?.getCpuMedianMs, ...share(enc?.getCpuMedianMs) },
  ];
  return { rows, details: { bytes: o.bytes, reps: o.reps, ...res } };
}
