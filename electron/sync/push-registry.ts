import type { ModelVersion } from '../../shared/domain/registry';
import type { RunInfo } from '../../shared/domain/tracking';
import type { ServiceContext } from '../services/service-context';
import { findRun } from '../store/repos/runs-repo';
import { findModel, type ModelRow, type VersionRow } from '../store/registry/registry-repo';
import type { SyncFact } from '../store/ops/op-types';
import { pushedRun, remoteId } from '../store/sync/sync-repo';
import { ORIGIN_VERSION_TAG } from './lineage';
import { RemoteError } from './remote-error';
import type { RemotePort } from './remote-port';

export interface RegistryPushContext {
  svc: ServiceContext;
  remote: string;
  client: RemotePort;
  signal?: AbortSignal;
  record(facts: SyncFact[]): Promise<void>;
}

export type Problem = { item: string; message: string };

/** Where the pushed state of registry entities is recorded in sync_tags: '@'-keys are not tags (MLflow tag keys cannot hold '@'). */
const modelKey = (name: string) => `registered:${name}`;
const versionKey = (name: string, version: number) => `version:${name}/${version}`;
const DESCRIPTION = '@description';
const STAGE = '@stage';
const aliasKey = (alias: string) => `@alias:${alias}`;

const notFound = (err: unknown) => err instanceof RemoteError && err.errorCode === 'RESOURCE_DOES_NOT_EXIST';

/** Registered models with a version whose run or logged model is on the remote (what an experiment push brings along). */
export function modelsFromPushed(svc: ServiceContext, remote: string): string[] {
  return svc.store.db.column<string>(
    `SELECT DISTINCT v.name FROM model_versions v
      WHERE v.current_stage != 'Deleted_Internal'
        AND (EXISTS (SELECT 1 FROM sync_ids s WHERE s.remote = ? AND s.kind = 'run' AND s.local_id = v.run_id)
          OR EXISTS (SELECT 1 FROM sync_ids s WHERE s.remote = ? AND s.kind = 'logged_model' AND s.local_id = v.model_id))
      ORDER BY v.name`,
    [remote, remote],
  );
}

/** The local experiments the versions of these registered models come from (to push first). */
export function experimentsOfModels(svc: ServiceContext, names: string[]): string[] {
  if (!names.length) return [];
  return svc.store.db.column<string>(
    `SELECT DISTINCT e.name FROM model_versions v
       LEFT JOIN logged_models m ON m.model_id = v.model_id
       JOIN runs r ON r.run_id = CASE WHEN v.run_id != '' THEN v.run_id ELSE m.source_run_id END
       JOIN experiments e ON e.experiment_id = r.experiment_id
      WHERE v.name IN (SELECT value FROM json_each(?)) AND v.current_stage != 'Deleted_Internal'`,
    [JSON.stringify(names)],
  );
}

/**
 * Pushes registered models: the model (description, tags), each live version whose run or
 * logged model is on the remote (created once, found again by its lineage tag; then description,
 * tags, stage), and the aliases. Remote version numbers are the remote's own, kept in the ID map.
 */
export async function pushRegisteredModels(ctx: RegistryPushContext, names: string[]): Promise<{ versions: number; problems: Problem[] }> {
  const problems: Problem[] = [];
  let versions = 0;
  for (const name of names) {
    const model = findModel(ctx.svc.store.db, name);
    if (!model) {
      problems.push({ item: `registered model '${name}'`, message: 'there is no local registered model of that name' });
      continue;
    }
    versions += await pushModel(ctx, model, problems);
  }
  return { versions, problems };
}

async function pushModel(ctx: RegistryPushContext, model: ModelRow, problems: Problem[]): Promise<number> {
  const db = ctx.svc.store.db;
  const opts = { signal: ctx.signal };
  const name = model.name;
  const state = pushedRun(db, ctx.remote, modelKey(name)).tags;
  try {
    await ctx.client.get('registered-models/get', { name }, opts);
  } catch (err) {
    if (!notFound(err)) throw err;
    await ctx.client.post('registered-models/create', { name }, opts).catch((e: unknown) => {
      if (!(e instanceof RemoteError && e.errorCode === 'RESOURCE_ALREADY_EXISTS')) throw e;
    });
  }
  const facts: SyncFact[] = [];
  if (state.get(DESCRIPTION) !== model.description) {
    await ctx.client.patch('registered-models/update', { name, description: model.description }, opts);
    facts.push({ kind: 'tag', runId: modelKey(name), key: DESCRIPTION, value: model.description });
  }
  for (const t of db.all<{ key: string; value: string }>('SELECT key, value FROM registered_model_tags WHERE name = ? ORDER BY key', [name])) {
    if (state.get(t.key) === t.value) continue;
    await ctx.client.post('registered-models/set-tag', { name, key: t.key, value: t.value }, opts);
    facts.push({ kind: 'tag', runId: modelKey(name), key: t.key, value: t.value });
  }
  if (facts.length) await ctx.record(facts);

  let pushed = 0;
  const rows = db.all<VersionRow>("SELECT * FROM model_versions WHERE name = ? AND current_stage != 'Deleted_Internal' ORDER BY version", [name]);
  for (const v of rows) {
    const item = `version ${v.version} of '${name}'`;
    const source = await remoteSource(ctx, v);
    if ('problem' in source) {
      problems.push({ item, message: source.problem });
      continue;
    }
    if (await pushVersion(ctx, v, source)) pushed++;
  }
  await pushAliases(ctx, name, state);
  return pushed;
}

type RemoteSource = { source: string; runId?: string; modelId?: string } | { problem: string };

/** The version's source as the remote knows it: its logged model or its run's artifact folder there. */
async function remoteSource(ctx: RegistryPushContext, v: VersionRow): Promise<RemoteSource> {
  const db = ctx.svc.store.db;
  const remoteRun = v.run_id ? remoteId(db, ctx.remote, 'run', v.run_id) : undefined;
  if (v.model_id) {
    const model = remoteId(db, ctx.remote, 'logged_model', v.model_id);
    if (!model) return { problem: `its logged model ${v.model_id} is not on the remote; push its experiment first` };
    return { source: `models:/${model}`, modelId: model, ...(remoteRun ? { runId: remoteRun } : {}) };
  }
  const run = v.run_id ? findRun(db, v.run_id) : undefined;
  const location = v.storage_location || v.source;
  if (!run || !remoteRun || (!location.startsWith(`${run.artifact_uri}/`) && location !== run.artifact_uri)) {
    return { problem: v.run_id && !remoteRun ? `its run ${v.run_id} is not on the remote; push its experiment first` : `its source ${v.source} is not a run or logged model Sextant can push` };
  }
  const info = (await ctx.client.get<{ run: { info: RunInfo } }>('runs/get', { run_id: remoteRun }, { signal: ctx.signal })).run.info;
  return { source: `${info.artifact_uri}${location.slice(run.artifact_uri.length)}`, runId: remoteRun };
}

async function pushVersion(ctx: RegistryPushContext, v: VersionRow, src: { source: string; runId?: string; modelId?: string }): Promise<boolean> {
  const db = ctx.svc.store.db;
  const opts = { signal: ctx.signal };
  const local = `${v.name}/${v.version}`;
  const key = versionKey(v.name, v.version);
  const state = pushedRun(db, ctx.remote, key).tags;
  const tags = db.all<{ key: string; value: string }>('SELECT key, value FROM model_version_tags WHERE name = ? AND version = ? ORDER BY key', [v.name, v.version]);
  let remote = remoteId(db, ctx.remote, 'model_version', local);
  const changed = state.get(DESCRIPTION) !== v.description || state.get(STAGE) !== v.current_stage || tags.some((t) => state.get(t.key) !== t.value);
  if (remote && !changed) return false;
  if (!remote) {
    const lineage = `${ctx.svc.store.id}:${local}`;
    remote = (await findVersionByLineage(ctx, v.name, lineage, src)) ?? undefined;
    if (!remote) {
      const created = await ctx.client.post<{ model_version: ModelVersion }>(
        'model-versions/create',
        { name: v.name, source: src.source, ...(src.runId ? { run_id: src.runId } : {}), ...(src.modelId ? { model_id: src.modelId } : {}), description: v.description, tags: [{ key: ORIGIN_VERSION_TAG, value: lineage }] },
        opts,
      );
      remote = created.model_version.version;
    }
    await ctx.record([{ kind: 'id', entity: 'model_version', localId: local, remoteId: remote }]);
  }
  const facts: SyncFact[] = [];
  if (state.get(DESCRIPTION) !== v.description) {
    await ctx.client.patch('model-versions/update', { name: v.name, version: remote, description: v.description }, opts);
    facts.push({ kind: 'tag', runId: key, key: DESCRIPTION, value: v.description });
  }
  for (const t of tags) {
    if (state.get(t.key) === t.value) continue;
    await ctx.client.post('model-versions/set-tag', { name: v.name, version: remote, key: t.key, value: t.value }, opts);
    facts.push({ kind: 'tag', runId: key, key: t.key, value: t.value });
  }
  if (state.get(STAGE) !== v.current_stage) {
    await ctx.client.post('model-versions/transition-stage', { name: v.name, version: remote, stage: v.current_stage, archive_existing_versions: false }, opts);
    facts.push({ kind: 'tag', runId: key, key: STAGE, value: v.current_stage });
  }
  if (facts.length) await ctx.record(facts);
  return true;
}

/**
 * The remote version pushed before from this version: its lineage tag names this store and version,
 * or (a version that came here in a bundle, pushed from the store it was exported from) another
 * store and the same name/version, made from the very same remote source (run or logged model).
 */
async function findVersionByLineage(ctx: RegistryPushContext, name: string, lineage: string, src: { source: string; runId?: string; modelId?: string }): Promise<string | null> {
  const quoted = name.replaceAll("'", "\\'");
  const local = lineage.slice(ctx.svc.store.id.length); // ':<name>/<version>'
  const sameSource = (mv: ModelVersion) => mv.source === src.source && (mv.run_id ?? '') === (src.runId ?? '') && (mv.model_id ?? '') === (src.modelId ?? '') && Boolean(src.runId || src.modelId);
  for await (const page of ctx.client.searchPages('model-versions/search', { filter: `name = '${quoted}'`, max_results: 1000 }, { signal: ctx.signal })) {
    for (const mv of (page.model_versions as ModelVersion[] | undefined) ?? []) {
      const origin = mv.tags?.find((t) => t.key === ORIGIN_VERSION_TAG)?.value;
      if (origin === lineage || (origin?.endsWith(local) && sameSource(mv))) return mv.version;
    }
  }
  return null;
}

async function pushAliases(ctx: RegistryPushContext, name: string, state: Map<string, string>): Promise<void> {
  const db = ctx.svc.store.db;
  const opts = { signal: ctx.signal };
  const aliases = db.all<{ alias: string; version: number }>('SELECT alias, version FROM registered_model_aliases WHERE name = ? ORDER BY alias', [name]);
  const facts: SyncFact[] = [];
  for (const a of aliases) {
    const remote = remoteId(db, ctx.remote, 'model_version', `${name}/${a.version}`);
    if (!remote || state.get(aliasKey(a.alias)) === remote) continue;
    await ctx.client.post('registered-models/alias', { name, alias: a.alias, version: remote }, opts);
    facts.push({ kind: 'tag', runId: modelKey(name), key: aliasKey(a.alias), value: remote });
  }
  const live = new Set(aliases.map((a) => aliasKey(a.alias)));
  for (const key of state.keys()) {
    if (!key.startsWith('@alias:') || live.has(key)) continue;
    await ctx.client.delete('registered-models/alias', { name, alias: key.slice('@alias:'.length) }, opts).catch((err: unknown) => {
      if (!notFound(err)) throw err;
    });
    facts.push({ kind: 'tag', runId: modelKey(name), key, value: null });
  }
  if (facts.length) await ctx.record(facts);
}
