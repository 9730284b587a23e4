import type { SourcePoint } from '../import-source';
import type { MlflowSchema } from './mlflow-schema';
import type { MlflowSqlite } from './mlflow-sqlite';

export const HISTORY_BATCH = 10_000;

/**
 * One metric's history in batches, in the order MLflow's SQL store returns it (timestamp, step,
 * value). Values are what the official client reads back: NaN where `is_nan` is set (stored as
 * 0), and ±inf as the ±1.7976931348623157e308 MLflow wrote in their place (it clamps on write
 * and does not restore them on read). Before `step` (MLflow 1.0) every point is at step 0.
 */
export async function* readHistory(db: MlflowSqlite, schema: MlflowSchema, runId: string, key: string, batchSize = HISTORY_BATCH): AsyncGenerator<SourcePoint[]> {
  const hasStep = schema.has('metrics', 'step');
  const step = hasStep ? 'step' : '0';
  const order = hasStep ? 'timestamp, step, value' : 'timestamp, value';
  const isNan = schema.has('metrics', 'is_nan') ? 'is_nan' : '0';
  const rows = db.batches(
    `run ${runId} metric '${key}'`,
    `SELECT timestamp, ${step}, value, ${isNan} FROM metrics${schema.byRun('metrics')} WHERE run_uuid = ? AND key = ? ORDER BY ${order}`,
    [runId, key],
    batchSize,
  );
  for await (const batch of rows) {
    yield batch.map(([timestamp, s, value, nan]) => ({
      timestamp: Number(timestamp),
      step: Number(s),
      value: nan === 1 || value === null ? NaN : Number(value),
    }));
  }
}
