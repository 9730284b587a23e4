import type { SourceModelVersion, SourceRegisteredModel } from '../import-source';
import { columnOr, integer, millis, text } from './sql-values';
import type { MlflowSchema } from './mlflow-schema';
import { workspaceFilter } from './mlflow-schema';
import type { MlflowSqlite } from './mlflow-sqlite';

/** MLflow marks a deleted version so (and redacts its source), keeping its number taken. */
const DELETED_STAGE = 'Deleted_Internal';

/**
 * The model registry (MLflow ≥ 1.2): registered models with their tags and aliases, and their
 * versions with stage, status, tags and descriptions. Soft-deleted versions are left out, as
 * MLflow leaves them out of every answer.
 */
export function* readRegistry(db: MlflowSqlite, schema: MlflowSchema): Generator<SourceRegisteredModel> {
  if (!schema.has('registered_models')) return;
  const models = db.all(
    'registered models',
    `SELECT name, description, creation_time, last_updated_time FROM registered_models m WHERE 1 = 1${workspaceFilter(schema, 'registered_models', 'm')} ORDER BY creation_time, name`,
  );
  for (const [name, description, created, updated] of models) {
    const modelName = text(name);
    const item = `registered model '${modelName}'`;
    yield {
      name: modelName,
      description: text(description),
      creationTime: millis(created),
      lastUpdatedTime: millis(updated),
      tags: schema.has('registered_model_tags')
        ? db.all(item, `SELECT key, value FROM registered_model_tags t WHERE name = ?${workspaceFilter(schema, 'registered_model_tags', 't')} ORDER BY key`, [modelName]).map(([key, value]) => ({ key: text(key), value: text(value) }))
        : [],
      aliases: schema.has('registered_model_aliases')
        ? db.all(item, `SELECT alias, version FROM registered_model_aliases a WHERE name = ?${workspaceFilter(schema, 'registered_model_aliases', 'a')} ORDER BY alias`, [modelName]).map(([alias, version]) => ({ alias: text(alias), version: integer(version) }))
        : [],
      versions: readVersions(db, schema, modelName, item),
    };
  }
}

function readVersions(db: MlflowSqlite, schema: MlflowSchema, name: string, item: string): SourceModelVersion[] {
  const has = (c: string) => schema.has('model_versions', c);
  const rows = db.all(
    item,
    `SELECT version, source, run_id, ${columnOr(has('model_id'), 'model_id', "''")}, status, current_stage, description, user_id,
            ${columnOr(has('run_link'), 'run_link', "''")}, creation_time, last_updated_time
       FROM model_versions v WHERE name = ? AND (current_stage IS NULL OR current_stage <> ?)${workspaceFilter(schema, 'model_versions', 'v')} ORDER BY version`,
    [name, DELETED_STAGE],
  );
  return rows.map(([version, source, runId, modelId, status, stage, description, user, runLink, created, updated]) => {
    const v = integer(version);
    return {
      version: v,
      source: text(source),
      runId: text(runId),
      modelId: text(modelId),
      status: text(status) || 'READY',
      stage: text(stage) || 'None',
      description: text(description),
      userId: text(user),
      runLink: text(runLink),
      creationTime: millis(created),
      lastUpdatedTime: millis(updated),
      lifecycle: 'active',
      tags: schema.has('model_version_tags')
        ? db.all(`${item} version ${v}`, `SELECT key, value FROM model_version_tags t WHERE name = ? AND version = ?${workspaceFilter(schema, 'model_version_tags', 't')} ORDER BY key`, [name, v]).map(([key, value]) => ({ key: text(key), value: text(value) }))
        : [],
    };
  });
}
