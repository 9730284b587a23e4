import type { KeyValue, Run } from '../../shared/domain/tracking';
import type { DatasetInput } from '../store/ops/op-types';
import { findRun, getRun } from '../store/repos/runs-repo';
import { runArtifactRoot } from '../services/artifacts-service';
import { localIdOf, pulledRun, type PulledRun } from '../store/sync/pull-repo';
import { pushedRun, remoteId, type PushedRun } from '../store/sync/sync-repo';
import { pullArtifacts, type ArtifactOwner } from './pull-artifacts';
import type { Slots } from './pull-artifact-tree';
import type { PullRunContext } from './pull-context';
import { runFingerprint } from './pull-fingerprint';
import { describeClash, mergeTags, mergeValue } from './pull-merge';
import { pullMetrics } from './pull-metrics';
import { remoteArtifactRoot } from './lazy-download';

export interface RunPullResult {
  created: boolean;
  /** Anything changed here (always, for a run copied; for a run refreshed, files came or went). */
  changed: boolean;
  points: number;
  /** Files downloaded or recorded lazily. */
  artifacts: number;
  /** Files removed here because the remote deleted them. */
  removed: number;
}

const PARENT_TAG = 'mlflow.parentRunId';

const asMap = (list: KeyValue[] | undefined) => new Map((list ?? []).map((t) => [t.key, t.value]));

/**
 * Copies one remote run into the store under its own id, or brings a pulled run up to date. Every
 * step is recorded as it is applied: a pull killed at any point and run again finds the run
 * created but not complete and finishes it (points already here are not appended twice, tags and
 * params already here are recognised as such). Data first, then status and end time, then a
 * remote delete, then the run is marked complete with what runs/search showed of it.
 */
export async function pullRun(ctx: PullRunContext, run: Run, experimentId: string, item: string): Promise<RunPullResult> {
  const { svc, remote } = ctx;
  const db = svc.store.db;
  const runId = run.info.run_id;
  const created = !findRun(db, runId);
  if (created) {
    const exp = db.get<{ artifact_location: string }>('SELECT artifact_location FROM experiments WHERE experiment_id = ?', [experimentId])!;
    await svc.store.commit({
      type: 'pull.startRun', remote, runId, experimentId, name: run.info.run_name, userId: run.info.user_id,
      startTime: run.info.start_time ?? null, artifactUri: `${exp.artifact_location}/${runId}/artifacts`,
      remoteArtifactRoot: remoteArtifactRoot(run.info.artifact_uri), time: svc.now(),
    });
  }
  if (remoteId(db, remote, 'run', runId) !== runId) await ctx.record([{ kind: 'id', entity: 'run', localId: runId, remoteId: runId }]);
  const base = pushedRun(db, remote, runId);
  const result: RunPullResult = { created, changed: true, points: 0, artifacts: 0, removed: 0 };
  const local = findRun(db, runId)!;
  if (local.lifecycle_stage === 'active') {
    await pullParams(ctx, run, item);
    await pullTags(ctx, run, base, item);
    await pullInputs(ctx, run, base);
    result.points = await pullMetrics(ctx, runId, run.data.metrics ?? []);
    if (ctx.signal?.aborted) return result;
    const files = await pullArtifacts(ctx, runOwner(ctx, pulledRun(db, runId)!), item);
    result.artifacts = files.copied;
    result.removed = files.removed;
  }
  if (ctx.signal?.aborted) return result;
  await pullInfo(ctx, run, base, item);
  await svc.store.commit({ type: 'pull.finishRun', remote, runId, fingerprint: runFingerprint(run), time: svc.now() });
  return result;
}

/**
 * A pulled run that runs/search shows as it was at the last complete pull: only its files can have
 * changed, which MLflow's run info does not show (logging a file to a finished run changes nothing
 * of it). Its artifact tree is listed again (one request per folder, through `slots`, shared by
 * the pull) and brought in line: new files copied (or recorded lazily), deleted ones removed, and
 * in eager mode files still lazy downloaded. Nothing is fetched for a run deleted here.
 */
export async function refreshPulledRun(ctx: PullRunContext, run: Run, item: string, slots: Slots): Promise<RunPullResult> {
  const db = ctx.svc.store.db;
  const result: RunPullResult = { created: false, changed: false, points: 0, artifacts: 0, removed: 0 };
  const pulled = pulledRun(db, run.info.run_id);
  if (!pulled || findRun(db, run.info.run_id)?.lifecycle_stage !== 'active') return result;
  const files = await pullArtifacts(ctx, runOwner(ctx, pulled), item, slots);
  return { ...result, changed: files.copied + files.removed > 0, artifacts: files.copied, removed: files.removed };
}

/** A pulled run as the owner of the files a pull brings in line. */
const runOwner = (ctx: PullRunContext, pulled: PulledRun): ArtifactOwner => ({ key: pulled.runId, localRoot: runArtifactRoot(ctx.svc, pulled.runId), remoteRoot: pulled.artifactRoot, noun: 'run' });

/** Params are write-once: new remote ones are added; one with another value here is reported. */
async function pullParams(ctx: PullRunContext, run: Run, item: string): Promise<void> {
  const { svc } = ctx;
  const runId = run.info.run_id;
  const here = asMap(getRun(svc.store.db, runId).data.params);
  const remoteParams = run.data.params ?? [];
  const differing = remoteParams.filter((p) => here.has(p.key) && here.get(p.key) !== p.value);
  for (const p of differing) ctx.problem(item, `param '${p.key}' is '${here.get(p.key)}' here but '${p.value}' on the remote (params are write-once); kept this one`);
  const fresh = remoteParams.filter((p) => !here.has(p.key));
  if (fresh.length) await svc.store.commit({ type: 'run.log', runId, metrics: null, params: fresh, tags: [], time: svc.now() });
  if (!differing.length) await ctx.record([{ kind: 'params', runId, count: remoteParams.length }]);
}

/** Tags (notes among them): remote changes taken, local edits kept for the next push, clashes reported. */
async function pullTags(ctx: PullRunContext, run: Run, base: PushedRun, item: string): Promise<void> {
  const { svc } = ctx;
  const runId = run.info.run_id;
  const theirs = asMap(run.data.tags);
  // A run nested under one this store pushed names the remote copy: here it is the local run (as push records it).
  const parent = theirs.get(PARENT_TAG);
  if (parent !== undefined) theirs.set(PARENT_TAG, localIdOf(svc.store.db, ctx.remote, 'run', parent) ?? parent);
  const merged = mergeTags(base.tags, asMap(getRun(svc.store.db, runId).data.tags), theirs);
  if (merged.set.length) await svc.store.commit({ type: 'run.log', runId, metrics: null, params: [], tags: merged.set, time: svc.now() });
  for (const key of merged.del) await svc.store.commit({ type: 'run.deleteTag', runId, key, time: svc.now() });
  if (merged.record.length) await ctx.record(merged.record.map((r) => ({ kind: 'tag', runId, key: r.key, value: r.value })));
  for (const c of merged.clashes) ctx.problem(item, describeClash(c));
}

/** Dataset inputs the store lacks (by name and digest), with their tags. */
async function pullInputs(ctx: PullRunContext, run: Run, base: PushedRun): Promise<void> {
  const { svc } = ctx;
  const runId = run.info.run_id;
  const remoteInputs = run.inputs?.dataset_inputs ?? [];
  const here = new Set((getRun(svc.store.db, runId).inputs.dataset_inputs ?? []).map((d) => `${d.dataset.name}\u0000${d.dataset.digest}`));
  const missing = remoteInputs.filter((d) => !here.has(`${d.dataset.name}\u0000${d.dataset.digest}`));
  if (missing.length) {
    const datasets = missing.map((d): DatasetInput & { datasetId: string; inputId: string } => ({
      name: d.dataset.name, digest: d.dataset.digest, sourceType: d.dataset.source_type, source: d.dataset.source,
      ...(d.dataset.schema !== undefined ? { schema: d.dataset.schema } : {}),
      ...(d.dataset.profile !== undefined ? { profile: d.dataset.profile } : {}),
      tags: d.tags ?? [], datasetId: svc.newId(), inputId: svc.newId(),
    }));
    await svc.store.commit({ type: 'run.logInputs', runId, datasets, models: [], time: svc.now() });
  }
  if (base.inputs !== remoteInputs.length) await ctx.record([{ kind: 'inputs', runId, count: remoteInputs.length }]);
}

/**
 * Status, end time and lifecycle, merged with what the last sync recorded (a run never synced
 * takes the remote's). The run's name follows its mlflow.runName tag, merged with the tags.
 */
async function pullInfo(ctx: PullRunContext, run: Run, base: PushedRun, item: string): Promise<void> {
  const { svc } = ctx;
  const runId = run.info.run_id;
  const local = findRun(svc.store.db, runId)!;
  const fresh = base.status === null;
  const merge = <T>(b: T | null, l: T, r: T) => (fresh ? (l === r ? 'same' : 'take') : mergeValue<T | null>(b, l, r));
  const remoteEnd = run.info.end_time ?? null;
  const status = merge(base.status, local.status, run.info.status);
  const end = merge(base.endTime, local.end_time, remoteEnd);
  const life = merge(base.lifecycle, local.lifecycle_stage, run.info.lifecycle_stage);
  const name = merge(base.name, local.name, run.info.run_name);
  if (status === 'clash') ctx.problem(item, `its status changed on both sides since the last sync (here: ${local.status}, remote: ${run.info.status}); kept this side's`);
  if (life === 'clash') ctx.problem(item, `it was deleted or restored on both sides differently since the last sync (here: ${local.lifecycle_stage}, remote: ${run.info.lifecycle_stage}); kept this side's`);
  const takeStatus = status === 'take';
  const takeEnd = end === 'take' && remoteEnd !== null;
  if ((takeStatus || takeEnd) && local.lifecycle_stage === 'active') {
    await svc.store.commit({ type: 'run.update', runId, ...(takeStatus ? { status: run.info.status } : {}), ...(takeEnd ? { endTime: remoteEnd } : {}), time: svc.now() });
  }
  if (life === 'take') await svc.store.commit({ type: run.info.lifecycle_stage === 'deleted' ? 'run.delete' : 'run.restore', runId, time: svc.now() });
  const pick = <T>(m: string, b: T | null, r: T) => (m === 'same' || m === 'take' ? r : b);
  await ctx.record([{
    kind: 'run', runId,
    name: pick(name, base.name, run.info.run_name) ?? run.info.run_name,
    status: pick(status, base.status, run.info.status) ?? run.info.status,
    endTime: pick(end, base.endTime, remoteEnd),
    lifecycle: pick(life, base.lifecycle, run.info.lifecycle_stage) ?? run.info.lifecycle_stage,
  }]);
}
