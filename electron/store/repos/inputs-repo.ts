import type { DatasetInput, KeyValue, Run } from '../../../shared/domain/tracking';
import type { Database } from '../database';
import { chunks } from './chunks';

interface DatasetInputRow {
  run_id: string;
  input_id: string;
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema: string | null;
  profile: string | null;
}

const inList = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Run.inputs (datasets with their input tags, and model inputs) of many runs, in a few queries. */
export function runInputs(db: Database, runIds: string[]): Map<string, Run['inputs']> {
  const datasets = new Map<string, DatasetInput[]>();
  const models = new Map<string, { model_id: string }[]>();
  for (const ids of chunks(runIds, 500)) {
    const rows = db.all<DatasetInputRow>(
      `SELECT i.run_id, i.input_id, d.name, d.digest, d.source_type, d.source, d.schema, d.profile
         FROM inputs i JOIN datasets d ON d.dataset_id = i.source_id
        WHERE i.source_type = 'DATASET' AND i.run_id IN (${inList(ids.length)}) ORDER BY i.rowid`, // in the order logged, as MLflow returns them
      ids,
    );
    const tags = new Map<string, KeyValue[]>();
    if (rows.length) {
      for (const t of db.all<KeyValue & { input_id: string }>(`SELECT input_id, key, value FROM input_tags WHERE input_id IN (${inList(rows.length)}) ORDER BY key`, rows.map((r) => r.input_id))) {
        tags.set(t.input_id, [...(tags.get(t.input_id) ?? []), { key: t.key, value: t.value }]);
      }
    }
    for (const r of rows) {
      const t = tags.get(r.input_id) ?? [];
      const input: DatasetInput = {
        ...(t.length ? { tags: t } : {}),
        dataset: {
          name: r.name, digest: r.digest, source_type: r.source_type, source: r.source,
          ...(r.schema !== null ? { schema: r.schema } : {}),
          ...(r.profile !== null ? { profile: r.profile } : {}),
        },
      };
      datasets.set(r.run_id, [...(datasets.get(r.run_id) ?? []), input]);
    }
    for (const m of db.all<{ run_id: string; source_id: string }>(`SELECT run_id, source_id FROM inputs WHERE source_type = 'MODEL' AND run_id IN (${inList(ids.length)}) ORDER BY rowid`, ids)) {
      models.set(m.run_id, [...(models.get(m.run_id) ?? []), { model_id: m.source_id }]);
    }
  }
  return new Map(runIds.map((id) => {
    const d = datasets.get(id);
    const m = models.get(id);
    return [id, { ...(d ? { dataset_inputs: d } : {}), ...(m ? { model_inputs: m } : {}) }];
  }));
}

/** Run.outputs (logged models the runs produced) of many runs. */
export function runOutputs(db: Database, runIds: string[]): Map<string, Run['outputs']> {
  const outs = new Map<string, { model_id: string; step: number }[]>();
  for (const ids of chunks(runIds, 500)) {
    for (const o of db.all<{ run_id: string; model_id: string; step: number }>(`SELECT run_id, model_id, step FROM run_outputs WHERE run_id IN (${inList(ids.length)}) ORDER BY rowid DESC`, ids)) {
      outs.set(o.run_id, [...(outs.get(o.run_id) ?? []), { model_id: o.model_id, step: o.step }]);
    }
  }
  return new Map(runIds.map((id) => [id, outs.has(id) ? { model_outputs: outs.get(id)! } : {}]));
}
