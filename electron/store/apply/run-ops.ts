import type { OpOf } from '../ops/op-types';
import { requireActiveExperiment } from '../repos/experiments-repo';
import { requireActiveRun, requireRun } from '../repos/runs-repo';
import { invalidParam, notFound } from '../../../shared/domain/mlflow-error';
import type { ApplyContext } from './apply-context';
import { upsertRunTag } from './run-log';

export function createRun({ db }: ApplyContext, op: OpOf<'run.create'>): void {
  requireActiveExperiment(db, op.experimentId);
  db.run(
    `INSERT INTO runs (run_id, experiment_id, name, user_id, status, start_time, lifecycle_stage, artifact_uri, last_update_time)
     VALUES (?, ?, ?, ?, 'RUNNING', ?, 'active', ?, ?)`,
    [op.runId, op.experimentId, op.name, op.userId, op.startTime, op.artifactUri, op.time],
  );
  for (const t of op.tags) db.run('INSERT OR REPLACE INTO tags (run_id, key, value) VALUES (?, ?, ?)', [op.runId, t.key, t.value]);
}

export function updateRun({ db }: ApplyContext, op: OpOf<'run.update'>): void {
  requireActiveRun(db, op.runId);
  if (op.status !== undefined) db.run('UPDATE runs SET status = ? WHERE run_id = ?', [op.status, op.runId]);
  if (op.endTime !== undefined) db.run('UPDATE runs SET end_time = ? WHERE run_id = ?', [op.endTime, op.runId]);
  if (op.name !== undefined) upsertRunTag(db, op.runId, { key: 'mlflow.runName', value: op.name });
  db.run('UPDATE runs SET last_update_time = ? WHERE run_id = ?', [op.time, op.runId]);
}

export function setRunLifecycle({ db }: ApplyContext, op: OpOf<'run.delete' | 'run.restore'>): void {
  const run = requireRun(db, op.runId);
  if (op.type === 'run.restore') requireActiveExperiment(db, run.experiment_id);
  const deleted = op.type === 'run.delete';
  db.run('UPDATE runs SET lifecycle_stage = ?, deleted_time = ?, last_update_time = ? WHERE run_id = ?', [deleted ? 'deleted' : 'active', deleted ? op.time : null, op.time, op.runId]);
}

/**
 * Moves runs to another (active) experiment. Their artifact URIs stay as they were, so their
 * files stay where they are and a client still logging to a moved run keeps working.
 */
export function moveRuns({ db }: ApplyContext, op: OpOf<'run.move'>): void {
  requireActiveExperiment(db, op.experimentId);
  for (const { runId, from } of op.runs) {
    const run = requireRun(db, runId);
    if (run.experiment_id !== from) throw invalidParam(`Run ${runId} is in experiment ${run.experiment_id}, not ${from}.`);
    db.run('UPDATE runs SET experiment_id = ?, last_update_time = ? WHERE run_id = ?', [op.experimentId, op.time, runId]);
  }
}

export function deleteRunTag({ db }: ApplyContext, op: OpOf<'run.deleteTag'>): void {
  requireActiveRun(db, op.runId);
  db.run('DELETE FROM tags WHERE run_id = ? AND key = ?', [op.runId, op.key]);
  if (db.changes() === 0) throw notFound(`No tag with name: ${op.key} in run with id ${op.runId}`);
}
