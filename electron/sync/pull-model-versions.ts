import { MlflowError } from '../../shared/domain/mlflow-error';
import type { ModelVersion } from '../../shared/domain/registry';
import { resolveVersionSource } from '../services/model-version-source';
import type { SyncFact } from '../store/ops/op-types';
import { type VersionRow } from '../store/registry/registry-repo';
import { findLoggedModel } from '../store/repos/logged-models-repo';
import { findRun } from '../store/repos/runs-repo';
import { localVersionOf, modelVersionKey, versionNumberFor } from '../store/sync/pulled-models-repo';
import { pushedRun } from '../store/sync/sync-repo';
import { ORIGIN_VERSION_TAG } from './lineage';
import type { PullRunContext } from './pull-context';
import { describeRegistryClash, localVersionSource, mergeChangesNothing, mergeRegistryState, versionState } from './pull-registry-plan';

const tagFacts = (key: string, record: { key: string; value: string | null }[]): SyncFact[] => record.map((r) => ({ kind: 'tag', runId: key, key: r.key, value: r.value }));

type VersionOutcome = 'created' | 'updated' | 'unchanged';

/** One remote version: created here (mapped), found again by its lineage, or merged three-way into its local copy. */
export async function pullVersion(ctx: PullRunContext, name: string, remote: ModelVersion): Promise<VersionOutcome> {
  const { svc } = ctx;
  const db = svc.store.db;
  const item = `version ${remote.version} of '${name}'`;
  let local = localVersionOf(db, ctx.remote, name, remote.version);
  // Pushed from here, its lineage names a local version: the same version (the lineage tag is the remote's own).
  const lineage = remote.tags?.find((t) => t.key === ORIGIN_VERSION_TAG)?.value;
  const ownPrefix = `${svc.store.id}:${name}/`;
  const own = lineage?.startsWith(ownPrefix) ? Number(lineage.slice(ownPrefix.length)) : undefined;
  if (local === undefined && own !== undefined && db.get("SELECT 1 AS x FROM model_versions WHERE name = ? AND version = ? AND current_stage != 'Deleted_Internal'", [name, own])) {
    await ctx.record([{ kind: 'id', entity: 'model_version', localId: `${name}/${own}`, remoteId: remote.version }]);
    local = own;
  }
  const tags = (remote.tags ?? []).filter((t) => own === undefined || t.key !== ORIGIN_VERSION_TAG);
  const remoteState = versionState({ description: remote.description ?? '', stage: remote.current_stage, tags });
  if (local === undefined) return createVersion(ctx, name, remote, item, remoteState);
  const row = db.get<VersionRow>('SELECT * FROM model_versions WHERE name = ? AND version = ?', [name, local]);
  if (!row || row.current_stage === 'Deleted_Internal') return 'unchanged'; // deleted here: not brought back
  const key = modelVersionKey(name, local);
  const merge = mergeRegistryState(
    pushedRun(db, ctx.remote, key).tags,
    versionState({ description: row.description, stage: row.current_stage, tags: db.all('SELECT key, value FROM model_version_tags WHERE name = ? AND version = ?', [name, local]) }),
    remoteState,
  );
  for (const c of merge.clashes) ctx.problem(item, describeRegistryClash(c));
  const facts = tagFacts(key, merge.record);
  if (mergeChangesNothing(merge)) {
    if (facts.length) await ctx.record(facts);
    return 'unchanged';
  }
  await svc.store.commit({
    type: 'pull.version', remote: ctx.remote, name, version: local,
    ...(merge.description !== undefined ? { description: merge.description } : {}), ...(merge.stage !== undefined ? { stage: merge.stage } : {}),
    setTags: merge.setTags, delTags: merge.delTags, lastUpdatedTime: remote.last_updated_timestamp, facts, time: svc.now(),
  });
  return 'updated';
}

async function createVersion(ctx: PullRunContext, name: string, remote: ModelVersion, item: string, state: Map<string, string>): Promise<VersionOutcome> {
  const { svc } = ctx;
  const db = svc.store.db;
  const mapped = localVersionSource(remote.source, {
    runArtifactUri: (id) => findRun(db, id)?.artifact_uri,
    modelArtifactUri: (id) => findLoggedModel(db, id)?.artifact_uri,
  });
  if ('problem' in mapped) {
    ctx.problem(item, mapped.problem);
    return 'unchanged';
  }
  const modelId = /^models:\/(m-[^/]+)$/.exec(remote.source)?.[1];
  let resolved;
  try {
    resolved = resolveVersionSource(svc, mapped.source, remote.run_id || undefined, modelId);
  } catch (err) {
    if (!(err instanceof MlflowError)) throw err;
    ctx.problem(item, `its source is not in this store (${err.message}); pull the experiment of its run first`);
    return 'unchanged';
  }
  await svc.store.commit(() => {
    const version = versionNumberFor(db, name, Number(remote.version));
    const key = modelVersionKey(name, version);
    return {
      type: 'pull.version' as const, remote: ctx.remote, name, version,
      create: {
        source: mapped.source, storageLocation: resolved.storageLocation, runId: resolved.runId, runLink: remote.run_link ?? '', userId: remote.user_id ?? '',
        modelId: resolved.modelId, status: remote.status ?? 'READY', statusMessage: remote.status_message ?? '', creationTime: remote.creation_timestamp,
      },
      description: remote.description ?? '', stage: remote.current_stage, setTags: remote.tags ?? [], delTags: [], lastUpdatedTime: remote.last_updated_timestamp,
      facts: [
        { kind: 'id' as const, entity: 'model_version' as const, localId: `${name}/${version}`, remoteId: remote.version },
        ...tagFacts(key, [...state].map(([k, value]) => ({ key: k, value }))),
      ],
      time: svc.now(),
    };
  });
  return 'created';
}
