import type { Experiment } from '../../shared/domain/tracking';
import { experimentArtifactLocation } from '../services/experiments-service';
import type { ServiceContext } from '../services/service-context';
import { findExperiment, findExperimentByName, nextExperimentId, toExperiment } from '../store/repos/experiments-repo';
import type { SyncFact } from '../store/ops/op-types';
import { localIdOf } from '../store/sync/pull-repo';
import { pushedRun } from '../store/sync/sync-repo';
import { describeClash, mergeTags } from './pull-merge';
import { experimentTagsKey } from './push-experiment';

export interface PullExperimentContext {
  svc: ServiceContext;
  remote: string;
  record(facts: SyncFact[]): Promise<void>;
  problem(item: string, message: string): void;
}

/**
 * The local experiment a remote one is pulled into: the one it was synced with before, else the
 * local experiment of the same name (names are unique in MLflow, so it is the same experiment,
 * whatever runs it already has), else a new one of that name. A local experiment of that name
 * that is deleted is a conflict: the answer says what to do, nothing is changed.
 */
export async function ensureLocalExperiment(ctx: PullExperimentContext, remote: Experiment): Promise<{ id: string } | { conflict: string }> {
  const { svc } = ctx;
  const db = svc.store.db;
  const mappedId = localIdOf(db, ctx.remote, 'experiment', remote.experiment_id);
  let local = mappedId === undefined ? undefined : findExperiment(db, mappedId);
  local ??= findExperimentByName(db, remote.name);
  if (local?.lifecycle_stage === 'deleted') {
    return { conflict: `the local experiment '${local.name}' (${local.experiment_id}) is deleted; restore it (or rename it) here, then pull again` };
  }
  if (!local) {
    const op = await svc.store.commit(() => {
      const id = nextExperimentId(db);
      return { type: 'experiment.create' as const, id, name: remote.name, artifactLocation: experimentArtifactLocation(id), tags: [], time: svc.now() };
    });
    local = findExperiment(db, op.id)!;
  }
  if (local.experiment_id !== mappedId) await ctx.record([{ kind: 'id', entity: 'experiment', localId: local.experiment_id, remoteId: remote.experiment_id }]);
  return { id: local.experiment_id };
}

/** Experiment tags (the description among them): remote changes taken, local ones kept, clashes reported. */
export async function pullExperimentTags(ctx: PullExperimentContext, localId: string, remote: Experiment): Promise<void> {
  const { svc } = ctx;
  const db = svc.store.db;
  const key = experimentTagsKey(localId);
  const local = toExperiment(db, findExperiment(db, localId)!);
  const merged = mergeTags(
    pushedRun(db, ctx.remote, key).tags,
    new Map((local.tags ?? []).map((t) => [t.key, t.value])),
    new Map((remote.tags ?? []).map((t) => [t.key, t.value])),
  );
  for (const tag of merged.set) await svc.store.commit({ type: 'experiment.setTag', id: localId, tag, time: svc.now() });
  for (const k of merged.del) await svc.store.commit({ type: 'experiment.deleteTag', id: localId, key: k, time: svc.now() });
  if (merged.record.length) await ctx.record(merged.record.map((r) => ({ kind: 'tag', runId: key, key: r.key, value: r.value })));
  for (const c of merged.clashes) ctx.problem(`experiment '${local.name}'`, describeClash(c, 'experiment tag'));
}
