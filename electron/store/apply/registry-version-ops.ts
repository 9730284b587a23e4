import { alreadyExists, invalidParam, notFound } from '../../../shared/domain/mlflow-error';
import type { OpOf } from '../ops/op-types';
import { DELETED_STAGE, requireModel, requireVersion } from '../registry/registry-repo';
import type { ApplyContext } from './apply-context';

const touchVersion = ({ db }: ApplyContext, name: string, version: number, time: number) =>
  db.run('UPDATE model_versions SET last_updated_time = ? WHERE name = ? AND version = ?', [time, name, version]);

export function createVersion(ctx: ApplyContext, op: OpOf<'registry.createVersion'>): void {
  requireModel(ctx.db, op.name);
  if (ctx.db.get('SELECT 1 AS x FROM model_versions WHERE name = ? AND version = ?', [op.name, op.version])) {
    throw alreadyExists(`Model version ${op.version} of '${op.name}' already exists.`);
  }
  ctx.db.run(
    `INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage, source, storage_location, run_id, run_link, status, model_id)
     VALUES (?, ?, ?, ?, ?, ?, 'None', ?, ?, ?, ?, 'READY', ?)`,
    [op.name, op.version, op.time, op.time, op.description, op.userId, op.source, op.storageLocation, op.runId, op.runLink, op.modelId],
  );
  for (const t of op.tags) ctx.db.run('INSERT OR REPLACE INTO model_version_tags (name, version, key, value) VALUES (?, ?, ?, ?)', [op.name, op.version, t.key, t.value]);
  ctx.db.run('UPDATE registered_models SET last_updated_time = ? WHERE name = ?', [op.time, op.name]);
}

export function updateVersion(ctx: ApplyContext, op: OpOf<'registry.updateVersion'>): void {
  requireVersion(ctx.db, op.name, op.version);
  ctx.db.run('UPDATE model_versions SET description = ?, last_updated_time = ? WHERE name = ? AND version = ?', [op.description, op.time, op.name, op.version]);
}

/** Moves a version to a stage; with archiveExisting, the others in Staging/Production become Archived. */
export function transitionStage(ctx: ApplyContext, op: OpOf<'registry.transitionStage'>): void {
  requireVersion(ctx.db, op.name, op.version);
  if (op.archiveExisting && op.stage !== 'Staging' && op.stage !== 'Production') {
    throw invalidParam(`Model version transition cannot archive existing model versions because '${op.stage}' is not an Active stage. Valid stages are 'Staging' and 'Production'.`);
  }
  if (op.archiveExisting) {
    ctx.db.run(
      "UPDATE model_versions SET current_stage = 'Archived', last_updated_time = ? WHERE name = ? AND current_stage = ? AND version != ?",
      [op.time, op.name, op.stage, op.version],
    );
  }
  ctx.db.run('UPDATE model_versions SET current_stage = ?, last_updated_time = ? WHERE name = ? AND version = ?', [op.stage, op.time, op.name, op.version]);
}

/** Soft delete: the row stays (numbers are never reused) with its source and run redacted; its aliases go. */
export function deleteVersion(ctx: ApplyContext, op: OpOf<'registry.deleteVersion'>): void {
  requireVersion(ctx.db, op.name, op.version);
  ctx.db.run(
    `UPDATE model_versions SET current_stage = ?, source = 'REDACTED-SOURCE-PATH', run_id = 'REDACTED-RUN-ID', run_link = 'REDACTED-RUN-LINK',
       storage_location = '', last_updated_time = ? WHERE name = ? AND version = ?`,
    [DELETED_STAGE, op.time, op.name, op.version],
  );
  ctx.db.run('DELETE FROM registered_model_aliases WHERE name = ? AND version = ?', [op.name, op.version]);
  ctx.db.run('DELETE FROM model_version_tags WHERE name = ? AND version = ?', [op.name, op.version]);
}

export function setVersionTag(ctx: ApplyContext, op: OpOf<'registry.setVersionTag'>): void {
  requireVersion(ctx.db, op.name, op.version);
  ctx.db.run('INSERT OR REPLACE INTO model_version_tags (name, version, key, value) VALUES (?, ?, ?, ?)', [op.name, op.version, op.tag.key, op.tag.value]);
  touchVersion(ctx, op.name, op.version, op.time);
}

export function deleteVersionTag(ctx: ApplyContext, op: OpOf<'registry.deleteVersionTag'>): void {
  requireVersion(ctx.db, op.name, op.version);
  ctx.db.run('DELETE FROM model_version_tags WHERE name = ? AND version = ? AND key = ?', [op.name, op.version, op.key]);
  if (ctx.db.changes() === 0) throw notFound(`No tag with key '${op.key}' on model version (name=${op.name}, version=${op.version}).`);
  touchVersion(ctx, op.name, op.version, op.time);
}
