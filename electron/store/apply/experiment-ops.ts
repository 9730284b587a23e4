import { alreadyExists, invalidParam, notFound } from '../../../shared/domain/mlflow-error';
import type { OpOf } from '../ops/op-types';
import { findExperiment, findExperimentByName, requireActiveExperiment, requireExperiment } from '../repos/experiments-repo';
import type { ApplyContext } from './apply-context';

export function createExperiment({ db }: ApplyContext, op: OpOf<'experiment.create'>): void {
  if (findExperimentByName(db, op.name)) throw alreadyExists(`Experiment '${op.name}' already exists.`);
  if (findExperiment(db, op.id)) throw alreadyExists(`Experiment id ${op.id} is taken.`);
  db.run(
    'INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, ?, ?, ?, ?)',
    [op.id, op.name, op.artifactLocation, 'active', op.time, op.time],
  );
  for (const t of op.tags) db.run('INSERT OR REPLACE INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?)', [op.id, t.key, t.value]);
}

export function renameExperiment({ db }: ApplyContext, op: OpOf<'experiment.rename'>): void {
  const exp = requireActiveExperiment(db, op.id);
  if (exp.name === op.name) return;
  if (findExperimentByName(db, op.name)) throw alreadyExists(`Experiment '${op.name}' already exists.`);
  db.run('UPDATE experiments SET name = ?, last_update_time = ? WHERE experiment_id = ?', [op.name, op.time, op.id]);
}

/** Soft delete or restore; the experiment's runs follow it, as in MLflow. */
export function setExperimentLifecycle({ db }: ApplyContext, op: OpOf<'experiment.delete' | 'experiment.restore'>): void {
  const exp = requireExperiment(db, op.id);
  const [to, from] = op.type === 'experiment.delete' ? ['deleted', 'active'] : ['active', 'deleted'];
  if (exp.lifecycle_stage !== from) {
    // MLflow looks the experiment up among the active (or deleted) ones only: not found
    throw notFound(`No ${from} experiment with id=${op.id} exists: it is already ${exp.lifecycle_stage}.`);
  }
  if (op.type === 'experiment.delete' && op.id === '0') throw invalidParam('Cannot delete the default experiment 0. This is an internally reserved experiment.');
  db.run('UPDATE experiments SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?', [to, op.time, op.id]);
  db.run(
    `UPDATE runs SET lifecycle_stage = ?, deleted_time = ?, last_update_time = ? WHERE experiment_id = ? AND lifecycle_stage = ?`,
    [to, to === 'deleted' ? op.time : null, op.time, op.id, from],
  );
}

export function setExperimentTag({ db }: ApplyContext, op: OpOf<'experiment.setTag'>): void {
  requireActiveExperiment(db, op.id);
  db.run('INSERT OR REPLACE INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?)', [op.id, op.tag.key, op.tag.value]);
  db.run('UPDATE experiments SET last_update_time = ? WHERE experiment_id = ?', [op.time, op.id]);
}

export function deleteExperimentTag({ db }: ApplyContext, op: OpOf<'experiment.deleteTag'>): void {
  requireActiveExperiment(db, op.id);
  db.run('DELETE FROM experiment_tags WHERE experiment_id = ? AND key = ?', [op.id, op.key]);
  if (db.changes() === 0) throw notFound(`No tag with name: ${op.key} in experiment with id ${op.id}`);
  db.run('UPDATE experiments SET last_update_time = ? WHERE experiment_id = ?', [op.time, op.id]);
}
