import type { Experiment } from '../../shared/domain/tracking';
import type { JobProblem, JobProgress } from '../jobs/job-types';
import type { ServiceContext } from '../services/service-context';
import { findExperimentByName, toExperiment, type ExperimentRow } from '../store/repos/experiments-repo';
import type { SyncFact } from '../store/ops/op-types';
import { pushedRun } from '../store/sync/sync-repo';
import { ensureRemoteExperiment, experimentTagsKey, pushExperimentTags } from './push-experiment';
import { pushLoggedModels } from './push-logged-models';
import { experimentsOfModels, modelsFromPushed, pushRegisteredModels } from './push-registry';
import { pushRun } from './push-run';
import { forEachLimited, limited, serially } from './pool';
import type { RemotePort } from './remote-port';
import { deltaBytes, deltaPoints, isEmptyDelta, runDelta, type RunDelta } from './run-delta';
import { runsParentsFirst } from './run-order';
import { formatBytes } from '../jobs/progress-line';

const formatCount = (n: number) => n.toLocaleString('en-US');

/**
 * Runs pushed at once. Each has several metric batches in flight through the shared slots; more
 * runs at once only adds their other calls to a remote whose database pool is small (15
 * connections in MLflow's SQL store).
 */
const RUNS_AT_ONCE = 4;

export interface PushOptions {
  svc: ServiceContext;
  remote: string;
  client: RemotePort;
  /** Local experiment names; with neither these nor models: every active experiment. */
  experiments: string[];
  /** Registered models to push with all their versions (and the experiments they come from). */
  models?: string[];
  /** Only these runs (with the runs they are nested under), in their experiments (the UI's selection). */
  runIds?: string[];
  dryRun?: boolean;
  signal?: AbortSignal;
  progress?(p: JobProgress): void;
  /** Metric batches in flight at once, all runs together (as many as a plain client keeps). */
  concurrency?: number;
}

export interface PushReport {
  summary: string;
  problems: JobProblem[];
  details: { created: number; updated: number; unchanged: number; conflicts: number; points: number; artifacts: number; bytes: number; loggedModels: number; versions: number; dryRun: boolean };
}

interface Planned {
  exp: Experiment;
  deltas: RunDelta[];
}

/**
 * Pushes local experiments (every run with its params, tags, metric histories, dataset inputs,
 * artifacts, status and lifecycle) to a remote MLflow server, sending only what the store
 * records the remote lacks, and recording each acknowledged step, so an interrupted push run
 * again finishes exactly once.
 */
export async function push(opts: PushOptions): Promise<PushReport> {
  const { svc, remote, client, signal } = opts;
  const started = Date.now();
  const db = svc.store.db;
  const problems: JobProblem[] = [];
  const models = opts.models ?? [];
  const only = opts.runIds && withAncestors(svc, opts.runIds);
  const names = [...opts.experiments, ...experimentsOfModels(svc, models), ...(only ? experimentsOf(svc, [...only]) : [])];
  const selected = selectExperiments(svc, [...new Set(names)], !models.length && !only, problems);
  const plan: Planned[] = [];
  for (const exp of selected) {
    const deltas: RunDelta[] = [];
    for (const runId of runsParentsFirst(db, exp.experiment_id)) if (!only || only.has(runId)) deltas.push(await runDelta(svc, remote, runId));
    plan.push({ exp, deltas });
  }
  const all = plan.flatMap((p) => p.deltas);
  const totals = { points: all.reduce((n, d) => n + deltaPoints(d), 0), bytes: all.reduce((n, d) => n + deltaBytes(d), 0) };
  const counts = { created: 0, updated: 0, unchanged: 0, conflicts: 0, points: 0, artifacts: 0, bytes: 0, loggedModels: 0, versions: 0 };
  const report = (dryRun: boolean): PushReport => ({ summary: summarise(remote, counts, dryRun, problems.length, Date.now() - started), problems, details: { ...counts, dryRun } });
  if (opts.dryRun) {
    for (const d of all) counts[isEmptyDelta(d) ? 'unchanged' : 'updated']++;
    Object.assign(counts, { points: totals.points, bytes: totals.bytes, artifacts: all.reduce((n, d) => n + d.artifacts.length, 0) });
    return report(true);
  }

  const progress: JobProgress = { phase: 'push', itemsDone: 0, itemsTotal: all.length, bytesDone: 0, bytesTotal: totals.bytes };
  const tell = (current?: string) => opts.progress?.({ ...progress, current });
  const record = (facts: SyncFact[]) => svc.store.commit({ type: 'sync.record', remote, facts, time: svc.now() }).then(() => undefined);
  const ctx = { svc, remote, client, signal, record };
  const datasetCalls = serially();
  const batchSlots = limited(opts.concurrency ?? 8);
  tell();
  for (const { exp, deltas } of plan) {
    if (signal?.aborted) break;
    const target = await ensureRemoteExperiment(ctx, exp);
    if ('conflict' in target) {
      problems.push({ item: `experiment '${exp.name}'`, message: target.conflict });
      progress.itemsDone += deltas.length;
      continue;
    }
    await pushExperimentTags(ctx, exp, target.id, pushedRun(db, remote, experimentTagsKey(exp.experiment_id)).tags);
    const runCtx = {
      ...ctx,
      storeId: svc.store.id,
      remoteExperimentId: target.id,
      datasetCalls,
      batchSlots,
      sent: (points: number, bytes: number) => {
        counts.points += points;
        counts.bytes += bytes;
        progress.bytesDone += bytes;
        tell();
      },
    };
    // Parents before their nested runs, so each child's mlflow.parentRunId can be rewritten.
    for (const level of byDepth(deltas)) {
      await forEachLimited(level, RUNS_AT_ONCE, async (delta) => {
        const name = `run '${delta.run.info.run_name}' (${delta.run.info.run_id})`;
        tell(name);
        const result = await pushRun(runCtx, delta);
        if (result.outcome === 'conflict') {
          counts.conflicts++;
          problems.push({ item: name, message: result.message });
        } else {
          counts[result.outcome]++;
          counts.artifacts += result.artifacts;
        }
        progress.itemsDone++;
        tell();
      }, signal);
    }
    if (signal?.aborted) break;
    const logged = await pushLoggedModels(runCtx, exp.experiment_id, target.id);
    counts.loggedModels += logged.pushed;
    problems.push(...logged.problems);
  }
  if (!signal?.aborted) {
    const names = models.length ? models : modelsFromPushed(svc, remote);
    const registry = await pushRegisteredModels(ctx, names);
    counts.versions += registry.versions;
    problems.push(...registry.problems);
  }
  const final = report(false);
  if (signal?.aborted) final.problems.push({ item: 'push', message: 'cancelled; run it again to finish (what was sent is recorded)' });
  else await svc.store.commit({ type: 'sync.record', remote, facts: [], summary: final.summary, time: svc.now() });
  return final;
}

function selectExperiments(svc: ServiceContext, names: string[], allWhenNone: boolean, problems: JobProblem[]): Experiment[] {
  const db = svc.store.db;
  if (!names.length && allWhenNone) return db.all<ExperimentRow>("SELECT * FROM experiments WHERE lifecycle_stage = 'active' ORDER BY CAST(experiment_id AS INTEGER)").map((r) => toExperiment(db, r));
  const out: Experiment[] = [];
  for (const name of names) {
    const row = findExperimentByName(db, name);
    if (row) out.push(toExperiment(db, row));
    else problems.push({ item: `experiment '${name}'`, message: 'there is no local experiment of that name' });
  }
  return out;
}

/** The runs and every run they are nested under (a child's parent must be on the remote first). */
function withAncestors(svc: ServiceContext, runIds: string[]): Set<string> {
  const ids = svc.store.db.column<string>(
    `WITH RECURSIVE up(run_id) AS (
       SELECT value FROM json_each(?)
       UNION SELECT t.value FROM tags t JOIN up ON t.run_id = up.run_id AND t.key = 'mlflow.parentRunId'
     )
     SELECT r.run_id FROM runs r JOIN up ON r.run_id = up.run_id`,
    [JSON.stringify(runIds)],
  );
  return new Set(ids);
}

const experimentsOf = (svc: ServiceContext, runIds: string[]) =>
  svc.store.db.column<string>('SELECT DISTINCT e.name FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id WHERE r.run_id IN (SELECT value FROM json_each(?))', [JSON.stringify(runIds)]);

/** Deltas grouped by nesting depth (0: top-level runs), in the parents-first order they came in. */
function byDepth(deltas: RunDelta[]): RunDelta[][] {
  const depth = new Map<string, number>();
  const levels: RunDelta[][] = [];
  for (const d of deltas) {
    const parent = d.run.data.tags?.find((t) => t.key === 'mlflow.parentRunId')?.value;
    const level = parent !== undefined && depth.has(parent) ? depth.get(parent)! + 1 : 0;
    depth.set(d.run.info.run_id, level);
    (levels[level] ??= []).push(d);
  }
  return levels;
}

function summarise(remote: string, c: Omit<PushReport['details'], 'dryRun'>, dryRun: boolean, problems: number, ms: number): string {
  const runs = c.created + c.updated;
  const what = dryRun
    ? `would push ${formatCount(runs)} run${runs === 1 ? '' : 's'} to ${remote} (${formatCount(c.unchanged)} unchanged)`
    : `pushed ${formatCount(runs)} run${runs === 1 ? '' : 's'} to ${remote} (${formatCount(c.created)} new, ${formatCount(c.updated)} updated, ${formatCount(c.unchanged)} unchanged)`;
  const tail = problems ? `; ${problems} problem${problems === 1 ? '' : 's'}` : '';
  const registry = c.loggedModels || c.versions ? `, ${formatCount(c.loggedModels)} logged models, ${formatCount(c.versions)} model versions` : '';
  return `${what}, ${formatCount(c.points)} points, ${formatCount(c.artifacts)} artifacts (${formatBytes(c.bytes)})${registry}${dryRun ? '' : ` in ${(ms / 1000).toFixed(1)} s`}${tail}`;
}
