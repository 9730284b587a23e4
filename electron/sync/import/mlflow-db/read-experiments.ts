import type { SourceExperiment } from '../import-source';
import { lifecycle, millis, text } from './sql-values';
import type { MlflowSchema } from './mlflow-schema';
import { workspaceFilter } from './mlflow-schema';
import type { MlflowSqlite } from './mlflow-sqlite';

/** Every experiment, deleted ones included, in id order, with its tags. */
export function readExperiments(db: MlflowSqlite, schema: MlflowSchema): SourceExperiment[] {
  const times = schema.has('experiments', 'creation_time') ? 'creation_time, last_update_time' : 'NULL, NULL';
  const rows = db.all(
    'experiments',
    `SELECT experiment_id, name, artifact_location, lifecycle_stage, ${times} FROM experiments e WHERE 1 = 1${workspaceFilter(schema, 'experiments', 'e')} ORDER BY experiment_id`,
  );
  return rows.map(([id, name, location, stage, created, updated]) => {
    const experimentId = text(id);
    const tags = schema.has('experiment_tags')
      ? db.all(`experiment ${experimentId} tags`, 'SELECT key, value FROM experiment_tags WHERE experiment_id = ? ORDER BY key', [Number(experimentId)])
        .map(([key, value]) => ({ key: text(key), value: text(value) }))
      : [];
    return {
      id: experimentId,
      name: text(name),
      artifactLocation: text(location),
      lifecycle: lifecycle(stage),
      creationTime: millis(created),
      lastUpdateTime: millis(updated),
      tags,
    };
  });
}
