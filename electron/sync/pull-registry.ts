import type { ModelVersion, RegisteredModel } from '../../shared/domain/registry';
import type { Experiment, LoggedModel, Run } from '../../shared/domain/tracking';
import { MlflowError } from '../../shared/domain/mlflow-error';
import { resolveVersionSource } from '../services/model-version-source';
import type { SyncFact } from '../store/ops/op-types';
import { findModel, type VersionRow } from '../store/registry/registry-repo';
import { findLoggedModel } from '../store/repos/logged-models-repo';
import { findRun } from '../store/repos/runs-repo';
import {
  ALIAS_PREFIX, localVersionOf, modelSyncedWith, modelVersionKey, registeredModelKey, remoteVersionOf, versionNumberFor,
} from '../store/sync/pulled-models-repo';
import { pushedRun } from '../store/sync/sync-repo';
import { ORIGIN_VERSION_TAG } from './lineage';
import type { PullRunContext } from './pull-context';
import { describeRegistryClash, localVersionSource, mergeChangesNothing, mergeRegistryState, modelState, versionState } from './pull-registry-plan';
import { RemoteError } from './remote-error';

export interface RegistryPullCounts {
  modelsCreated: number;
  modelsUpdated: number;
  versionsCreated: number;
  versionsUpdated: number;
}

export const emptyRegistryCounts = (): RegistryPullCounts => ({ modelsCreated: 0, modelsUpdated: 0, versionsCreated: 0, versionsUpdated: 0 });

const notFound = (err: unknown) => err instanceof RemoteError && err.errorCode === 'RESOURCE_DOES_NOT_EXIST';
const modelItem = (name: string) => `registered model '${name}'`;
const nameFilter = (name: string) => `name = '${name.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const tagFacts = (key: string, record: { key: string; value: string | null }[]): SyncFact[] => record.map((r) => ({ kind: 'tag', runId: key, key: r.key, value: r.value }));

async function remoteVersions(ctx: PullRunContext, name: string): Promise<ModelVersion[]> {
  const out: ModelVersion[] = [];
  for await (const page of ctx.client.searchPages('model-versions/search', { filter: nameFilter(name), max_results: 1000 }, { signal: ctx.signal })) {
    out.push(...((page.model_versions as ModelVersion[] | undefined) ?? []));
  }
  return out.sort((a, b) => Number(a.version) - Number(b.version));
}

/**
 * The remote experiments the versions of these registered models come from (their runs, and the
 * logged models they were registered from), to pull first. A model the remote does not have is a
 * problem, and is left out of `found`.
 */
export async function experimentsOfRemoteModels(ctx: PullRunContext, names: string[]): Promise<{ experiments: string[]; found: string[] }> {
  const opts = { signal: ctx.signal };
  const experimentIds = new Set<string>();
  const found: string[] = [];
  for (const name of names) {
    const conflict = modelConflict(ctx, name);
    if (conflict) {
      ctx.problem(modelItem(name), conflict);
      continue;
    }
    try {
      await ctx.client.get('registered-models/get', { name }, opts);
    } catch (err) {
      if (!notFound(err)) throw err;
      ctx.problem(modelItem(name), 'there is no registered model of that name on the remote');
      continue;
    }
    found.push(name);
    for (const v of await remoteVersions(ctx, name)) {
      if (v.run_id) {
        try {
          experimentIds.add((await ctx.client.get<{ run: Run }>('runs/get', { run_id: v.run_id }, opts)).run.info.experiment_id);
        } catch (err) {
          if (!notFound(err)) throw err;
        }
      }
      const model = /^models:\/(m-[^/]+)$/.exec(v.source)?.[1];
      if (model) {
        try {
          experimentIds.add((await ctx.client.get<{ model: LoggedModel }>(`logged-models/${model}`, undefined, opts)).model.info.experiment_id);
        } catch (err) {
          if (!notFound(err)) throw err;
        }
      }
    }
  }
  const experiments: string[] = [];
  for (const id of [...experimentIds].sort()) {
    const exp = (await ctx.client.get<{ experiment: Experiment }>('experiments/get', { experiment_id: id }, opts)).experiment;
    experiments.push(exp.name);
  }
  return { experiments, found };
}

/**
 * Registered models on the remote with a version whose run is one of `runIds` (the runs of the
 * pulled experiments): what an experiment pull brings along, as an experiment push does. One
 * search of every version (a registry is small beside its runs), matched here.
 */
export async function remoteModelsOfRuns(ctx: Pick<PullRunContext, 'client' | 'signal'>, runIds: ReadonlySet<string>): Promise<string[]> {
  const names = new Set<string>();
  for await (const page of ctx.client.searchPages('model-versions/search', { max_results: 10_000 }, { signal: ctx.signal })) {
    for (const v of (page.model_versions as ModelVersion[] | undefined) ?? []) if (v.run_id && runIds.has(v.run_id)) names.add(v.name);
  }
  return [...names].sort();
}

/** Why the local model of that name is not the remote's (undefined: none here, or synced with it before). */
export function modelConflict(ctx: Pick<PullRunContext, 'svc' | 'remote'>, name: string): string | undefined {
  const db = ctx.svc.store.db;
  if (!findModel(db, name) || modelSyncedWith(db, ctx.remote, name)) return undefined;
  return `a registered model of that name exists here and was never pushed to or pulled from '${ctx.remote}'; nothing was changed (rename the local one to pull the remote's)`;
}

/**
 * Copies registered models into the store: description, tags, every version (under its remote
 * number when that number is free here) with its description, tags, stage, status, source, run and
 * logged model, then the aliases. A model this store pushed to or pulled from the remote is the
 * same model (its versions mapped, not duplicated); any other local model of that name is a
 * conflict, reported and left alone. Changes on both sides are merged as for runs.
 */
export async function pullRegisteredModels(ctx: PullRunContext, names: string[], counts: RegistryPullCounts): Promise<void> {
  for (const name of names) {
    if (ctx.signal?.aborted) return;
    try {
      await pullModel(ctx, name, counts);
    } catch (err) {
      if (ctx.signal?.aborted) return;
      ctx.problem(modelItem(name), err instanceof RemoteError ? `${err.message}; pull again to finish it` : (err as Error).message);
    }
  }
}

async function pullModel(ctx: PullRunContext, name: string, counts: RegistryPullCounts): Promise<void> {
  const { svc } = ctx;
  const db = svc.store.db;
  const item = modelItem(name);
  let remote: RegisteredModel;
  try {
    remote = (await ctx.client.get<{ registered_model: RegisteredModel }>('registered-models/get', { name }, { signal: ctx.signal })).registered_model;
  } catch (err) {
    if (!notFound(err)) throw err;
    return ctx.problem(item, 'there is no registered model of that name on the remote');
  }
  const key = registeredModelKey(name);
  let changed = false;
  let created = false;
  if (findModel(db, name)) {
    const conflict = modelConflict(ctx, name);
    if (conflict) return ctx.problem(item, conflict);
  } else {
    const description = remote.description ?? '';
    const tags = remote.tags ?? [];
    await svc.store.commit({
      type: 'pull.model', remote: ctx.remote, name, create: { creationTime: remote.creation_timestamp }, description, setTags: tags, delTags: [], setAliases: [], delAliases: [],
      lastUpdatedTime: remote.last_updated_timestamp, facts: tagFacts(key, [{ key: '@description', value: description }, ...tags]), time: svc.now(),
    });
    counts.modelsCreated++;
    created = true;
  }
  for (const v of await remoteVersions(ctx, name)) {
    if (ctx.signal?.aborted) return;
    const outcome = await pullVersion(ctx, name, v);
    if (outcome === 'created') counts.versionsCreated++;
    if (outcome === 'updated') counts.versionsUpdated++;
    if (outcome !== 'unchanged') changed = true;
  }
  if (ctx.signal?.aborted) return;
  if (await mergeModel(ctx, remote)) changed = true;
  if (changed && !created) counts.modelsUpdated++;
}

/** Description, tags and aliases of the model, merged three-way; true when something changed here. */
async function mergeModel(ctx: PullRunContext, remote: RegisteredModel): Promise<boolean> {
  const { svc } = ctx;
  const db = svc.store.db;
  const name = remote.name;
  const key = registeredModelKey(name);
  const local = findModel(db, name)!;
  const localAliases = db
    .all<{ alias: string; version: number }>('SELECT alias, version FROM registered_model_aliases WHERE name = ?', [name])
    .map((a) => ({ alias: a.alias, version: remoteVersionOf(db, ctx.remote, name, a.version) ?? `local:${a.version}` }));
  const merge = mergeRegistryState(
    pushedRun(db, ctx.remote, key).tags,
    modelState({ description: local.description, tags: db.all('SELECT key, value FROM registered_model_tags WHERE name = ?', [name]), aliases: localAliases }),
    modelState({ description: remote.description ?? '', tags: remote.tags ?? [], aliases: remote.aliases ?? [] }),
  );
  for (const c of merge.clashes) ctx.problem(modelItem(name), describeRegistryClash(c));
  const setAliases: { alias: string; version: number }[] = [];
  const unmapped = new Set<string>();
  for (const a of merge.setAliases) {
    const version = localVersionOf(db, ctx.remote, name, a.remoteVersion);
    if (version === undefined) {
      unmapped.add(`${ALIAS_PREFIX}${a.alias}`);
      ctx.problem(modelItem(name), `alias '${a.alias}' names remote version ${a.remoteVersion}, which was not pulled; it is set once that version is here`);
    } else setAliases.push({ alias: a.alias, version });
  }
  const facts = tagFacts(key, merge.record.filter((r) => !unmapped.has(r.key)));
  const changes = !mergeChangesNothing({ ...merge, setAliases: setAliases.map((a) => ({ alias: a.alias, remoteVersion: String(a.version) })) });
  if (!changes) {
    if (facts.length) await ctx.record(facts);
    return false;
  }
  await svc.store.commit({
    type: 'pull.model', remote: ctx.remote, name, ...(merge.description !== undefined ? { description: merge.description } : {}),
    setTags: merge.setTags, delTags: merge.delTags, setAliases, delAliases: merge.delAliases, lastUpdatedTime: remote.last_updated_timestamp, facts, time: svc.now(),
  });
  return true;
}

type VersionOutcome = 'created' | 'updated' | 'unchanged';

async function pullVersion(ctx: PullRunContext, name: string, remote: ModelVersion): Promise<VersionOutcome> {
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
