// The data of the push workload, identical wherever it is uploaded: runs × metrics × points in
// 1,000-point log-batches (one key each, steps in order) and one artifact per run, all drawn from
// a seeded PRNG; and the plain client that uploads it to an MLflow-compatible server (log-batch,
// artifact-proxy PUT), as the fastest hand-written uploader would.
import http from 'node:http';
import { API } from '../api';
import { HttpError, type HttpClient } from '../http';
import { pool } from '../load';
import { prng } from '../stats';

export interface PushScale {
  runs: number;
  metrics: number;
  /** Points of each metric of each run. */
  points: number;
  /** Artifact bytes in all (split evenly over the runs, one file each). */
  artifactBytes: number;
  /** Requests in flight for the plain client (and for seeding). */
  concurrency: number;
}

export const BATCH = 1000;
const T0 = 1_700_000_000_000;

export const totalPoints = (s: PushScale) => s.runs * s.metrics * s.points;
export const artifactBytesPerRun = (s: PushScale) => Math.floor(s.artifactBytes / s.runs);

/** The log-batch body of points [batch × 1,000, +1,000) of metric `m` of run `run` (values seeded per batch). */
export function batchBody(s: PushScale, run: number, m: number, batch: number, remoteRunId: string): string {
  const random = prng((run * 1000 + m) * 100_000 + batch + 1);
  const key = `metric_${m}`;
  const metrics = [];
  for (let step = batch * BATCH; step < Math.min(s.points, (batch + 1) * BATCH); step++) metrics.push({ key, value: random(), timestamp: T0 + step, step });
  return JSON.stringify({ run_id: remoteRunId, metrics });
}

export function artifactOf(s: PushScale, run: number): Buffer {
  const random = prng(1_000_000 + run);
  const buf = Buffer.allocUnsafe(artifactBytesPerRun(s));
  for (let i = 0; i + 4 <= buf.length; i += 4) buf.writeUInt32LE(Math.floor(random() * 2 ** 32), i);
  return buf;
}

/** PUT bytes to the artifact proxy (`mlflow-artifacts:/<path>` of a run's artifact_uri). */
export function putArtifact(http0: HttpClient, artifactUri: string, relPath: string, body: Buffer): Promise<void> {
  const root = /^mlflow-artifacts:\/*(.*)$/.exec(artifactUri)?.[1];
  if (root === undefined) throw new Error(`artifact URI ${artifactUri} is not served by the tracking server`);
  const u = new URL(http0.baseUrl);
  const path = `/api/2.0/mlflow-artifacts/artifacts/${root.replace(/\/+$/, '')}/${relPath}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: Number(u.port || 80), method: 'PUT', path, agent: http0.agent, headers: { 'content-type': 'application/octet-stream', 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${path} -> HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`))));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Retries a request the server answered 503 or 429, with backoff, as the MLflow clients do (an
 * MLflow SQLite server answers 503 "database is locked" under 8 writers at full scale); any other
 * failure is thrown. Each retry is counted in `retries`.
 */
async function asClientsRetry(send: () => Promise<unknown>, retries: { count: number }): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await send();
      return;
    } catch (err) {
      if (!(err instanceof HttpError && (err.status === 503 || err.status === 429)) || attempt >= 10) throw err;
      retries.count++;
      await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
    }
  }
}

interface CreatedRun {
  run_id: string;
  artifact_uri: string;
}

/**
 * Uploads the whole data set as a plain MLflow client would at its fastest: create the runs, then
 * every log-batch and artifact PUT from one queue with `concurrency` requests in flight, then
 * mark the runs finished; a 503 or 429 is retried with backoff as the MLflow clients do (counted in
 * `retries`). Returns the ids of the runs made.
 */
export async function plainUpload(http0: HttpClient, s: PushScale, experimentName: string, retries = { count: 0 }): Promise<string[]> {
  const { data } = await http0.postJson<{ experiment_id: string }>(`${API}/experiments/create`, { name: experimentName });
  const runs: CreatedRun[] = [];
  await pool(s.runs, s.concurrency, async (i) => {
    const created = await http0.postJson<{ run: { info: CreatedRun } }>(`${API}/runs/create`, { experiment_id: data.experiment_id, run_name: `push-${i}`, start_time: T0 + i });
    runs[i] = created.data.run.info;
  });
  const tasks: (() => Promise<void>)[] = [];
  for (let i = 0; i < s.runs; i++) {
    const run = runs[i] as CreatedRun;
    for (let m = 0; m < s.metrics; m++) {
      for (let b = 0; b * BATCH < s.points; b++) tasks.push(() => asClientsRetry(() => http0.postJson(`${API}/runs/log-batch`, batchBody(s, i, m, b, run.run_id)), retries));
    }
    if (artifactBytesPerRun(s) > 0) tasks.push(() => putArtifact(http0, run.artifact_uri, 'model/weights.bin', artifactOf(s, i)));
  }
  await pool(tasks.length, s.concurrency, (k) => (tasks[k] as () => Promise<void>)());
  await pool(s.runs, s.concurrency, async (i) => {
    await http0.postJson(`${API}/runs/update`, { run_id: (runs[i] as CreatedRun).run_id, status: 'FINISHED', end_time: T0 + s.points + i });
  });
  return runs.map((r) => r.run_id);
}
