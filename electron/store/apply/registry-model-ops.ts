import { alreadyExists, notFound } from '../../../shared/domain/mlflow-error';
import type { OpOf } from '../ops/op-types';
import { findModel, requireModel, requireVersion } from '../registry/registry-repo';
import type { ApplyContext } from './apply-context';

const touch = ({ db }: ApplyContext, name: string, time: number) => db.run('UPDATE registered_models SET last_updated_time = ? WHERE name = ?', [time, name]);

export function createModel(ctx: ApplyContext, op: OpOf<'registry.createModel'>): void {
  if (findModel(ctx.db, op.name)) throw alreadyExists(`Registered Model (name=${op.name}) already exists.`);
  ctx.db.run('INSERT INTO registered_models (name, creation_time, last_updated_time, description) VALUES (?, ?, ?, ?)', [op.name, op.time, op.time, op.description]);
  for (const t of op.tags) ctx.db.run('INSERT OR REPLACE INTO registered_model_tags (name, key, value) VALUES (?, ?, ?)', [op.name, t.key, t.value]);
}

/** Renames the model and everything that refers to it by name. */
export function renameModel(ctx: ApplyContext, op: OpOf<'registry.renameModel'>): void {
  requireModel(ctx.db, op.name);
  if (op.newName !== op.name && findModel(ctx.db, op.newName)) throw alreadyExists(`Registered Model (name=${op.newName}) already exists.`);
  for (const table of ['registered_models', 'registered_model_tags', 'model_versions', 'model_version_tags', 'registered_model_aliases']) {
    ctx.db.run(`UPDATE ${table} SET name = ? WHERE name = ?`, [op.newName, op.name]);
  }
  touch(ctx, op.newName, op.time);
}

export function updateModel(ctx: ApplyContext, op: OpOf<'registry.updateModel'>): void {
  requireModel(ctx.db, op.name);
  ctx.db.run('UPDATE registered_models SET description = ?, last_updated_time = ? WHERE name = ?', [op.description, op.time, op.name]);
}

/** Deletes the model with all its versions, tags and aliases (MLflow's hard delete). */
export function deleteModel(ctx: ApplyContext, op: OpOf<'registry.deleteModel'>): void {
  requireModel(ctx.db, op.name);
  for (const table of ['registered_models', 'registered_model_tags', 'model_versions', 'model_version_tags', 'registered_model_aliases']) {
    ctx.db.run(`DELETE FROM ${table} WHERE name = ?`, [op.name]);
  }
}

export function setModelTag(ctx: ApplyContext, op: OpOf<'registry.setModelTag'>): void {
  requireModel(ctx.db, op.name);
  ctx.db.run('INSERT OR REPLACE INTO registered_model_tags (name, key, value) VALUES (?, ?, ?)', [op.name, op.tag.key, op.tag.value]);
  touch(ctx, op.name, op.time);
}

export function deleteModelTag(ctx: ApplyContext, op: OpOf<'registry.deleteModelTag'>): void {
  requireModel(ctx.db, op.name);
  ctx.db.run('DELETE FROM registered_model_tags WHERE name = ? AND key = ?', [op.name, op.key]);
  if (ctx.db.changes() === 0) throw notFound(`No tag with key '${op.key}' on registered model '${op.name}'.`);
  touch(ctx, op.name, op.time);
}

/** Points an alias at a version, moving it if it pointed elsewhere. */
export function setAlias(ctx: ApplyContext, op: OpOf<'registry.setAlias'>): void {
  requireVersion(ctx.db, op.name, op.version);
  ctx.db.run('INSERT OR REPLACE INTO registered_model_aliases (name, alias, version) VALUES (?, ?, ?)', [op.name, op.alias, op.version]);
  touch(ctx, op.name, op.time);
}

export function deleteAlias(ctx: ApplyContext, op: OpOf<'registry.deleteAlias'>): void {
  requireModel(ctx.db, op.name);
  ctx.db.run('DELETE FROM registered_model_aliases WHERE name = ? AND alias = ?', [op.name, op.alias]);
  touch(ctx, op.name, op.time);
}
