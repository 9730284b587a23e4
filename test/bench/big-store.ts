// The big store shared by the open-close, ingest-large and stall workloads (issue 11): N runs
// (50,000; quick 5,000) × (10 params, 10 metrics of one point, 3 tags), built once per bench run.
//  * Sextant: a fresh `sextant serve` gets runs/create + one runs/log-batch per run over REST
//    (8 in flight), then SIGTERM; the store folder is kept and served again by each workload.
//  * MLflow: seeding 50,000 runs over REST would take hours, so a fresh `mlflow server` gets the
//    experiment and run 0 over REST, is stopped, and mlflow-seed.py copies run 0's rows in SQLite
//    for runs 1..N-1 with the same values as here (one transaction).
// The workloads use the stores one after another (open-close, then ingest-large, then stall), so
// each later one sees what the earlier ones added (4 ingest runs per server).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { venvBin } from '../support/paths';
import { type RunningServer, startMlflow, startSextant } from '../support/servers';
import { API, type KeyValue, type MetricPoint, type SearchRunsJson, createExperiment, createRun } from './api';
import { type BenchContext } from './context';
import { HttpClient, HttpError } from './http';
import { pool, retry, throttled } from './load';
import { sigtermTimed } from './timed-server';

export const BIG_BASE_TIME = Date.UTC(2025, 0, 1);
/** The stall workload's searcher, and the check that a built store holds what it should. */
export const BIG_FILTER = "metrics.m0 > 0.5 and params.p1 = 'v3'";
export const BIG_ORDER = 'metrics.m1 DESC';
export const BIG_TOP = 1000;

export const bigRunName = (i: number) => `big-run-${String(i).padStart(6, '0')}`;
/** MLflow side: the ids mlflow-seed.py gives runs 1..N-1 (run 0 has the id MLflow chose). */
export const mlflowBigRunId = (i: number) => `b16${i.toString(16).padStart(29, '0')}`;
/** A value in [0, 1) from (run, key); mlflow-seed.py computes the same. */
export const bigMetricValue = (i: number, k: number) => ((Math.imul(i, 2654435761) + Math.imul(k, 40503)) >>> 0) / 2 ** 32;

export interface BigRun {
  name: string;
  startTime: number;
  params: KeyValue[];
  metrics: MetricPoint[];
  tags: KeyValue[];
}

export function bigRun(i: number): BigRun {
  const startTime = BIG_BASE_TIME + i * 1000;
  return {
    name: bigRunName(i),
    startTime,
    params: Array.from({ length: 10 }, (_, k) => ({ key: `p${k}`, value: `v${(i + k) % 7}` })),
    metrics: Array.from({ length: 10 }, (_, k) => ({ key: `m${k}`, value: bigMetricValue(i, k), timestamp: startTime + 500, step: 0 })),
    tags: Array.from({ length: 3 }, (_, k) => ({ key: `t${k}`, value: `tag${k}-${(i + k) % 5}` })),
  };
}

/** Names BIG_FILTER / BIG_ORDER must return for N runs (ties: start_time DESC), and the match count. */
export function expectedBigSearch(n: number): { names: string[]; matches: number } {
  const hits: { name: string; m1: number; start: number }[] = [];
  for (let i = 0; i < n; i++) {
    if ((i + 1) % 7 === 3 && bigMetricValue(i, 0) > 0.5) hits.push({ name: bigRunName(i), m1: bigMetricValue(i, 1), start: BIG_BASE_TIME + i * 1000 });
  }
  hits.sort((a, b) => b.m1 - a.m1 || b.start - a.start);
  return { names: hits.slice(0, BIG_TOP).map((h) => h.name), matches: hits.length };
}

export interface BigStore {
  kind: 'mlflow' | 'sextant';
  runs: number;
  /** The store folder (Sextant) or the folder holding mlflow.db (MLflow). */
  dir: string;
  experimentId: string;
  /** runIds[i] is run i's id. */
  runIds: string[];
  seedMs: number;
  /** Sextant: SIGTERM → exit after seeding (its final checkpoint). */
  closeAfterSeedMs?: number;
  seedDetails: Record<string, unknown>;
  /** Set once a server on this store has answered BIG_FILTER with the expected runs. */
  verified?: string;
}

/** SIGTERM, then the time until the process has exited (SIGKILL only after `timeoutMs`). */
export async function stopTimed(server: RunningServer, timeoutMs = 600_000): Promise<{ ms: number; killed: boolean }> {
  const p = server.process;
  if (p.exitCode !== null || p.signalCode !== null) return { ms: 0, killed: false };
  const { ms, killed } = await sigtermTimed(p, timeoutMs);
  await server.stop({ keepData: true });
  return { ms, killed };
}

async function seedOverRest(ctx: BenchContext, label: string, http: HttpClient, experimentId: string, from: number, to: number, concurrency: number): Promise<string[]> {
  const ids: string[] = [];
  const t0 = performance.now();
  const progress = throttled(15_000, (done) => ctx.log(`${label}: big store ${done.toLocaleString('en-US')} / ${(to - from).toLocaleString('en-US')} runs (${((performance.now() - t0) / 1000).toFixed(0)} s)`));
  await pool(to - from, concurrency, async (j) => {
    const i = from + j;
    const run = bigRun(i);
    const runId = await retry(() => createRun(http, experimentId, { runName: run.name, startTime: run.startTime }));
    ids[j] = runId;
    const body = JSON.stringify({ run_id: runId, params: run.params, metrics: run.metrics, tags: run.tags });
    await retry(() => http.postJson(`${API}/runs/log-batch`, body));
  }, progress);
  return ids;
}

async function buildSextant(ctx: BenchContext): Promise<BigStore> {
  const { runs, seedConcurrency } = ctx.opts.big;
  const dir = await mkdtemp(join(tmpdir(), 'sextant-big-'));
  ctx.log(`Sextant: building the big store (${runs.toLocaleString('en-US')} runs over REST, ${seedConcurrency} in flight) in ${dir}`);
  const server = await startSextant({ dataDir: dir });
  ctx.adopt(server);
  const http = new HttpClient(server.url, seedConcurrency + 2);
  const t0 = performance.now();
  let runIds: string[];
  let experimentId: string;
  try {
    experimentId = await createExperiment(http, 'bench-big');
    runIds = await seedOverRest(ctx, 'Sextant', http, experimentId, 0, runs, seedConcurrency);
  } finally {
    http.close();
  }
  const seedMs = performance.now() - t0;
  const output = server.output();
  const close = await stopTimed(server);
  ctx.log(`Sextant: big store seeded in ${(seedMs / 1000).toFixed(1)} s; close after seeding ${(close.ms / 1000).toFixed(1)} s${close.killed ? ' (KILLED after the timeout)' : ''}`);
  return {
    kind: 'sextant',
    runs,
    dir,
    experimentId,
    runIds,
    seedMs,
    closeAfterSeedMs: close.ms,
    seedDetails: { checkpointsWhileSeeding: checkpointLines(output).length, closeKilled: close.killed },
  };
}

const execFileAsync = promisify(execFile);

async function buildMlflow(ctx: BenchContext): Promise<BigStore> {
  const { runs } = ctx.opts.big;
  const dir = await mkdtemp(join(tmpdir(), 'mlflow-big-'));
  ctx.log(`MLflow: building the big store (${runs.toLocaleString('en-US')} runs: run 0 over REST, the rest into SQLite by mlflow-seed.py) in ${dir}`);
  const t0 = performance.now();
  const server = await startMlflow({ dataDir: dir });
  ctx.adopt(server);
  const http = new HttpClient(server.url, 4);
  let experimentId: string;
  let run0: string;
  try {
    experimentId = await createExperiment(http, 'bench-big');
    [run0] = (await seedOverRest(ctx, 'MLflow', http, experimentId, 0, 1, 1)) as [string];
  } finally {
    http.close();
  }
  await stopTimed(server);
  const script = fileURLToPath(new URL('./mlflow-seed.py', import.meta.url));
  const { stdout } = await execFileAsync(venvBin('python'), [script, join(dir, 'mlflow.db'), run0, String(runs), String(BIG_BASE_TIME)], { maxBuffer: 1 << 20 });
  const seeded = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
  const seedMs = performance.now() - t0;
  ctx.log(`MLflow: big store seeded in ${(seedMs / 1000).toFixed(1)} s (${JSON.stringify(seeded)})`);
  const runIds = Array.from({ length: runs }, (_, i) => (i === 0 ? run0 : mlflowBigRunId(i)));
  return { kind: 'mlflow', runs, dir, experimentId, runIds, seedMs, seedDetails: seeded };
}

const built: { sextant?: Promise<BigStore>; mlflow?: Promise<BigStore> } = {};

/** The big store of one server, built on first use (and removed when the bench ends). */
export function bigStore(ctx: BenchContext, kind: 'mlflow' | 'sextant'): Promise<BigStore> {
  let p = built[kind];
  if (!p) {
    p = kind === 'sextant' ? buildSextant(ctx) : buildMlflow(ctx);
    built[kind] = p;
    ctx.cleanup(async () => {
      const store = await p?.catch(() => undefined);
      if (store) await rm(store.dir, { recursive: true, force: true });
    });
  }
  return p;
}

/** Starts a server on the big store (a fresh one, not the shared servers of the other workloads). */
export async function serveBig(ctx: BenchContext, store: BigStore, env?: NodeJS.ProcessEnv): Promise<RunningServer> {
  const opts = { dataDir: store.dir, timeoutMs: 600_000, ...(env ? { env } : {}) };
  const server = store.kind === 'sextant' ? await startSextant(opts) : await startMlflow(opts);
  ctx.adopt(server);
  return server;
}

/**
 * Checks, once per store, that the server sees all the runs: the newest and oldest by start time,
 * and BIG_FILTER's first BIG_TOP runs against the answer computed here.
 */
export async function verifyBig(ctx: BenchContext, store: BigStore, http: HttpClient): Promise<string> {
  if (store.verified) return store.verified;
  const search = async (body: object) => {
    const res = await http.request('POST', `${API}/runs/search`, JSON.stringify(body));
    if (res.status !== 200) throw new HttpError(res.status, 'POST', 'runs/search', res.body.toString());
    return { ms: res.ms, runs: ((JSON.parse(res.body.toString()) as SearchRunsJson).runs ?? []).map((r) => r.info.run_name ?? '') };
  };
  const ids = [store.experimentId];
  const newest = await search({ experiment_ids: ids, order_by: ['attributes.start_time DESC'], max_results: 1 });
  const oldest = await search({ experiment_ids: ids, order_by: ['attributes.start_time ASC'], max_results: 1 });
  const expected = expectedBigSearch(store.runs);
  const filtered = await search({ experiment_ids: ids, filter: BIG_FILTER, order_by: [BIG_ORDER], max_results: BIG_TOP });
  const problems: string[] = [];
  if (newest.runs[0] !== bigRunName(store.runs - 1)) problems.push(`newest run is ${newest.runs[0]}, expected ${bigRunName(store.runs - 1)}`);
  if (oldest.runs[0] !== bigRunName(0)) problems.push(`oldest run is ${oldest.runs[0]}, expected ${bigRunName(0)}`);
  const bad = filtered.runs.findIndex((n, j) => n !== expected.names[j]);
  if (filtered.runs.length !== expected.names.length || bad >= 0) problems.push(`filtered search gave ${filtered.runs.length} runs (expected ${expected.names.length}); first difference at #${bad}`);
  if (problems.length) throw new Error(`${store.kind} big store is not as seeded: ${problems.join('; ')}`);
  store.verified = `sees ${store.runs.toLocaleString('en-US')} runs (newest, oldest and the ${expected.names.length} of ${expected.matches} filtered runs as expected; first filtered search ${filtered.ms.toFixed(0)} ms)`;
  ctx.log(`${store.kind}: big store ${store.verified}`);
  return store.verified;
}

/** Sextant's checkpoint log lines ("checkpoint: snapshot at seq …") in a piece of server output. */
export function checkpointLines(output: string): string[] {
  return output.split('\n').filter((l) => /checkpoint: snapshot at seq/.test(l));
}

/** How the quick run's smaller store shows in row labels. */
export function bigLabel(runs: number): string {
  const n = runs % 1000 === 0 ? `${runs / 1000}k` : runs.toLocaleString('en-US');
  return `${n}-run store${runs < 50_000 ? ' (scaled down)' : ''}`;
}
