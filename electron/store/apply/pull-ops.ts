import { alreadyExists, notFound } from '../../../shared/domain/mlflow-error';
import type { OpOf } from '../ops/op-types';
import { requireActiveExperiment } from '../repos/experiments-repo';
import { requireLoggedModel } from '../repos/logged-models-repo';
import { findRun, requireRun } from '../repos/runs-repo';
import { MODEL_KEY_PREFIX } from '../sync/pulled-models-repo';
import { findRemote } from '../sync/sync-repo';
import type { ApplyContext } from './apply-context';

/** A run pulled from a remote, created under its remote id and marked as pulled (not yet complete). */
export function startPulledRun({ db }: ApplyContext, op: OpOf<'pull.startRun'>): void {
  if (!findRemote(db, op.remote)) throw notFound(`No remote named '${op.remote}'.`);
  requireActiveExperiment(db, op.experimentId);
  if (findRun(db, op.runId)) throw alreadyExists(`Run ${op.runId} already exists.`);
  db.run(
    `INSERT INTO runs (run_id, experiment_id, name, user_id, status, start_time, lifecycle_stage, artifact_uri, last_update_time)
     VALUES (?, ?, ?, ?, 'RUNNING', ?, 'active', ?, ?)`,
    [op.runId, op.experimentId, op.name, op.userId, op.startTime, op.artifactUri, op.time],
  );
  db.run('INSERT INTO pulled_runs (run_id, remote, artifact_root, complete, fingerprint, pulled_time) VALUES (?, ?, ?, 0, ?, ?)', [op.runId, op.remote, op.remoteArtifactRoot, '', op.time]);
}

export function finishPulledRun({ db }: ApplyContext, op: OpOf<'pull.finishRun'>): void {
  requireRun(db, op.runId);
  db.run('UPDATE pulled_runs SET complete = 1, fingerprint = ?, pulled_time = ? WHERE run_id = ? AND remote = ?', [op.fingerprint, op.time, op.runId, op.remote]);
  if (db.changes() === 0) throw notFound(`Run ${op.runId} was not pulled from '${op.remote}'.`);
}

/** The owner of pulled files must exist: a run, or a logged model named by its sync key `model:<id>`. */
function requireOwner(db: ApplyContext['db'], owner: string): void {
  if (owner.startsWith(MODEL_KEY_PREFIX)) requireLoggedModel(db, owner.slice(MODEL_KEY_PREFIX.length), true);
  else requireRun(db, owner);
}

/** Files recorded without their bytes; the remote has them (sync_artifacts, mtime 0: nothing local to compare; pulled). */
export function recordLazyArtifacts({ db }: ApplyContext, op: OpOf<'artifact.lazy'>): void {
  if (!findRemote(db, op.remote)) throw notFound(`No remote named '${op.remote}'.`);
  requireOwner(db, op.runId);
  for (const f of op.files) {
    db.run('INSERT OR REPLACE INTO lazy_artifacts (run_id, path, remote, size) VALUES (?, ?, ?, ?)', [op.runId, f.path, op.remote, f.size]);
    db.run('INSERT OR REPLACE INTO sync_artifacts (remote, run_id, path, size, mtime, pulled) VALUES (?, ?, ?, ?, 0, 1)', [op.remote, op.runId, f.path, f.size]);
  }
}

/** A pulled file is on disk now: it is no longer lazy, and the remote has these very bytes (no push needed). */
export function recordLocalArtifact({ db }: ApplyContext, op: OpOf<'artifact.local'>): void {
  requireOwner(db, op.runId);
  db.run('DELETE FROM lazy_artifacts WHERE run_id = ? AND path = ?', [op.runId, op.path]);
  if (!findRemote(db, op.remote)) return; // the remote was removed meanwhile: nothing to record of it
  db.run('INSERT OR REPLACE INTO sync_artifacts (remote, run_id, path, size, mtime, pulled) VALUES (?, ?, ?, ?, ?, 1)', [op.remote, op.runId, op.path, op.size, op.mtime]);
}

/** Files the remote deleted: no longer lazy, no longer recorded as the remote's (a local copy was deleted first, or is kept as this store's). */
export function forgetArtifacts({ db }: ApplyContext, op: OpOf<'artifact.gone'>): void {
  requireOwner(db, op.runId);
  for (const path of op.paths) {
    db.run('DELETE FROM lazy_artifacts WHERE run_id = ? AND path = ? AND remote = ?', [op.runId, path, op.remote]);
    db.run('DELETE FROM sync_artifacts WHERE remote = ? AND run_id = ? AND path = ?', [op.remote, op.runId, path]);
  }
}
