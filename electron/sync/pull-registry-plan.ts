import type { KeyValue } from '../../shared/domain/tracking';
import { ALIAS_PREFIX, DESCRIPTION_KEY, STAGE_KEY } from '../store/sync/pulled-models-repo';
import { mergeTags, type TagClash } from './pull-merge';

/**
 * A registered model or a model version as one map of what a sync compares: its tags, and
 * '@description', '@stage', '@alias:<name>' (the version an alias names, as the remote numbers
 * it). The sync state records the same keys (sync_tags), so one three-way merge covers them all.
 */
export type SyncState = Map<string, string>;

export function versionState(v: { description: string; stage: string; tags: readonly KeyValue[] }): SyncState {
  const s: SyncState = new Map(v.tags.map((t) => [t.key, t.value]));
  s.set(DESCRIPTION_KEY, v.description);
  s.set(STAGE_KEY, v.stage);
  return s;
}

/** `aliases`: alias → the remote's number of the version it names. */
export function modelState(m: { description: string; tags: readonly KeyValue[]; aliases: readonly { alias: string; version: string }[] }): SyncState {
  const s: SyncState = new Map(m.tags.map((t) => [t.key, t.value]));
  s.set(DESCRIPTION_KEY, m.description);
  for (const a of m.aliases) s.set(`${ALIAS_PREFIX}${a.alias}`, a.version);
  return s;
}

/** What to change here after merging, split by what the keys mean. */
export interface RegistryMerge {
  description?: string;
  stage?: string;
  setTags: KeyValue[];
  delTags: string[];
  /** Aliases to point at a version (remote numbering). */
  setAliases: { alias: string; remoteVersion: string }[];
  delAliases: string[];
  /** What the remote now has of each key to record (null: it has none). */
  record: { key: string; value: string | null }[];
  clashes: TagClash[];
}

/** Three-way merge of a registry entity: remote changes taken, local ones kept, both-sides changes reported. */
export function mergeRegistryState(base: SyncState, local: SyncState, remote: SyncState): RegistryMerge {
  const m = mergeTags(base, local, remote);
  const out: RegistryMerge = { setTags: [], delTags: [], setAliases: [], delAliases: [], record: m.record, clashes: m.clashes };
  for (const { key, value } of m.set) {
    if (key === DESCRIPTION_KEY) out.description = value;
    else if (key === STAGE_KEY) out.stage = value;
    else if (key.startsWith(ALIAS_PREFIX)) out.setAliases.push({ alias: key.slice(ALIAS_PREFIX.length), remoteVersion: value });
    else out.setTags.push({ key, value });
  }
  for (const key of m.del) {
    if (key === DESCRIPTION_KEY) out.description = '';
    else if (key === STAGE_KEY) out.stage = 'None';
    else if (key.startsWith(ALIAS_PREFIX)) out.delAliases.push(key.slice(ALIAS_PREFIX.length));
    else out.delTags.push(key);
  }
  return out;
}

export const mergeChangesNothing = (m: RegistryMerge) =>
  m.description === undefined && m.stage === undefined && !m.setTags.length && !m.delTags.length && !m.setAliases.length && !m.delAliases.length;

/** A clash as the one line a pull reports. */
export function describeRegistryClash(c: TagClash): string {
  const show = (v: string | undefined) => (v === undefined ? 'none' : `'${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`);
  const what = c.key === DESCRIPTION_KEY ? 'the description' : c.key === STAGE_KEY ? 'the stage' : c.key.startsWith(ALIAS_PREFIX) ? `alias '${c.key.slice(ALIAS_PREFIX.length)}' (remote version numbers)` : `tag '${c.key}'`;
  return `${what} changed on both sides since the last sync (here: ${show(c.local)}, remote: ${show(c.remote)}); kept this side's, which the next push sends; to take the remote's, set it here to the remote's value and pull again`;
}

/**
 * A remote model version's source as this store addresses it. Run ids and logged model ids are
 * kept by a pull, so `runs:/` and `models:/<id>` sources stay as they are; a path under the
 * remote's artifact proxy is moved to the run's or logged model's folder here. Anything else (a
 * cloud or file URI the remote reads itself) cannot be pulled.
 */
export function localVersionSource(
  source: string,
  here: { runArtifactUri(runId: string): string | undefined; modelArtifactUri(modelId: string): string | undefined },
): { source: string } | { problem: string } {
  if (/^runs:\//.test(source) || /^models:\//.test(source)) return { source };
  const proxied = /^mlflow-artifacts:\/*(.*)$/.exec(source);
  if (!proxied) return { problem: `its source ${source} is not served by the remote's artifact proxy, so its files cannot be pulled` };
  const segs = proxied[1]!.split('/').filter(Boolean);
  if (segs[1] === 'models' && segs[3] === 'artifacts') {
    const uri = here.modelArtifactUri(segs[2]!);
    return uri ? { source: [uri, ...segs.slice(4)].join('/') } : { problem: `its logged model ${segs[2]} is not here; pull the experiment it was logged in` };
  }
  if (segs[2] === 'artifacts') {
    const uri = here.runArtifactUri(segs[1]!);
    return uri ? { source: [uri, ...segs.slice(3)].join('/') } : { problem: `its run ${segs[1]} is not here; pull the experiment it was logged in` };
  }
  return { problem: `its source ${source} is not a run's or logged model's files` };
}
