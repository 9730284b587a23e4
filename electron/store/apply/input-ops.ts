import type { OpOf } from '../ops/op-types';
import { requireActiveRun } from '../repos/runs-repo';
import type { ApplyContext } from './apply-context';

/** Links datasets (deduplicated per experiment by name and digest; one input per run) and models to a run. */
export function logInputs({ db }: ApplyContext, op: OpOf<'run.logInputs'>): void {
  const run = requireActiveRun(db, op.runId);
  for (const d of op.datasets) {
    db.run(
      `INSERT OR IGNORE INTO datasets (dataset_id, experiment_id, name, digest, source_type, source, schema, profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [d.datasetId, run.experiment_id, d.name, d.digest, d.sourceType, d.source, d.schema ?? null, d.profile ?? null],
    );
    const datasetId = db.get<{ dataset_id: string }>('SELECT dataset_id FROM datasets WHERE experiment_id = ? AND name = ? AND digest = ?', [run.experiment_id, d.name, d.digest])!.dataset_id;
    db.run(`INSERT OR IGNORE INTO inputs (input_id, source_type, source_id, run_id) VALUES (?, 'DATASET', ?, ?)`, [d.inputId, datasetId, op.runId]);
    if (db.changes() === 0) continue; // logged to this run before: MLflow keeps the first input and its tags
    for (const t of d.tags) db.run('INSERT OR REPLACE INTO input_tags (input_id, key, value) VALUES (?, ?, ?)', [d.inputId, t.key, t.value]);
  }
  for (const m of op.models) {
    db.run(`INSERT OR IGNORE INTO inputs (input_id, source_type, source_id, run_id) VALUES (?, 'MODEL', ?, ?)`, [m.inputId, m.modelId, op.runId]);
  }
}

export function logOutputs({ db }: ApplyContext, op: OpOf<'run.logOutputs'>): void {
  requireActiveRun(db, op.runId);
  for (const m of op.models) db.run('INSERT OR REPLACE INTO run_outputs (run_id, model_id, step) VALUES (?, ?, ?)', [op.runId, m.modelId, m.step]);
}
