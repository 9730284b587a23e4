import type { DatasetInput, KeyValue, Run } from '../../../shared/domain/tracking';
import type { Database } from '../database';

interface DatasetInputRow {
  input_id: string;
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema: string | null;
  profile: string | null;
}

export function runInputs(db: Database, runId: string): Run['inputs'] {
  const rows = db.all<DatasetInputRow>(
    `SELECT i.input_id, d.name, d.digest, d.source_type, d.source, d.schema, d.profile
       FROM inputs i JOIN datasets d ON d.dataset_id = i.source_id
      WHERE i.run_id = ? AND i.source_type = 'DATASET' ORDER BY d.name, d.digest`,
    [runId],
  );
  const datasetInputs: DatasetInput[] = rows.map((r) => {
    const tags = db.all<KeyValue>('SELECT key, value FROM input_tags WHERE input_id = ? ORDER BY key', [r.input_id]);
    return {
      ...(tags.length ? { tags } : {}),
      dataset: {
        name: r.name, digest: r.digest, source_type: r.source_type, source: r.source,
        ...(r.schema !== null ? { schema: r.schema } : {}),
        ...(r.profile !== null ? { profile: r.profile } : {}),
      },
    };
  });
  const models = db.column<string>("SELECT source_id FROM inputs WHERE run_id = ? AND source_type = 'MODEL' ORDER BY source_id", [runId]);
  return {
    ...(datasetInputs.length ? { dataset_inputs: datasetInputs } : {}),
    ...(models.length ? { model_inputs: models.map((model_id) => ({ model_id })) } : {}),
  };
}

export function runOutputs(db: Database, runId: string): Run['outputs'] {
  const outs = db.all<{ model_id: string; step: number }>('SELECT model_id, step FROM run_outputs WHERE run_id = ? ORDER BY model_id', [runId]);
  return outs.length ? { model_outputs: outs } : {};
}
