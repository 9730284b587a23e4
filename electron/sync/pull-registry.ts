import type { RegisteredModel } from '../../shared/domain/registry';
import type { SyncFact } from '../store/ops/op-types';
import { findModel } from '../store/registry/registry-repo';
import { ALIAS_PREFIX, localVersionOf, registeredModelKey, remoteVersionOf } from '../store/sync/pulled-models-repo';
import { pushedRun } from '../store/sync/sync-repo';
import type { PullRunContext } from './pull-context';
import { pullVersion } from './pull-model-versions';
import { describeRegistryClash, mergeChangesNothing, mergeRegistryState, modelState } from './pull-registry-plan';
import { modelConflict, modelItem, remoteVersions } from './pull-registry-scope';
import { RemoteError } from './remote-error';

export interface RegistryPullCounts {
  modelsCreated: number;
  modelsUpdated: number;
  versionsCreated: number;
  versionsUpdated: number;
}

export const emptyRegistryCounts = (): RegistryPullCounts => ({ modelsCreated: 0, modelsUpdated: 0, versionsCreated: 0, versionsUpdated: 0 });

const notFound = (err: unknown) => err instanceof RemoteError && err.errorCode === 'RESOURCE_DOES_NOT_EXIST';
const tagFacts = (key: string, record: { key: string; value: string | null }[]): SyncFact[] => record.map((r) => ({ kind: 'tag', runId: key, key: r.key, value: r.value }));

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

