import { LOGGED_MODEL_STATUSES, type LoggedModel, type LoggedModelStatus } from '../../shared/domain/tracking';
import type { SyncFact } from '../store/ops/op-types';
import { findExperiment } from '../store/repos/experiments-repo';
import { findLoggedModel, toLoggedModel } from '../store/repos/logged-models-repo';
import { findRun } from '../store/repos/runs-repo';
import { loggedModelMappedTo, loggedModelStateKey } from '../store/sync/pulled-models-repo';
import { pulledOwnerRoots } from '../store/sync/pull-repo';
import { pushedRun } from '../store/sync/sync-repo';
import { ORIGIN_MODEL_TAG } from './lineage';
import { remoteArtifactRoot } from './lazy-download';
import { pullArtifacts, type ArtifactPullResult } from './pull-artifacts';
import type { PullRunContext } from './pull-context';
import { planChangesNothing, planLoggedModel } from './pull-logged-model-plan';
import { describeClash } from './pull-merge';
import { missingModelLinks, type ModelLinks } from './pull-model-links';

export interface LoggedModelsPullResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Files downloaded, or recorded to be downloaded on first open (`--artifacts lazy`), as a run's. */
  files: number;
  /** Files removed here (or no longer listed) because the remote deleted them. */
  removed: number;
}

const statusIndex = (s: string) => Math.max(0, LOGGED_MODEL_STATUSES.indexOf(s as LoggedModelStatus));
const itemOf = (m: LoggedModel) => `logged model '${m.info.name}' (${m.info.model_id})`;

/**
 * Copies the MLflow 3 logged models of a pulled experiment under their remote ids: name, type,
 * source run, status, params, tags, metric points and files (as a run's: downloaded with
 * `--artifacts eager`, recorded to download on first open with `lazy`; new and deleted files
 * brought in line on every pull, see pull-artifacts.ts), then the runs' links to them (model inputs
 * and outputs). A model already pulled and showing the same last update as at the last pull costs
 * only the listing of its files.
 * Every step is recorded with its change, so an interrupted pull run again finishes exactly once.
 */
export async function pullLoggedModels(ctx: PullRunContext, remoteExperimentId: string, localExperimentId: string, links: ModelLinks): Promise<LoggedModelsPullResult> {
  const result: LoggedModelsPullResult = { created: 0, updated: 0, unchanged: 0, files: 0, removed: 0 };
  for await (const page of ctx.client.searchPages('logged-models/search', { experiment_ids: [remoteExperimentId], max_results: 100 }, { signal: ctx.signal })) {
    for (const model of (page.models as LoggedModel[] | undefined) ?? []) {
      if (ctx.signal?.aborted) return result;
      try {
        const { outcome, files } = await pullLoggedModel(ctx, model, localExperimentId);
        if (outcome !== 'skipped') result[outcome]++;
        result.files += files.copied;
        result.removed += files.removed;
      } catch (err) {
        if (!ctx.signal?.aborted) ctx.problem(itemOf(model), `${(err as Error).message}; pull again to finish it`);
      }
    }
  }
  if (!ctx.signal?.aborted) await linkRuns(ctx, links);
  return result;
}

/** What became of one remote logged model, and of its files. */
type Outcome = { outcome: 'created' | 'updated' | 'unchanged' | 'skipped'; files: ArtifactPullResult };

const NO_FILES: ArtifactPullResult = { copied: 0, removed: 0 };

async function pullLoggedModel(ctx: PullRunContext, remote: LoggedModel, localExperimentId: string): Promise<Outcome> {
  const { svc } = ctx;
  const db = svc.store.db;
  const id = remote.info.model_id;
  const item = itemOf(remote);
  const tag = (key: string) => remote.info.tags?.find((t) => t.key === key)?.value;
  const origin = tag(ORIGIN_MODEL_TAG);
  if (origin !== undefined && origin !== id && findLoggedModel(db, origin)) {
    // Pushed from here, or from the store a bundle brought it from: the same model under its remote id.
    if (loggedModelMappedTo(db, ctx.remote, origin) !== id) await ctx.record([{ kind: 'id', entity: 'logged_model', localId: origin, remoteId: id }]);
    return { outcome: 'skipped', files: NO_FILES };
  }
  const row = findLoggedModel(db, id);
  if (row && loggedModelMappedTo(db, ctx.remote, id) !== id) {
    ctx.problem(item, 'a logged model with this id exists here and did not come from this remote; left as it is');
    return { outcome: 'skipped', files: NO_FILES };
  }
  if (row?.lifecycle_stage === 'deleted') return { outcome: 'skipped', files: NO_FILES }; // deleted here: not brought back
  const key = loggedModelStateKey(id);
  const base = pushedRun(db, ctx.remote, key);
  const local = row && toLoggedModel(db, row);
  const plan = planLoggedModel(base, local, remote);
  const lastUpdated = remote.info.last_updated_timestamp_ms;
  const settled = base.status === remote.info.status && base.endTime === lastUpdated;
  const remoteRoot = remoteArtifactRoot(remote.info.artifact_uri);
  const rootKnown = pulledOwnerRoots(db, key)?.remoteRoot === remoteRoot;
  const exp = findExperiment(db, localExperimentId)!;
  const artifactUri = row?.artifact_uri ?? `${exp.artifact_location}/models/${id}/artifacts`;
  const owner = { key, localRoot: artifactUri.replace(/^mlflow-artifacts:\/+/, ''), remoteRoot, noun: 'model' as const };
  if (local && settled && planChangesNothing(plan)) {
    // Files logged to a finished model do not change what the remote shows of it: they are listed again.
    if (!rootKnown) await svc.store.commit({ type: 'pull.loggedModel', remote: ctx.remote, modelId: id, params: [], setTags: [], delTags: [], metrics: [], remoteArtifactRoot: remoteRoot, facts: [], time: svc.now() });
    const files = await pullArtifacts(ctx, owner, item);
    return { outcome: files.copied + files.removed ? 'updated' : 'unchanged', files };
  }

  for (const c of plan.paramClashes) ctx.problem(item, `param '${c.key}' is '${c.local}' here but '${c.remote}' on the remote (params are write-once); kept this one`);
  for (const c of plan.tagClashes) ctx.problem(item, describeClash(c, 'logged model tag'));
  if (plan.statusClash) ctx.problem(item, `its status changed on both sides since the last sync (here: ${plan.statusClash.local}, remote: ${plan.statusClash.remote}); kept this one`);

  const facts: SyncFact[] = plan.tagRecord.map((r) => ({ kind: 'tag', runId: key, key: r.key, value: r.value }));
  if (base.params !== plan.remoteParams) facts.push({ kind: 'params', runId: key, count: plan.remoteParams });
  if (!row) facts.push({ kind: 'id', entity: 'logged_model', localId: id, remoteId: id });
  if (!row || !planChangesNothing(plan) || facts.length || !rootKnown) {
    const sourceRunId = remote.info.source_run_id || null;
    await svc.store.commit({
      type: 'pull.loggedModel', remote: ctx.remote, modelId: id,
      ...(row ? {} : { create: { experimentId: localExperimentId, name: remote.info.name, modelType: remote.info.model_type ?? '', sourceRunId, artifactUri, creationTime: remote.info.creation_timestamp_ms } }),
      ...(plan.status !== undefined ? { status: statusIndex(plan.status), statusMessage: remote.info.status_message ?? '', lastUpdatedTime: lastUpdated } : {}),
      params: plan.params, setTags: plan.setTags, delTags: plan.delTags, metrics: plan.metrics, remoteArtifactRoot: remoteRoot, facts, time: svc.now(),
    });
  }
  const files = await pullArtifacts(ctx, owner, item);
  if (ctx.signal?.aborted) return { outcome: 'skipped', files };
  // Last: what the remote showed of the model, so the next pull can skip all but its files.
  await ctx.record([{ kind: 'run', runId: key, name: remote.info.name, status: remote.info.status, endTime: lastUpdated, lifecycle: 'active' }]);
  return { outcome: row ? 'updated' : 'created', files };
}

/** The runs' model inputs and outputs the store lacks (runs deleted here take no links). */
async function linkRuns(ctx: PullRunContext, links: ModelLinks): Promise<void> {
  const { svc } = ctx;
  const db = svc.store.db;
  const hasInput = (runId: string, modelId: string) => db.get("SELECT 1 AS x FROM inputs WHERE source_type = 'MODEL' AND source_id = ? AND run_id = ?", [modelId, runId]) !== undefined;
  const hasOutput = (runId: string, modelId: string) => db.get('SELECT 1 AS x FROM run_outputs WHERE run_id = ? AND model_id = ?', [runId, modelId]) !== undefined;
  for (const link of missingModelLinks(links, hasInput, hasOutput)) {
    if (findRun(db, link.runId)?.lifecycle_stage !== 'active') continue;
    if (link.inputs.length) await svc.store.commit({ type: 'run.logInputs', runId: link.runId, datasets: [], models: link.inputs.map((modelId) => ({ modelId, inputId: svc.newId() })), time: svc.now() });
    if (link.outputs.length) await svc.store.commit({ type: 'run.logOutputs', runId: link.runId, models: link.outputs, time: svc.now() });
  }
}
