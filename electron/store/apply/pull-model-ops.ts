import { alreadyExists, notFound } from '../../../shared/domain/mlflow-error';
import type { OpOf } from '../ops/op-types';
import { requireActiveExperiment } from '../repos/experiments-repo';
import { findLoggedModel, requireLoggedModel } from '../repos/logged-models-repo';
import { findModel, requireModel } from '../registry/registry-repo';
import type { ApplyContext } from './apply-context';
import { insertModelMetrics } from './logged-model-ops';
import { recordSync } from './sync-ops';

/**
 * The ops of a registry pull. Each applies what the pull decided for one entity (created under the
 * remote's times, or the remote's changes taken) and records what the remote has of it in the same
 * transaction: a pull killed between two steps never leaves a change here that the sync state does
 * not know, so the next pull neither applies it twice nor takes it for a local edit.
 */

export function pullModel(ctx: ApplyContext, op: OpOf<'pull.model'>): void {
  const { db } = ctx;
  if (op.create) {
    if (findModel(db, op.name)) throw alreadyExists(`Registered Model (name=${op.name}) already exists.`);
    db.run('INSERT INTO registered_models (name, creation_time, last_updated_time, description) VALUES (?, ?, ?, ?)', [op.name, op.create.creationTime, op.lastUpdatedTime ?? op.create.creationTime, op.description ?? '']);
  } else {
    requireModel(db, op.name);
    if (op.description !== undefined) db.run('UPDATE registered_models SET description = ? WHERE name = ?', [op.description, op.name]);
  }
  for (const t of op.setTags) db.run('INSERT OR REPLACE INTO registered_model_tags (name, key, value) VALUES (?, ?, ?)', [op.name, t.key, t.value]);
  for (const key of op.delTags) db.run('DELETE FROM registered_model_tags WHERE name = ? AND key = ?', [op.name, key]);
  for (const a of op.setAliases) {
    if (!db.get("SELECT 1 AS x FROM model_versions WHERE name = ? AND version = ? AND current_stage != 'Deleted_Internal'", [op.name, a.version])) throw notFound(`Model Version (name=${op.name}, version=${a.version}) not found`);
    db.run('INSERT OR REPLACE INTO registered_model_aliases (name, alias, version) VALUES (?, ?, ?)', [op.name, a.alias, a.version]);
  }
  for (const alias of op.delAliases) db.run('DELETE FROM registered_model_aliases WHERE name = ? AND alias = ?', [op.name, alias]);
  if (op.lastUpdatedTime !== undefined) db.run('UPDATE registered_models SET last_updated_time = ? WHERE name = ?', [op.lastUpdatedTime, op.name]);
  recordSync(ctx, { type: 'sync.record', remote: op.remote, facts: op.facts, time: op.time });
}

export function pullVersion(ctx: ApplyContext, op: OpOf<'pull.version'>): void {
  const { db } = ctx;
  requireModel(db, op.name);
  const c = op.create;
  if (c) {
    if (db.get('SELECT 1 AS x FROM model_versions WHERE name = ? AND version = ?', [op.name, op.version])) throw alreadyExists(`Model version ${op.version} of '${op.name}' already exists.`);
    db.run(
      `INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage, source, storage_location, run_id, run_link, status, status_message, model_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [op.name, op.version, c.creationTime, op.lastUpdatedTime ?? c.creationTime, op.description ?? '', c.userId, op.stage ?? 'None', c.source, c.storageLocation, c.runId, c.runLink, c.status, c.statusMessage, c.modelId],
    );
  } else {
    if (!db.get("SELECT 1 AS x FROM model_versions WHERE name = ? AND version = ? AND current_stage != 'Deleted_Internal'", [op.name, op.version])) throw notFound(`Model Version (name=${op.name}, version=${op.version}) not found`);
    if (op.description !== undefined) db.run('UPDATE model_versions SET description = ? WHERE name = ? AND version = ?', [op.description, op.name, op.version]);
    if (op.stage !== undefined) db.run('UPDATE model_versions SET current_stage = ? WHERE name = ? AND version = ?', [op.stage, op.name, op.version]);
    if (op.lastUpdatedTime !== undefined) db.run('UPDATE model_versions SET last_updated_time = ? WHERE name = ? AND version = ?', [op.lastUpdatedTime, op.name, op.version]);
  }
  for (const t of op.setTags) db.run('INSERT OR REPLACE INTO model_version_tags (name, version, key, value) VALUES (?, ?, ?, ?)', [op.name, op.version, t.key, t.value]);
  for (const key of op.delTags) db.run('DELETE FROM model_version_tags WHERE name = ? AND version = ? AND key = ?', [op.name, op.version, key]);
  recordSync(ctx, { type: 'sync.record', remote: op.remote, facts: op.facts, time: op.time });
}

export function pullLoggedModel(ctx: ApplyContext, op: OpOf<'pull.loggedModel'>): void {
  const { db } = ctx;
  const c = op.create;
  if (c) {
    requireActiveExperiment(db, c.experimentId);
    if (findLoggedModel(db, op.modelId)) throw alreadyExists(`Logged model '${op.modelId}' already exists.`);
    db.run(
      `INSERT INTO logged_models (model_id, experiment_id, name, artifact_uri, creation_time, last_update_time, status, status_message, model_type, source_run_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [op.modelId, c.experimentId, c.name, c.artifactUri, c.creationTime, op.lastUpdatedTime ?? c.creationTime, op.status ?? 1, op.statusMessage ?? '', c.modelType, c.sourceRunId],
    );
  } else {
    requireLoggedModel(db, op.modelId, true);
    if (op.status !== undefined) db.run('UPDATE logged_models SET status = ? WHERE model_id = ?', [op.status, op.modelId]);
    if (op.statusMessage !== undefined) db.run('UPDATE logged_models SET status_message = ? WHERE model_id = ?', [op.statusMessage, op.modelId]);
    if (op.lastUpdatedTime !== undefined) db.run('UPDATE logged_models SET last_update_time = ? WHERE model_id = ?', [op.lastUpdatedTime, op.modelId]);
  }
  for (const p of op.params) db.run('INSERT OR IGNORE INTO logged_model_params (model_id, key, value) VALUES (?, ?, ?)', [op.modelId, p.key, p.value]);
  for (const t of op.setTags) db.run('INSERT OR REPLACE INTO logged_model_tags (model_id, key, value) VALUES (?, ?, ?)', [op.modelId, t.key, t.value]);
  for (const key of op.delTags) db.run('DELETE FROM logged_model_tags WHERE model_id = ? AND key = ?', [op.modelId, key]);
  insertModelMetrics(db, op.modelId, op.metrics, 'first');
  if (op.remoteArtifactRoot !== undefined) {
    db.run('INSERT OR REPLACE INTO pulled_logged_models (model_id, remote, artifact_root) VALUES (?, ?, ?)', [op.modelId, op.remote, op.remoteArtifactRoot]);
  }
  recordSync(ctx, { type: 'sync.record', remote: op.remote, facts: op.facts, time: op.time });
}
