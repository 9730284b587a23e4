import { notFound } from '../../../shared/domain/mlflow-error';
import type { ModelVersion, RegisteredModel, Stage } from '../../../shared/domain/registry';
import type { KeyValue } from '../../../shared/domain/tracking';
import type { Database } from '../database';

export interface ModelRow {
  name: string;
  creation_time: number;
  last_updated_time: number;
  description: string;
}

export interface VersionRow {
  name: string;
  version: number;
  creation_time: number;
  last_updated_time: number;
  description: string;
  user_id: string;
  current_stage: Stage | 'Deleted_Internal';
  source: string;
  storage_location: string;
  run_id: string;
  run_link: string;
  status: ModelVersion['status'];
  status_message: string;
  model_id: string;
}

export const DELETED_STAGE = 'Deleted_Internal';

export function findModel(db: Database, name: string): ModelRow | undefined {
  return db.get<ModelRow>('SELECT * FROM registered_models WHERE name = ?', [name]);
}

export function requireModel(db: Database, name: string): ModelRow {
  const row = findModel(db, name);
  if (!row) throw notFound(`Registered Model with name=${name} not found`);
  return row;
}

export function requireVersion(db: Database, name: string, version: number): VersionRow {
  const row = db.get<VersionRow>('SELECT * FROM model_versions WHERE name = ? AND version = ? AND current_stage != ?', [name, version, DELETED_STAGE]);
  if (!row) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
  return row;
}

const nonEmpty = <T>(key: string, list: T[]) => (list.length ? { [key]: list } : {});

export function toModelVersion(db: Database, r: VersionRow): ModelVersion {
  const tags = db.all<KeyValue>('SELECT key, value FROM model_version_tags WHERE name = ? AND version = ? ORDER BY key', [r.name, r.version]);
  const aliases = db.column<string>('SELECT alias FROM registered_model_aliases WHERE name = ? AND version = ? ORDER BY alias', [r.name, r.version]);
  return {
    name: r.name,
    version: String(r.version),
    creation_timestamp: r.creation_time,
    last_updated_timestamp: r.last_updated_time,
    ...(r.user_id ? { user_id: r.user_id } : {}),
    current_stage: r.current_stage as Stage,
    description: r.description ?? '', // MLflow answers '' for a version without one (clients read '', not None)
    source: r.source,
    ...(r.run_id ? { run_id: r.run_id } : {}),
    run_link: r.run_link ?? '',
    status: r.status,
    ...(r.status_message ? { status_message: r.status_message } : {}),
    ...nonEmpty('tags', tags),
    ...nonEmpty('aliases', aliases),
    ...(r.model_id ? { model_id: r.model_id } : {}),
  };
}

/** The newest version in each stage (what `latest_versions` and get-latest-versions show). */
export function latestVersions(db: Database, name: string, stages?: string[]): ModelVersion[] {
  const rows = db.all<VersionRow>(
    `SELECT * FROM model_versions v WHERE name = ? AND current_stage != ?
       AND version = (SELECT MAX(version) FROM model_versions w WHERE w.name = v.name AND w.current_stage = v.current_stage)
     ORDER BY version`,
    [name, DELETED_STAGE],
  );
  const wanted = stages?.length ? new Set(stages.map((s) => s.toLowerCase())) : null;
  return rows.filter((r) => !wanted || wanted.has(r.current_stage.toLowerCase())).map((r) => toModelVersion(db, r));
}

export function toRegisteredModel(db: Database, r: ModelRow): RegisteredModel {
  const tags = db.all<KeyValue>('SELECT key, value FROM registered_model_tags WHERE name = ? ORDER BY key', [r.name]);
  const aliases = db.all<{ alias: string; version: number }>('SELECT alias, version FROM registered_model_aliases WHERE name = ? ORDER BY alias', [r.name]);
  return {
    name: r.name,
    creation_timestamp: r.creation_time,
    last_updated_timestamp: r.last_updated_time,
    ...(r.description ? { description: r.description } : {}),
    ...nonEmpty('latest_versions', latestVersions(db, r.name)),
    ...nonEmpty('tags', tags),
    ...nonEmpty('aliases', aliases.map((a) => ({ alias: a.alias, version: String(a.version) }))),
  };
}

/** Next version number: one more than any ever used, deleted ones included. */
export function nextVersion(db: Database, name: string): number {
  return (db.get<{ m: number | null }>('SELECT MAX(version) AS m FROM model_versions WHERE name = ?', [name])?.m ?? 0) + 1;
}

/** Every live version of a model, newest first. */
export function versionsOf(db: Database, name: string): ModelVersion[] {
  return db.all<VersionRow>('SELECT * FROM model_versions WHERE name = ? AND current_stage != ? ORDER BY version DESC', [name, DELETED_STAGE]).map((r) => toModelVersion(db, r));
}
