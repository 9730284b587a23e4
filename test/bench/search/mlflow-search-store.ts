// The search workload's MLflow store, seeded straight into SQLite (seeding 12,000 runs over
// MLflow's REST API takes many minutes on this box): a fresh `mlflow server` creates the
// experiments and one template run each over REST (runs/create + log-batch of search-data's
// run 0, so every column holds what MLflow writes), is stopped, and mlflow-seed-runs.py writes
// every run of search-data.ts as a copy of the template's rows with the run's own values, under
// the ids given (Sextant's, when its side ran first, so both stores hold the same run ids),
// then deletes the template. Built once per bench run and removed at its end, as big-store.ts.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { venvBin } from '../../support/paths';
import { type RunningServer, startMlflow } from '../../support/servers';
import { API, createExperiment, createRun } from '../api';
import { stopTimed } from '../big-store';
import { type BenchContext } from '../context';
import { HttpClient } from '../http';
import { retry } from '../load';
import { type SeedRun, seedRun } from '../workloads/search-data';

export interface SearchExperimentSpec {
  /** Experiment name prefix (made unique by createExperiment). */
  name: string;
  runs: number;
  /** The id of run i; MLflow-style ids made from the experiment's index and i when absent. */
  runIds?: readonly string[];
}

export interface MlflowSearchStore {
  dir: string;
  experimentIds: string[];
  /** runIds[e][i]: run i of experiment e. */
  runIds: string[][];
  seedMs: number;
  seedDetails: Record<string, unknown>[];
}

/** A run id for run i of experiment e when none is given: 32 lower-case hex digits, like MLflow's. */
export const searchRunId = (e: number, i: number) => `5ea4c${e.toString(16)}${i.toString(16).padStart(26, '0')}`;

/** The seed runner's input for one experiment (see mlflow-seed-runs.py). */
export function seedSpec(template: string, runs: number, baseTime: number, runIds: readonly string[]): object {
  const one = (i: number) => {
    const run: SeedRun = seedRun(i, baseTime);
    return {
      id: runIds[i],
      name: run.name,
      start_time: run.startTime,
      params: Object.fromEntries(run.params.map((p) => [p.key, p.value])),
      metrics: Object.fromEntries(run.metrics.map((m) => [m.key, [m.value, m.timestamp, m.step]])),
      tags: Object.fromEntries(run.tags.map((t) => [t.key, t.value])),
    };
  };
  return { template, runs: Array.from({ length: runs }, (_, i) => one(i)) };
}

const execFileAsync = promisify(execFile);
const SEED_SCRIPT = fileURLToPath(new URL('./mlflow-seed-runs.py', import.meta.url));

async function build(ctx: BenchContext, baseTime: number, specs: readonly SearchExperimentSpec[]): Promise<MlflowSearchStore> {
  const dir = await mkdtemp(join(tmpdir(), 'mlflow-search-'));
  const t0 = performance.now();
  ctx.log(`MLflow: building the search store (${specs.map((s) => s.runs.toLocaleString('en-US')).join(' + ')} runs: a template run per experiment over REST, the runs into SQLite by mlflow-seed-runs.py) in ${dir}`);
  const server = await startMlflow({ dataDir: dir });
  ctx.adopt(server);
  const http = new HttpClient(server.url, 4);
  const experimentIds: string[] = [];
  const templates: string[] = [];
  try {
    for (const spec of specs) {
      const experimentId = await createExperiment(http, spec.name);
      const run = seedRun(0, baseTime);
      const template = await retry(() => createRun(http, experimentId, { runName: 'search-template', startTime: run.startTime, tags: run.tags }));
      await retry(() => http.postJson(`${API}/runs/log-batch`, JSON.stringify({ run_id: template, params: run.params, metrics: run.metrics })));
      experimentIds.push(experimentId);
      templates.push(template);
    }
  } finally {
    http.close();
  }
  await stopTimed(server);
  const runIds = specs.map((s, e) => Array.from({ length: s.runs }, (_, i) => s.runIds?.[i] ?? searchRunId(e, i)));
  const seedDetails: Record<string, unknown>[] = [];
  for (let e = 0; e < specs.length; e++) {
    const input = join(dir, `seed-${e}.json`);
    await writeFile(input, JSON.stringify(seedSpec(templates[e]!, specs[e]!.runs, baseTime, runIds[e]!)));
    const { stdout } = await execFileAsync(venvBin('python'), [SEED_SCRIPT, join(dir, 'mlflow.db'), input], { maxBuffer: 1 << 20 });
    await rm(input, { force: true });
    seedDetails.push(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>);
  }
  const seedMs = performance.now() - t0;
  ctx.log(`MLflow: search store seeded in ${(seedMs / 1000).toFixed(1)} s (${JSON.stringify(seedDetails)})`);
  return { dir, experimentIds, runIds, seedMs, seedDetails };
}

const built = new Map<string, Promise<MlflowSearchStore>>();

/** The MLflow search store of these experiments, built on first use in a bench run (removed when it ends). */
export function mlflowSearchStore(ctx: BenchContext, baseTime: number, specs: readonly SearchExperimentSpec[]): Promise<MlflowSearchStore> {
  const shape = JSON.stringify([baseTime, specs.map((s) => [s.name, s.runs, s.runIds?.[0] ?? null, s.runIds?.length ?? 0])]);
  let p = built.get(shape);
  if (!p) {
    const building = build(ctx, baseTime, specs);
    p = building;
    built.set(shape, building);
    ctx.cleanup(async () => {
      const store = await building.catch(() => undefined);
      if (store) await rm(store.dir, { recursive: true, force: true });
    });
  }
  return p;
}

/** A fresh `mlflow server` on the search store (stopped by the caller; adopted so an interrupted run stops it too). */
export async function serveMlflowSearchStore(ctx: BenchContext, store: MlflowSearchStore): Promise<RunningServer> {
  const server = await startMlflow({ dataDir: store.dir, timeoutMs: 600_000 });
  ctx.adopt(server);
  return server;
}
