import { DELETED_STAGE, findModel, nextVersion } from '../../store/registry/registry-repo';
import { importedId, isImportedFrom } from '../../store/repos/imports-repo';
import type { ImportContext } from './import-context';
import type { SourceModelVersion, SourceRegisteredModel } from './import-source';
import { freeName } from './free-name';
import { versionLocation } from './version-location';

interface VersionRow {
  version: number;
  description: string;
  current_stage: string;
}

const STAGES = new Set(['None', 'Staging', 'Production', 'Archived']);

/**
 * Brings a registered model in: the model (under its name, or where a previous import of this
 * source put it), its versions (numbers kept while they are free here, which they are for a model
 * new to the store), stages, aliases, tags and descriptions, taking the source's values. A name
 * taken here by a model not from this source is a clash: merged or renamed when the user chose
 * so, else skipped and reported. Answers the local name, or null when skipped.
 */
export async function importRegisteredModel(ctx: ImportContext, m: SourceRegisteredModel): Promise<string | null> {
  const { svc } = ctx;
  const db = svc.store.db;
  const item = `registered model '${m.name}'`;
  const mapped = importedId(db, ctx.info.identity, 'registered_model', m.name);
  let name = mapped !== undefined ? mapped : m.name;
  let exists = findModel(db, name) !== undefined;
  if (mapped === undefined && exists && !isImportedFrom(db, ctx.info.identity, 'registered_model', name)) {
    if (ctx.clash === 'merge') ctx.clashed({ kind: 'registered_model', name: m.name, resolution: 'merged', localName: name });
    else if (ctx.clash === 'rename') {
      name = freeName(m.name, (n) => findModel(db, n) !== undefined);
      exists = false;
      ctx.clashed({ kind: 'registered_model', name: m.name, resolution: 'renamed', localName: name });
    } else {
      ctx.clashed({ kind: 'registered_model', name: m.name, resolution: 'skipped' });
      ctx.problem(item, `a registered model named '${m.name}' is already here and did not come from this source; not imported. Import again with --on-clash merge or --on-clash rename`);
      return null;
    }
  }
  const time = m.lastUpdatedTime ?? m.creationTime ?? svc.now();
  const write = !ctx.dryRun;
  if (!exists) {
    ctx.counts.registeredModels++;
    if (write) {
      await svc.store.commit({ type: 'import.map', source: ctx.info, entries: [{ kind: 'registered_model', sourceId: m.name, localId: name }], time: svc.now() });
      await svc.store.commit({ type: 'registry.createModel', name, description: m.description, tags: [], time: m.creationTime ?? svc.now() });
    }
  } else if (write && mapped !== name) {
    await svc.store.commit({ type: 'import.map', source: ctx.info, entries: [{ kind: 'registered_model', sourceId: m.name, localId: name }], time: svc.now() });
  }
  const numbers = new Map<number, number>();
  for (const v of [...m.versions].sort((a, b) => a.version - b.version)) {
    const local = await importVersion(ctx, m, v, name, exists);
    if (local !== null) numbers.set(v.version, local);
  }
  if (!exists && !write) return name;
  const here = findModel(db, name);
  if (write && here && here.description !== m.description) await svc.store.commit({ type: 'registry.updateModel', name, description: m.description, time });
  const tags = new Map((exists ? db.all<{ key: string; value: string }>('SELECT key, value FROM registered_model_tags WHERE name = ?', [name]) : []).map((t) => [t.key, t.value]));
  for (const tag of m.tags) if (tags.get(tag.key) !== tag.value && write) await svc.store.commit({ type: 'registry.setModelTag', name, tag, time });
  const aliases = new Map((exists ? db.all<{ alias: string; version: number }>('SELECT alias, version FROM registered_model_aliases WHERE name = ?', [name]) : []).map((a) => [a.alias, a.version]));
  for (const a of m.aliases) {
    const version = numbers.get(a.version);
    if (version === undefined) {
      ctx.problem(item, `alias '${a.alias}' points at version ${a.version}, which did not come in`);
      continue;
    }
    if (aliases.get(a.alias) !== version && write) await svc.store.commit({ type: 'registry.setAlias', name, alias: a.alias, version, time });
  }
  return name;
}

/** One version: created (number kept when free here) or brought to the source's description, stage and tags. Answers its local number. */
async function importVersion(ctx: ImportContext, m: SourceRegisteredModel, v: SourceModelVersion, name: string, modelExists: boolean): Promise<number | null> {
  const { svc } = ctx;
  const db = svc.store.db;
  const write = !ctx.dryRun;
  const item = `version ${v.version} of registered model '${m.name}'`;
  const mappedId = importedId(db, ctx.info.identity, 'model_version', `${m.name}/${v.version}`);
  const mapped = mappedId === undefined ? undefined : Number(mappedId.slice(mappedId.lastIndexOf('/') + 1));
  const row = (n: number | undefined) => (n === undefined ? undefined : db.get<VersionRow>('SELECT version, description, current_stage FROM model_versions WHERE name = ? AND version = ?', [name, n]));
  const deleted = v.lifecycle === 'deleted' || v.stage === DELETED_STAGE;
  let local = row(mapped);
  let number = mapped;
  if (!local) {
    if (number === undefined) number = !modelExists || !row(v.version) ? v.version : nextVersion(db, name);
    if (deleted && !write) return number;
    ctx.counts.versions++;
    if (!write) return number;
    const storage = deleted ? '' : versionLocation(db, v, ctx);
    if (storage === null) ctx.problem(item, `its files (${v.source}) are not among what was imported; registered without them`);
    await svc.store.commit({ type: 'import.map', source: ctx.info, entries: [{ kind: 'model_version', sourceId: `${m.name}/${v.version}`, localId: `${name}/${number}` }], time: svc.now() });
    await svc.store.commit({
      type: 'registry.createVersion', name, version: number, source: v.source, storageLocation: storage ?? '', runId: v.runId, runLink: v.runLink,
      description: v.description, userId: v.userId, modelId: v.modelId, tags: v.tags, time: v.creationTime ?? svc.now(),
    });
    local = row(number)!;
  } else if (mapped !== undefined && local.current_stage === DELETED_STAGE) {
    return mapped;
  }
  const time = v.lastUpdatedTime ?? v.creationTime ?? svc.now();
  if (deleted) {
    if (write) await svc.store.commit({ type: 'registry.deleteVersion', name, version: number!, time });
    return number!;
  }
  if (!write) return number!;
  if (local.description !== v.description) await svc.store.commit({ type: 'registry.updateVersion', name, version: number!, description: v.description, time });
  const tags = new Map(db.all<{ key: string; value: string }>('SELECT key, value FROM model_version_tags WHERE name = ? AND version = ?', [name, number!]).map((t) => [t.key, t.value]));
  for (const tag of v.tags) if (tags.get(tag.key) !== tag.value) await svc.store.commit({ type: 'registry.setVersionTag', name, version: number!, tag, time });
  const stage = STAGES.has(v.stage) ? v.stage : 'None';
  if (local.current_stage !== stage) await svc.store.commit({ type: 'registry.transitionStage', name, version: number!, stage, archiveExisting: false, time });
  return number!;
}
