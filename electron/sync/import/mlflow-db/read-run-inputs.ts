import type { DatasetInput } from '../../../store/ops/op-types';
import type { SourceRun } from '../import-source';
import { integer, text } from './sql-values';
import type { MlflowSchema } from './mlflow-schema';
import type { MlflowSqlite } from './mlflow-sqlite';

type RunLinks = Pick<SourceRun, 'datasets' | 'modelInputs' | 'modelOutputs'>;

/**
 * A run's dataset inputs (with their tags), and the logged models it used and produced: all kept
 * in MLflow's `inputs` table (2.4+) as edges DATASET→RUN, RUN_INPUT→MODEL_INPUT and
 * RUN_OUTPUT→MODEL_OUTPUT (3.0+, with a step since 3.x added `inputs.step`), in the order logged.
 */
export function readRunInputs(db: MlflowSqlite, schema: MlflowSchema, runId: string): RunLinks {
  if (!schema.has('inputs')) return { datasets: [], modelInputs: [], modelOutputs: [] };
  const item = `run ${runId} inputs`;
  const datasets: DatasetInput[] = schema.has('datasets')
    ? db.all(
      item,
      `SELECT i.input_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile
         FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
        WHERE i.destination_type = 'RUN' AND i.destination_id = ? AND i.source_type = 'DATASET'
        ORDER BY i.rowid`,
      [runId],
    ).map(([inputId, name, digest, sourceType, source, dsSchema, profile]) => ({
      name: text(name),
      digest: text(digest),
      sourceType: text(sourceType),
      source: text(source),
      ...(dsSchema === null ? {} : { schema: text(dsSchema) }),
      ...(profile === null ? {} : { profile: text(profile) }),
      tags: schema.has('input_tags')
        ? db.all(item, 'SELECT name, value FROM input_tags WHERE input_uuid = ? ORDER BY name', [inputId ?? null]).map(([key, value]) => ({ key: text(key), value: text(value) }))
        : [],
    }))
    : [];
  const modelInputs = db.all(
    item,
    "SELECT destination_id FROM inputs WHERE source_type = 'RUN_INPUT' AND source_id = ? AND destination_type = 'MODEL_INPUT' ORDER BY rowid",
    [runId],
  ).map(([id]) => text(id));
  const step = schema.has('inputs', 'step') ? 'step' : '0';
  const modelOutputs = db.all(
    item,
    `SELECT destination_id, ${step} FROM inputs WHERE source_type = 'RUN_OUTPUT' AND source_id = ? AND destination_type = 'MODEL_OUTPUT' ORDER BY rowid`,
    [runId],
  ).map(([id, s]) => ({ modelId: text(id), step: integer(s) }));
  return { datasets, modelInputs, modelOutputs };
}
