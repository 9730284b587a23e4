import { notFound } from '../../../shared/domain/mlflow-error';
import type { ModelMetricRecord, OpOf } from '../ops/op-types';
import type { Database } from '../database';
import { requireActiveExperiment } from '../repos/experiments-repo';
import { requireLoggedModel } from '../repos/logged-models-repo';
import type { ApplyContext } from './apply-context';

const touch = (ctx: ApplyContext, modelId: string, time: number) =>
  ctx.db.run('UPDATE logged_models SET last_update_time = ? WHERE model_id = ?', [time, modelId]);

/**
 * Writes points of a logged model (pulled or imported). A point already there (same key, time,
 * step, run and dataset) keeps its value with `keep: 'first'`, takes the new one with `'last'`.
 */
export function insertModelMetrics(db: Database, modelId: string, metrics: ModelMetricRecord[], keep: 'first' | 'last'): void {
  for (const m of metrics) {
    const v = Number(m.value);
    const nan = Number.isNaN(v);
    db.run(
      `INSERT OR ${keep === 'first' ? 'IGNORE' : 'REPLACE'} INTO logged_model_metrics (model_id, key, value, is_nan, timestamp, step, run_id, dataset_name, dataset_digest)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [modelId, m.key, nan ? null : v, nan ? 1 : 0, m.timestamp, m.step, m.runId, m.datasetName, m.datasetDigest],
    );
  }
}

export function createLoggedModel(ctx: ApplyContext, op: OpOf<'model.create'>): void {
  requireActiveExperiment(ctx.db, op.experimentId);
  ctx.db.run(
    `INSERT INTO logged_models (model_id, experiment_id, name, artifact_uri, creation_time, last_update_time, status, model_type, source_run_id)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    [op.modelId, op.experimentId, op.name, op.artifactUri, op.time, op.time, op.modelType, op.sourceRunId],
  );
  for (const p of op.params) ctx.db.run('INSERT OR REPLACE INTO logged_model_params (model_id, key, value) VALUES (?, ?, ?)', [op.modelId, p.key, p.value]);
  for (const t of op.tags) ctx.db.run('INSERT OR REPLACE INTO logged_model_tags (model_id, key, value) VALUES (?, ?, ?)', [op.modelId, t.key, t.value]);
}

export function finalizeLoggedModel(ctx: ApplyContext, op: OpOf<'model.finalize'>): void {
  requireLoggedModel(ctx.db, op.modelId);
  ctx.db.run('UPDATE logged_models SET status = ?, last_update_time = ? WHERE model_id = ?', [op.status, op.time, op.modelId]);
}

export function deleteLoggedModel(ctx: ApplyContext, op: OpOf<'model.delete'>): void {
  requireLoggedModel(ctx.db, op.modelId);
  ctx.db.run("UPDATE logged_models SET lifecycle_stage = 'deleted', last_update_time = ? WHERE model_id = ?", [op.time, op.modelId]);
}

export function setLoggedModelTags(ctx: ApplyContext, op: OpOf<'model.setTags'>): void {
  requireLoggedModel(ctx.db, op.modelId);
  for (const t of op.tags) ctx.db.run('INSERT OR REPLACE INTO logged_model_tags (model_id, key, value) VALUES (?, ?, ?)', [op.modelId, t.key, t.value]);
  touch(ctx, op.modelId, op.time);
}

export function deleteLoggedModelTag(ctx: ApplyContext, op: OpOf<'model.deleteTag'>): void {
  requireLoggedModel(ctx.db, op.modelId);
  ctx.db.run('DELETE FROM logged_model_tags WHERE model_id = ? AND key = ?', [op.modelId, op.key]);
  if (ctx.db.changes() === 0) throw notFound(`No tag with key '${op.key}' found for logged model '${op.modelId}'.`);
  touch(ctx, op.modelId, op.time);
}

export function logLoggedModelParams(ctx: ApplyContext, op: OpOf<'model.logParams'>): void {
  requireLoggedModel(ctx.db, op.modelId);
  for (const p of op.params) ctx.db.run('INSERT OR REPLACE INTO logged_model_params (model_id, key, value) VALUES (?, ?, ?)', [op.modelId, p.key, p.value]);
  touch(ctx, op.modelId, op.time);
}
