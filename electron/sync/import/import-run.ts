import type { KeyValue } from '../../../shared/domain/tracking';
import type { DatasetInput } from '../../store/ops/op-types';
import { importedRun } from '../../store/repos/imports-repo';
import { findRun, getRun, type RunRow } from '../../store/repos/runs-repo';
import type { ExperimentTarget } from './import-experiment';
import type { ImportContext, Mode } from './import-context';
import { runItem } from './import-context';
import { importFiles } from './import-files';
import { importHistory } from './import-metrics';
import type { SourceRun } from './import-source';

export type RunOutcome = 'new' | 'updated' | 'unchanged' | 'skipped';

/** What a run brings (or would bring) that the store lacks. */
interface RunDelta {
  params: number;
  tags: number;
  inputs: number;
  points: number;
  artifacts: number;
  bytes: number;
  /** Status, end time, name or lifecycle differ. */
  info: boolean;
}

const total = (d: RunDelta) => d.params + d.tags + d.inputs + d.points + d.artifacts + (d.info ? 1 : 0);
const asMap = (list: KeyValue[]) => new Map(list.map((t) => [t.key, t.value]));

/**
 * Brings one source run into the store under its own id, or merges it into the run already here:
 * params the store lacks, tags set to the source's values, inputs and outputs it lacks, metric
 * points it lacks, artifacts missing or of another size; status, end time and lifecycle follow the
 * source. A new run is first read through (unless the source was verified up front), so a damaged
 * item stops the import before any of it is written; then it is created marked incomplete, filled
 * step by step, and marked complete last: an import killed half way and run again ends as one
 * that ran through.
 */
export async function importRun(ctx: ImportContext, sourceRun: SourceRun, target: ExperimentTarget, experimentDeleted = false): Promise<RunOutcome> {
  // Runs of a deleted experiment are deleted with it here (MLflow's file store leaves them marked active).
  const run: SourceRun = experimentDeleted ? { ...sourceRun, lifecycle: 'deleted' } : sourceRun;
  const db = ctx.svc.store.db;
  const item = runItem(run.name, run.runId);
  ctx.runArtifactUris.set(run.runId, run.artifactUri);
  const local = target.exists ? findRun(db, run.runId) : undefined;
  if (local && local.experiment_id !== target.localId && importedRun(db, run.runId)?.source !== ctx.info.identity) {
    ctx.problem(item, `a run with this id is already in experiment ${local.experiment_id} here, which did not come from this source; left as it is`);
    return 'skipped';
  }
  if (ctx.dryRun) {
    const d = await mergeRun(ctx, run, local, 'dry');
    count(ctx, d);
    return !local ? 'new' : total(d) ? 'updated' : 'unchanged';
  }
  if (!local) {
    if (!ctx.source.checked) await mergeRun(ctx, run, undefined, 'check');
    if (ctx.signal?.aborted) return 'skipped';
    await target.activate();
    const exp = db.get<{ artifact_location: string }>('SELECT artifact_location FROM experiments WHERE experiment_id = ?', [target.localId])!;
    await ctx.svc.store.commit({
      type: 'import.startRun', source: ctx.info, runId: run.runId, experimentId: target.localId, name: run.name, userId: run.userId,
      startTime: run.startTime, artifactUri: `${exp.artifact_location}/${run.runId}/artifacts`, time: ctx.svc.now(),
    });
    count(ctx, await mergeRun(ctx, run, findRun(db, run.runId), 'write', true));
    return finish(ctx, run.runId, 'new');
  }
  const activeHere = local.lifecycle_stage === 'active' && target.activeHere();
  if (!activeHere) {
    // Writing to a deleted run means restoring it first: only when the source has something new.
    const d = await mergeRun(ctx, run, local, 'check');
    if (!total(d)) return finish(ctx, run.runId, 'unchanged');
    await target.activate();
    if (findRun(db, run.runId)!.lifecycle_stage === 'deleted') await ctx.svc.store.commit({ type: 'run.restore', runId: run.runId, time: ctx.svc.now() });
  }
  const d = await mergeRun(ctx, run, findRun(db, run.runId), 'write');
  count(ctx, d);
  return finish(ctx, run.runId, total(d) ? 'updated' : 'unchanged');
}

async function finish(ctx: ImportContext, runId: string, outcome: RunOutcome): Promise<RunOutcome> {
  if (ctx.signal?.aborted) return outcome;
  const rec = importedRun(ctx.svc.store.db, runId);
  if (!rec || !rec.complete || rec.source !== ctx.info.identity) await ctx.svc.store.commit({ type: 'import.finishRun', source: ctx.info.identity, runId, time: ctx.svc.now() });
  return outcome;
}

function count(ctx: ImportContext, d: RunDelta): void {
  const c = ctx.counts;
  c.params += d.params;
  c.tags += d.tags;
  c.inputs += d.inputs;
  c.points += d.points;
  c.artifacts += d.artifacts;
  c.bytes += d.bytes;
}

/**
 * One pass over a run: computes what the store lacks and, in `write` mode, writes it, in this
 * order: params and tags, inputs and outputs, histories, artifacts, then status and end time,
 * lifecycle, and the run's completion. `fresh` (write mode): the run was just created.
 */
async function mergeRun(ctx: ImportContext, run: SourceRun, local: RunRow | undefined, mode: Mode, fresh = false): Promise<RunDelta> {
  const { svc } = ctx;
  const write = mode === 'write';
  const item = runItem(run.name, run.runId);
  const here = local ? getRun(svc.store.db, run.runId) : undefined;
  const d: RunDelta = { params: 0, tags: 0, inputs: 0, points: 0, artifacts: 0, bytes: 0, info: false };

  const params = asMap(here?.data.params ?? []);
  const newParams = run.params.filter((p) => !params.has(p.key));
  for (const p of run.params) {
    if (params.has(p.key) && params.get(p.key) !== p.value && mode !== 'check') {
      ctx.problem(item, `param '${p.key}' is '${params.get(p.key)}' here but '${p.value}' in the source (params are write-once); kept this one`);
    }
  }
  const tags = asMap(here?.data.tags ?? []);
  const newTags = run.tags.filter((t) => tags.get(t.key) !== t.value);
  d.params = newParams.length;
  d.tags = newTags.length;
  if (write && (newParams.length || newTags.length)) await svc.store.commit({ type: 'run.log', runId: run.runId, metrics: null, params: newParams, tags: newTags, time: svc.now() });

  const inputKey = (name: string, digest: string) => `${name}\u0000${digest}`;
  const haveInputs = new Set((here?.inputs.dataset_inputs ?? []).map((i) => inputKey(i.dataset.name, i.dataset.digest)));
  const newDatasets = run.datasets.filter((ds) => !haveInputs.has(inputKey(ds.name, ds.digest)));
  const haveModelInputs = new Set((here?.inputs.model_inputs ?? []).map((m) => m.model_id));
  const newModelInputs = run.modelInputs.filter((m) => !haveModelInputs.has(m));
  d.inputs = newDatasets.length + newModelInputs.length;
  if (write && d.inputs) {
    const datasets = newDatasets.map((ds): DatasetInput & { datasetId: string; inputId: string } => ({ ...ds, datasetId: svc.newId(), inputId: svc.newId() }));
    await svc.store.commit({ type: 'run.logInputs', runId: run.runId, datasets, models: newModelInputs.map((modelId) => ({ modelId, inputId: svc.newId() })), time: svc.now() });
  }
  const haveOutputs = new Set((here?.outputs?.model_outputs ?? []).map((o) => `${o.model_id}\u0000${o.step}`));
  const newOutputs = run.modelOutputs.filter((o) => !haveOutputs.has(`${o.modelId}\u0000${o.step}`));
  d.inputs += newOutputs.length;
  if (write && newOutputs.length) await svc.store.commit({ type: 'run.logOutputs', runId: run.runId, models: newOutputs, time: svc.now() });

  for (const key of run.metricKeys) {
    if (ctx.signal?.aborted) return d;
    d.points += await importHistory(ctx, run, key, mode, fresh || !local);
  }
  if (ctx.signal?.aborted) return d;
  const root = local ? local.artifact_uri.replace(/^mlflow-artifacts:\/+/, '') : '';
  const files = await importFiles(ctx, ctx.source.artifacts(run), root, item, mode, fresh || !local);
  d.artifacts = files.files;
  d.bytes = files.bytes;
  if (ctx.signal?.aborted) return d;

  const now = local ? findRun(svc.store.db, run.runId)! : undefined;
  const status = now?.status !== run.status;
  const end = run.endTime !== null && now?.end_time !== run.endTime;
  const life = (now?.lifecycle_stage ?? 'active') !== run.lifecycle;
  d.info = !fresh && local !== undefined && (status || end || life);
  if (write && (status || end)) {
    await svc.store.commit({ type: 'run.update', runId: run.runId, ...(status ? { status: run.status } : {}), ...(end ? { endTime: run.endTime! } : {}), time: svc.now() });
  }
  if (write && life) await svc.store.commit({ type: run.lifecycle === 'deleted' ? 'run.delete' : 'run.restore', runId: run.runId, time: svc.now() });
  return d;
}
