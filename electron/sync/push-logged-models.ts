import type { LoggedModel } from '../../shared/domain/tracking';
import { artifactsOf, resolveArtifactPath } from '../services/artifacts-service';
import type { ServiceContext } from '../services/service-context';
import { toLoggedModel, type LoggedModelRow } from '../store/repos/logged-models-repo';
import type { SyncFact } from '../store/ops/op-types';
import { pushedRun, remoteId } from '../store/sync/sync-repo';
import { ORIGIN_MODEL_TAG, ORIGIN_STORE_TAG } from './lineage';
import { storeArtifacts } from './local-artifacts';
import { chunksOf } from './log-batch';
import type { RemotePort } from './remote-port';

export interface ModelPushContext {
  svc: ServiceContext;
  remote: string;
  client: RemotePort;
  signal?: AbortSignal;
  record(facts: SyncFact[]): Promise<void>;
  sent(points: number, bytes: number): void;
}

/** Where a logged model's pushed params, tags, artifacts and status are recorded (beside runs'). */
export const loggedModelKey = (modelId: string) => `model:${modelId}`;

const READY = 'LOGGED_MODEL_READY';

/**
 * Pushes the MLflow 3 logged models of a local experiment whose source run is already on the
 * remote: created once (found again by their lineage tag), then params, tags, artifacts, status,
 * and the link from the run's outputs. Answers problems (one per model) instead of throwing.
 */
export async function pushLoggedModels(ctx: ModelPushContext, experimentId: string, remoteExperimentId: string): Promise<{ pushed: number; problems: { item: string; message: string }[] }> {
  const db = ctx.svc.store.db;
  const rows = db.all<LoggedModelRow>("SELECT * FROM logged_models WHERE experiment_id = ? AND lifecycle_stage = 'active' ORDER BY creation_time", [experimentId]);
  const problems: { item: string; message: string }[] = [];
  let pushed = 0;
  for (const row of rows) {
    const item = `logged model '${row.name}' (${row.model_id})`;
    const remoteRun = row.source_run_id ? remoteId(db, ctx.remote, 'run', row.source_run_id) : undefined;
    if (row.source_run_id && !remoteRun) {
      problems.push({ item, message: 'its run is not on the remote yet (a conflict kept it back); push again once that is resolved' });
      continue;
    }
    if (await pushLoggedModel(ctx, toLoggedModel(db, row), remoteExperimentId, remoteRun)) pushed++;
  }
  return { pushed, problems };
}

async function pushLoggedModel(ctx: ModelPushContext, model: LoggedModel, remoteExperimentId: string, remoteRunId: string | undefined): Promise<boolean> {
  const db = ctx.svc.store.db;
  const opts = { signal: ctx.signal };
  const id = model.info.model_id;
  const key = loggedModelKey(id);
  const state = pushedRun(db, ctx.remote, key);
  const params = model.data.params ?? [];
  const tags = model.info.tags ?? [];
  const root = resolveArtifactPath(ctx.svc, model.info.artifact_uri.replace(/^mlflow-artifacts:\/*/, ''));
  const artifacts = (await storeArtifacts(artifactsOf(ctx.svc), root)).filter((a) => {
    const p = state.artifacts.get(a.path);
    return !p || p.size !== a.size || p.mtime !== a.mtime;
  });
  const newTags = tags.filter((t) => state.tags.get(t.key) !== t.value);
  let remote = remoteId(db, ctx.remote, 'logged_model', id);
  if (remote && !artifacts.length && !newTags.length && params.length === state.params && state.status === model.info.status) return false;

  let remoteArtifactUri: string;
  if (remote) remoteArtifactUri = (await ctx.client.get<{ model: LoggedModel }>(`logged-models/${remote}`, undefined, opts)).model.info.artifact_uri;
  else {
    const found = await findByLineage(ctx, remoteExperimentId, id);
    const created =
      found ??
      (
        await ctx.client.post<{ model: LoggedModel }>(
          'logged-models',
          {
            experiment_id: remoteExperimentId,
            name: model.info.name,
            ...(model.info.model_type ? { model_type: model.info.model_type } : {}),
            ...(remoteRunId ? { source_run_id: remoteRunId } : {}),
            tags: [
              { key: ORIGIN_MODEL_TAG, value: id },
              { key: ORIGIN_STORE_TAG, value: ctx.svc.store.id },
            ],
          },
          opts,
        )
      ).model;
    remote = created.info.model_id;
    remoteArtifactUri = created.info.artifact_uri;
    await ctx.record([{ kind: 'id', entity: 'logged_model', localId: id, remoteId: remote }]);
  }
  if (params.length !== state.params) {
    for (const chunk of chunksOf(params, 100)) await ctx.client.post(`logged-models/${remote}/params`, { model_id: remote, params: chunk }, opts);
    await ctx.record([{ kind: 'params', runId: key, count: params.length }]);
  }
  if (newTags.length) {
    await ctx.client.patch(`logged-models/${remote}/tags`, { model_id: remote, tags: newTags }, opts);
    await ctx.record(newTags.map((t) => ({ kind: 'tag', runId: key, key: t.key, value: t.value })));
  }
  const remoteRoot = remoteArtifactUri.replace(/^mlflow-artifacts:\/*/, '').replace(/\/+$/, '');
  for (const a of artifacts) {
    await ctx.client.uploadArtifact(`${remoteRoot}/${a.path}`, a.open, a.size, opts);
    await ctx.record([{ kind: 'artifact', runId: key, path: a.path, size: a.size, mtime: a.mtime }]);
    ctx.sent(0, a.size);
  }
  if (state.status !== model.info.status) {
    if (model.info.status === READY) await ctx.client.patch(`logged-models/${remote}`, { model_id: remote, status: READY }, opts);
    if (remoteRunId) await ctx.client.post('runs/outputs', { run_id: remoteRunId, models: [{ model_id: remote, step: 0 }] }, opts);
    await ctx.record([{ kind: 'run', runId: key, name: model.info.name, status: model.info.status, endTime: null, lifecycle: 'active' }]);
  }
  return true;
}

async function findByLineage(ctx: ModelPushContext, remoteExperimentId: string, localId: string): Promise<LoggedModel | null> {
  for await (const page of ctx.client.searchPages('logged-models/search', { experiment_ids: [remoteExperimentId], max_results: 100 }, { signal: ctx.signal })) {
    for (const m of (page.models as LoggedModel[] | undefined) ?? []) if (m.info.tags?.some((t) => t.key === ORIGIN_MODEL_TAG && t.value === localId)) return m;
  }
  return null;
}
