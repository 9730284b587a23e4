import type { Database } from '../database';

/**
 * Where the sync state of registry entities is kept in sync_tags (as push records it): the model
 * under `registered:<name>`, a version under `version:<name>/<local version>`, a logged model
 * under `model:<id>`. '@'-keys are not tags (MLflow tag keys cannot hold '@').
 */
export const registeredModelKey = (name: string) => `registered:${name}`;
export const modelVersionKey = (name: string, version: number) => `version:${name}/${version}`;
export const MODEL_KEY_PREFIX = 'model:';
export const loggedModelStateKey = (modelId: string) => `${MODEL_KEY_PREFIX}${modelId}`;
/** 'run <id>' or 'logged model <id>', from the key of a files' owner (a run id, or `model:<id>`). */
export const describeArtifactOwner = (owner: string) => (owner.startsWith(MODEL_KEY_PREFIX) ? `logged model ${owner.slice(MODEL_KEY_PREFIX.length)}` : `run ${owner}`);
export const DESCRIPTION_KEY = '@description';
export const STAGE_KEY = '@stage';
export const ALIAS_PREFIX = '@alias:';

/** The local version mapped to a remote version of the model `name` (the ID map keys versions `<name>/<version>`). */
export function localVersionOf(db: Database, remote: string, name: string, remoteVersion: string): number | undefined {
  const prefix = `${name}/`;
  const row = db.get<{ local_id: string }>(
    "SELECT local_id FROM sync_ids WHERE remote = ? AND kind = 'model_version' AND remote_id = ? AND substr(local_id, 1, ?) = ?",
    [remote, remoteVersion, prefix.length, prefix],
  );
  return row ? Number(row.local_id.slice(prefix.length)) : undefined;
}

/** The remote version a local version is mapped to. */
export function remoteVersionOf(db: Database, remote: string, name: string, version: number): string | undefined {
  return db.get<{ remote_id: string }>("SELECT remote_id FROM sync_ids WHERE remote = ? AND kind = 'model_version' AND local_id = ?", [remote, `${name}/${version}`])?.remote_id;
}

/**
 * Whether the local registered model `name` was synced with this remote before (pushed there or
 * pulled from it): the sync state knows it, or one of its versions is in the ID map.
 */
export function modelSyncedWith(db: Database, remote: string, name: string): boolean {
  const prefix = `${name}/`;
  return (
    db.get('SELECT 1 AS x FROM sync_tags WHERE remote = ? AND run_id = ? LIMIT 1', [remote, registeredModelKey(name)]) !== undefined ||
    db.get("SELECT 1 AS x FROM sync_ids WHERE remote = ? AND kind = 'model_version' AND substr(local_id, 1, ?) = ? LIMIT 1", [remote, prefix.length, prefix]) !== undefined
  );
}

/** The number a new version of `name` pulled as remote version `wanted` gets here: the same when free, else the next one. */
export function versionNumberFor(db: Database, name: string, wanted: number): number {
  const taken = (v: number) => db.get('SELECT 1 AS x FROM model_versions WHERE name = ? AND version = ?', [name, v]) !== undefined;
  if (Number.isInteger(wanted) && wanted > 0 && !taken(wanted)) return wanted;
  return (db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM model_versions WHERE name = ?', [name])?.v ?? 0) + 1;
}

/** The remote a logged model here was pulled from or pushed to under the same id (undefined: not synced with that remote under its own id). */
export function loggedModelMappedTo(db: Database, remote: string, modelId: string): string | undefined {
  return db.get<{ remote_id: string }>("SELECT remote_id FROM sync_ids WHERE remote = ? AND kind = 'logged_model' AND local_id = ?", [remote, modelId])?.remote_id;
}

/** The local logged model mapped to a remote one (the reverse of the ID map). */
export function localLoggedModelOf(db: Database, remote: string, remoteModelId: string): string | undefined {
  return db.get<{ local_id: string }>("SELECT local_id FROM sync_ids WHERE remote = ? AND kind = 'logged_model' AND remote_id = ?", [remote, remoteModelId])?.local_id;
}
