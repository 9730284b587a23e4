import { alreadyExists, notFound } from '../../../shared/domain/mlflow-error';
import type { Database } from '../database';
import type { ImportOp, ImportSourceInfo } from '../ops/import-op-types';
import { requireActiveExperiment } from '../repos/experiments-repo';
import { requireLoggedModel } from '../repos/logged-models-repo';
import { findRun } from '../repos/runs-repo';
import type { ApplyContext } from './apply-context';
import { insertModelMetrics } from './logged-model-ops';

type ImportOpOf<T extends ImportOp['type']> = Extract<ImportOp, { type: T }>;

/** Records the source (first and last seen, its label as now). */
function touchSource(db: Database, source: ImportSourceInfo, time: number): void {
  db.run(
    `INSERT INTO import_sources (identity, kind, label, first_time, last_time) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (identity) DO UPDATE SET kind = excluded.kind, label = excluded.label, last_time = excluded.last_time`,
    [source.identity, source.kind, source.label, time, time],
  );
}

function mapItems({ db }: ApplyContext, op: ImportOpOf<'import.map'>): void {
  touchSource(db, op.source, op.time);
  for (const e of op.entries) {
    db.run('INSERT OR REPLACE INTO import_ids (source, kind, source_id, local_id) VALUES (?, ?, ?, ?)', [op.source.identity, e.kind, e.sourceId, e.localId]);
  }
}

function startImportedRun({ db }: ApplyContext, op: ImportOpOf<'import.startRun'>): void {
  requireActiveExperiment(db, op.experimentId);
  if (findRun(db, op.runId)) throw alreadyExists(`Run ${op.runId} already exists.`);
  touchSource(db, op.source, op.time);
  db.run(
    `INSERT INTO runs (run_id, experiment_id, name, user_id, status, start_time, lifecycle_stage, artifact_uri, last_update_time)
     VALUES (?, ?, ?, ?, 'RUNNING', ?, 'active', ?, ?)`,
    [op.runId, op.experimentId, op.name, op.userId, op.startTime, op.artifactUri, op.time],
  );
  db.run('INSERT INTO import_runs (run_id, source, complete, time) VALUES (?, ?, 0, ?)', [op.runId, op.source.identity, op.time]);
}

function finishImportedRun({ db }: ApplyContext, op: ImportOpOf<'import.finishRun'>): void {
  if (!findRun(db, op.runId)) throw notFound(`Run with id=${op.runId} not found`);
  db.run(
    `INSERT INTO import_runs (run_id, source, complete, time) VALUES (?, ?, 1, ?)
     ON CONFLICT (run_id) DO UPDATE SET source = excluded.source, complete = 1, time = excluded.time`,
    [op.runId, op.source, op.time],
  );
}

function logModelMetrics({ db }: ApplyContext, op: ImportOpOf<'import.modelMetrics'>): void {
  requireLoggedModel(db, op.modelId);
  insertModelMetrics(db, op.modelId, op.metrics, 'last'); // the source's value, as import's tags
}

function finishImport({ db }: ApplyContext, op: ImportOpOf<'import.finish'>): void {
  touchSource(db, op.source, op.time);
  db.run('UPDATE import_sources SET last_summary = ? WHERE identity = ?', [op.summary, op.source.identity]);
}

export const importAppliers: { [T in ImportOp['type']]: (ctx: ApplyContext, op: ImportOpOf<T>) => void } = {
  'import.map': mapItems,
  'import.startRun': startImportedRun,
  'import.finishRun': finishImportedRun,
  'import.modelMetrics': logModelMetrics,
  'import.finish': finishImport,
};
