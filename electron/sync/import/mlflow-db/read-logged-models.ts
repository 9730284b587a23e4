import type { SourceLoggedModel } from '../import-source';
import { integer, lifecycle, millis, text } from './sql-values';
import type { MlflowSchema } from './mlflow-schema';
import type { MlflowSqlite } from './mlflow-sqlite';

/** MLflow 3's logged models of one experiment (none before the logged_models table), with params, tags and metrics. */
export function readLoggedModels(db: MlflowSqlite, schema: MlflowSchema, experimentId: string): SourceLoggedModel[] {
  if (!schema.has('logged_models')) return [];
  const rows = db.all(
    `experiment ${experimentId} logged models`,
    `SELECT model_id, name, model_type, source_run_id, status, creation_timestamp_ms, last_updated_timestamp_ms, artifact_location, lifecycle_stage
       FROM logged_models WHERE experiment_id = ? ORDER BY creation_timestamp_ms, model_id`,
    [Number(experimentId)],
  );
  return rows.map(([id, name, type, sourceRun, status, created, updated, location, stage]) => {
    const modelId = text(id);
    const item = `logged model ${modelId}`;
    const pairs = (table: string, k: string, v: string) =>
      schema.has(table) ? db.all(item, `SELECT ${k}, ${v} FROM ${table} WHERE model_id = ? ORDER BY ${k}`, [modelId]).map(([key, value]) => ({ key: text(key), value: text(value) })) : [];
    return {
      modelId,
      experimentId,
      name: text(name),
      modelType: text(type),
      sourceRunId: text(sourceRun) || null,
      status: integer(status),
      creationTime: millis(created),
      lastUpdatedTime: millis(updated),
      artifactLocation: text(location),
      lifecycle: lifecycle(stage),
      params: pairs('logged_model_params', 'param_key', 'param_value'),
      tags: pairs('logged_model_tags', 'tag_key', 'tag_value'),
      metrics: readModelMetrics(db, schema, modelId, item),
    };
  });
}

function readModelMetrics(db: MlflowSqlite, schema: MlflowSchema, modelId: string, item: string): SourceLoggedModel['metrics'] {
  if (!schema.has('logged_model_metrics')) return [];
  return db.all(
    item,
    `SELECT metric_name, metric_value, metric_timestamp_ms, metric_step, run_id, dataset_name, dataset_digest
       FROM logged_model_metrics WHERE model_id = ? ORDER BY metric_name, metric_timestamp_ms, metric_step, run_id`,
    [modelId],
  ).map(([key, value, timestamp, step, runId, datasetName, datasetDigest]) => ({
    key: text(key),
    value: value === null ? NaN : Number(value),
    timestamp: integer(timestamp),
    step: integer(step),
    runId: text(runId) || null,
    datasetName: text(datasetName),
    datasetDigest: text(datasetDigest),
  }));
}
