import { LOGGED_MODEL_STATUSES, type KeyValue, type LoggedModel, type Metric } from '../../../shared/domain/tracking';
import { notFound } from '../../../shared/domain/mlflow-error';
import type { Database } from '../database';
import { metricValue } from './metrics-repo';

export interface LoggedModelRow {
  model_id: string;
  experiment_id: string;
  name: string;
  artifact_uri: string;
  creation_time: number;
  last_update_time: number;
  status: number;
  status_message: string;
  lifecycle_stage: 'active' | 'deleted';
  model_type: string;
  source_run_id: string | null;
}

export function findLoggedModel(db: Database, modelId: string): LoggedModelRow | undefined {
  return db.get<LoggedModelRow>('SELECT * FROM logged_models WHERE model_id = ?', [modelId]);
}

export function requireLoggedModel(db: Database, modelId: string, allowDeleted = false): LoggedModelRow {
  const row = findLoggedModel(db, modelId);
  if (!row || (!allowDeleted && row.lifecycle_stage === 'deleted')) throw notFound(`Logged model with ID '${modelId}' not found.`);
  return row;
}

export function toLoggedModel(db: Database, row: LoggedModelRow): LoggedModel {
  const tags = db.all<KeyValue>('SELECT key, value FROM logged_model_tags WHERE model_id = ? ORDER BY key', [row.model_id]);
  const params = db.all<KeyValue>('SELECT key, value FROM logged_model_params WHERE model_id = ? ORDER BY key', [row.model_id]);
  const metrics = db
    .all<{ key: string; value: number | null; is_nan: number; timestamp: number; step: number; run_id: string; dataset_name: string; dataset_digest: string }>(
      'SELECT * FROM logged_model_metrics WHERE model_id = ? ORDER BY key, timestamp, step',
      [row.model_id],
    )
    .map((m): Metric => ({
      key: m.key, value: metricValue(m.value, m.is_nan), timestamp: m.timestamp, step: m.step, model_id: row.model_id,
      ...(m.run_id ? { run_id: m.run_id } : {}),
      ...(m.dataset_name ? { dataset_name: m.dataset_name, dataset_digest: m.dataset_digest } : {}),
    }));
  return {
    info: {
      model_id: row.model_id,
      experiment_id: row.experiment_id,
      name: row.name,
      creation_timestamp_ms: row.creation_time,
      last_updated_timestamp_ms: row.last_update_time,
      artifact_uri: row.artifact_uri,
      status: LOGGED_MODEL_STATUSES[row.status] ?? 'LOGGED_MODEL_STATUS_UNSPECIFIED',
      ...(row.model_type ? { model_type: row.model_type } : {}),
      ...(row.source_run_id ? { source_run_id: row.source_run_id } : {}),
      ...(row.status_message ? { status_message: row.status_message } : {}),
      ...(tags.length ? { tags } : {}),
    },
    data: { ...(params.length ? { params } : {}), ...(metrics.length ? { metrics } : {}) },
  };
}
