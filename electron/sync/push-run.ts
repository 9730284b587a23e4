import type { KeyValue, RunInfo } from '../../shared/domain/tracking';
import type { ServiceContext } from '../services/service-context';
import type { SyncFact } from '../store/ops/op-types';
import { remoteId } from '../store/sync/sync-repo';
import { chunksOf, metricsOf } from './log-batch';
import { ORIGIN_RUN_TAG, ORIGIN_STORE_TAG, originRunFilter } from './lineage';
import { RemoteError } from './remote-error';
import type { RemotePort } from './remote-port';
import { isEmptyDelta, type RunDelta } from './run-delta';

/** MLflow's log-batch limits (a real server refuses more). */
const MAX_PARAMS = 100;
const MAX_TAGS = 100;
const MAX_METRICS = 1000;
const PARENT_TAG = 'mlflow.parentRunId';

export interface PushRunContext {
  svc: ServiceContext;
  remote: string;
  client: RemotePort;
  storeId: string;
  remoteExperimentId: string;
  signal?: AbortSignal;
  /** Commits what the remote now has (a `sync.record` op); resolves once durable. */
  record(facts: SyncFact[]): Promise<void>;
  /** Counts sent points and artifact bytes as they go. */
  sent(points: number, bytes: number): void;
  /**
   * Runs dataset logging one call at a time: MLflow's SQL store inserts a dataset new to the
   * experiment without a lock, so two runs logging the same dataset at once fail one with an
   * IntegrityError (seen with MLflow 3.17).
   */
  datasetCalls: <T>(call: () => Promise<T>) => Promise<T>;
  /** Metric batches of every run share these request slots (as many as a plain client keeps in flight). */
  batchSlots: <T>(call: () => Promise<T>) => Promise<T>;
}

/** Metric batches of one history in flight at once (their acknowledged prefix is what gets recorded). */
const BATCH_WINDOW = 4;

export type RunPushResult = { outcome: 'created' | 'updated' | 'unchanged'; artifacts: number } | { outcome: 'conflict'; message: string };

/** A problem that stops the push of one run, and says what to do. */
class RunConflict extends Error {}

/**
 * Pushes what the remote lacks of one run. Every step is idempotent or guarded, and each is
 * recorded in the store once the remote acknowledged it, so a push killed at any point and run
 * again repeats at most the last unrecorded step: a created run is found again by its lineage
 * tag, re-sent params and tags are no-ops, and re-sent metric points are stored once by MLflow's
 * SQL stores (and by Sextant).
 */
export async function pushRun(ctx: PushRunContext, delta: RunDelta): Promise<RunPushResult> {
  const { run } = delta;
  const runId = run.info.run_id;
  const known = remoteId(ctx.svc.store.db, ctx.remote, 'run', runId);
  if (known && isEmptyDelta(delta)) return { outcome: 'unchanged', artifacts: 0 };
  try {
    const { id: remoteRunId, created, info } = known ? { id: known, created: false, info: await existingRemoteRun(ctx, known, run.info) } : await findOrCreateRemoteRun(ctx, run.info);
    if (!known) await ctx.record([{ kind: 'id', entity: 'run', localId: runId, remoteId: remoteRunId }]);
    await pushParams(ctx, remoteRunId, runId, delta.params);
    await pushTags(ctx, remoteRunId, runId, delta);
    await pushInputs(ctx, remoteRunId, runId, delta);
    await pushMetrics(ctx, remoteRunId, runId, delta);
    await pushArtifacts(ctx, info, runId, delta);
    await pushInfo(ctx, remoteRunId, run.info, info.lifecycle_stage, delta);
    return { outcome: created ? 'created' : 'updated', artifacts: delta.artifacts.length };
  } catch (err) {
    if (err instanceof RunConflict) return { outcome: 'conflict', message: err.message };
    throw err;
  }
}

async function existingRemoteRun(ctx: PushRunContext, remoteRunId: string, local: RunInfo): Promise<RunInfo> {
  let info: RunInfo;
  try {
    info = (await ctx.client.get<{ run: { info: RunInfo } }>('runs/get', { run_id: remoteRunId }, { signal: ctx.signal })).run.info;
  } catch (err) {
    if (err instanceof RemoteError && err.errorCode === 'RESOURCE_DOES_NOT_EXIST') {
      throw new RunConflict(`its remote copy ${remoteRunId} no longer exists (deleted for good on the remote); nothing was overwritten`);
    }
    throw err;
  }
  refuseDeletedRemote(info, local);
  return info;
}

function refuseDeletedRemote(remote: RunInfo, local: RunInfo): void {
  if (remote.lifecycle_stage === 'deleted' && local.lifecycle_stage === 'active') {
    throw new RunConflict(`its remote copy ${remote.run_id} was deleted on the remote; restore it there (mlflow runs restore) or delete the run here, then push again`);
  }
}

async function findOrCreateRemoteRun(ctx: PushRunContext, local: RunInfo): Promise<{ id: string; created: boolean; info: RunInfo }> {
  const found = await ctx.client.post<{ runs?: { info: RunInfo }[] }>(
    'runs/search',
    { experiment_ids: [ctx.remoteExperimentId], filter: originRunFilter(local.run_id), run_view_type: 'ALL', max_results: 1 },
    { signal: ctx.signal },
  );
  const existing = found.runs?.[0]?.info;
  if (existing) {
    refuseDeletedRemote(existing, local);
    return { id: existing.run_id, created: false, info: existing };
  }
  const lineage = [
    { key: ORIGIN_RUN_TAG, value: local.run_id },
    { key: ORIGIN_STORE_TAG, value: ctx.storeId },
  ];
  // The lineage travels with the create itself, so a create whose answer was lost is found above next time.
  const created = await ctx.client.post<{ run: { info: RunInfo } }>(
    'runs/create',
    { experiment_id: ctx.remoteExperimentId, run_name: local.run_name, ...(local.start_time !== undefined ? { start_time: local.start_time } : {}), tags: lineage },
    { signal: ctx.signal },
  );
  return { id: created.run.info.run_id, created: true, info: created.run.info };
}

async function pushParams(ctx: PushRunContext, remoteRunId: string, runId: string, params: KeyValue[]): Promise<void> {
  if (!params.length) return;
  for (const chunk of chunksOf(params, MAX_PARAMS)) {
    try {
      await ctx.client.post('runs/log-batch', { run_id: remoteRunId, params: chunk }, { signal: ctx.signal });
    } catch (err) {
      if (err instanceof RemoteError && err.errorCode === 'INVALID_PARAMETER_VALUE' && /param/i.test(err.message)) {
        throw new RunConflict(`a param already has another value on the remote (params are write-once; nothing was overwritten): ${err.message}`);
      }
      throw err;
    }
  }
  await ctx.record([{ kind: 'params', runId, count: params.length }]);
}

async function pushTags(ctx: PushRunContext, remoteRunId: string, runId: string, delta: RunDelta): Promise<void> {
  const db = ctx.svc.store.db;
  const sendable: { tag: KeyValue; sent: KeyValue }[] = [];
  for (const tag of delta.setTags) {
    if (tag.key !== PARENT_TAG) sendable.push({ tag, sent: tag });
    else {
      const parent = remoteId(db, ctx.remote, 'run', tag.value);
      if (parent) sendable.push({ tag, sent: { key: PARENT_TAG, value: parent } }); // else: the parent is not pushed yet; next time
    }
  }
  for (const chunk of chunksOf(sendable, MAX_TAGS)) {
    await ctx.client.post('runs/log-batch', { run_id: remoteRunId, tags: chunk.map((c) => c.sent) }, { signal: ctx.signal });
    await ctx.record(chunk.map(({ tag }) => ({ kind: 'tag', runId, key: tag.key, value: tag.value })));
  }
  for (const key of delta.deleteTags) {
    try {
      await ctx.client.post('runs/delete-tag', { run_id: remoteRunId, key }, { signal: ctx.signal });
    } catch (err) {
      if (!(err instanceof RemoteError && err.errorCode === 'RESOURCE_DOES_NOT_EXIST')) throw err; // already gone
    }
    await ctx.record([{ kind: 'tag', runId, key, value: null }]);
  }
}

async function pushInputs(ctx: PushRunContext, remoteRunId: string, runId: string, delta: RunDelta): Promise<void> {
  if (!delta.inputs.length) return;
  await ctx.datasetCalls(() => ctx.client.post('runs/log-inputs', { run_id: remoteRunId, datasets: delta.inputs }, { signal: ctx.signal }));
  await ctx.record([{ kind: 'inputs', runId, count: delta.inputs.length }]);
}

/**
 * Sends each history's new points in batches, several in flight, and records after each
 * acknowledgement how far the history is now on the remote without a gap: a batch acknowledged
 * while an earlier one is still out is recorded with that earlier one. A crash re-sends at most
 * the unrecorded batches, whose points the remote stores once.
 */
async function pushMetrics(ctx: PushRunContext, remoteRunId: string, runId: string, delta: RunDelta): Promise<void> {
  const files = ctx.svc.store.ctx.files;
  let records = Promise.resolve();
  for (const { meta, from, to } of delta.series) {
    const starts: number[] = [];
    for (let at = from; at < to; at += MAX_METRICS) starts.push(at);
    const acked = new Set<number>();
    let prefix = 0; // batches acknowledged without a gap
    let next = 0;
    let failed = false; // once a batch fails, no new ones start
    const send = async (): Promise<void> => {
      while (next < starts.length && !failed) {
        const i = next++;
        const at = starts[i]!;
        const n = Math.min(MAX_METRICS, to - at);
        await ctx.batchSlots(() => ctx.client.post('runs/log-batch', { run_id: remoteRunId, metrics: metricsOf(meta.key, files.readRaw(meta, at, n)) }, { signal: ctx.signal })).catch((err: unknown) => {
          failed = true;
          throw err;
        });
        ctx.sent(n, 0);
        acked.add(i);
        if (!acked.has(prefix)) continue;
        while (acked.has(prefix)) prefix++;
        const points = Math.min(to, starts[prefix - 1]! + MAX_METRICS);
        records = records.then(() => ctx.record([{ kind: 'series', runId, key: meta.key, points }]));
      }
    };
    const settled = await Promise.allSettled(Array.from({ length: Math.min(BATCH_WINDOW, starts.length) }, send));
    await records; // what was acknowledged is recorded, also when a batch failed
    const error = settled.find((r) => r.status === 'rejected');
    if (error) throw error.reason;
  }
}

async function pushArtifacts(ctx: PushRunContext, remote: RunInfo, runId: string, delta: RunDelta): Promise<void> {
  if (!delta.artifacts.length) return;
  const root = /^mlflow-artifacts:\/*(.*)$/.exec(remote.artifact_uri)?.[1];
  if (root === undefined) {
    throw new RunConflict(`the remote keeps this run's artifacts at ${remote.artifact_uri}, which it does not serve; start the remote server with artifact proxying (mlflow server --serve-artifacts, the default) to push artifacts`);
  }
  for (const a of delta.artifacts) {
    await ctx.client.uploadArtifact(`${root.replace(/\/+$/, '')}/${a.path}`, a.open, a.size, { signal: ctx.signal });
    await ctx.record([{ kind: 'artifact', runId, path: a.path, size: a.size, mtime: a.mtime }]);
    ctx.sent(0, a.size);
  }
}

/**
 * Status, end time and name last, so a remote run shows FINISHED only once it has everything;
 * then a local delete. (A run deleted on the remote but active here is a conflict, found above.)
 */
async function pushInfo(ctx: PushRunContext, remoteRunId: string, info: RunInfo, remoteLifecycle: string, delta: RunDelta): Promise<void> {
  if (!delta.infoChanged) return;
  await ctx.client.post(
    'runs/update',
    { run_id: remoteRunId, status: info.status, run_name: info.run_name, ...(info.end_time !== undefined ? { end_time: info.end_time } : {}) },
    { signal: ctx.signal },
  );
  if (info.lifecycle_stage === 'deleted' && remoteLifecycle !== 'deleted') await ctx.client.post('runs/delete', { run_id: remoteRunId }, { signal: ctx.signal });
  await ctx.record([{ kind: 'run', runId: info.run_id, name: info.run_name, status: info.status, endTime: info.end_time ?? null, lifecycle: info.lifecycle_stage }]);
}
