import { alreadyExists, notFound } from '../../../shared/domain/mlflow-error';
import type { OpOf, SyncFact } from '../ops/op-types';
import { findRemote } from '../sync/sync-repo';
import type { ApplyContext } from './apply-context';
import type { Database } from '../database';

export function addRemote({ db }: ApplyContext, { remote: r, time }: OpOf<'remote.add'>): void {
  if (findRemote(db, r.name)) throw alreadyExists(`Remote '${r.name}' already exists.`);
  db.run('INSERT INTO remotes (name, url, auth_kind, username, secret_env, created_time) VALUES (?, ?, ?, ?, ?, ?)', [r.name, r.url, r.authKind, r.username, r.secretEnv, time]);
}

export function updateRemote({ db }: ApplyContext, { remote: r }: OpOf<'remote.update'>): void {
  if (!findRemote(db, r.name)) throw notFound(`No remote named '${r.name}'.`);
  db.run('UPDATE remotes SET url = ?, auth_kind = ?, username = ?, secret_env = ? WHERE name = ?', [r.url, r.authKind, r.username, r.secretEnv, r.name]);
}

/** Forgets a remote and everything known about it (its ID map can be rebuilt from its lineage tags). */
export function removeRemote({ db }: ApplyContext, op: OpOf<'remote.remove'>): void {
  if (!findRemote(db, op.name)) throw notFound(`No remote named '${op.name}'.`);
  for (const table of ['remotes', 'sync_ids', 'sync_runs', 'sync_tags', 'sync_series', 'sync_artifacts']) {
    db.run(`DELETE FROM ${table} WHERE ${table === 'remotes' ? 'name' : 'remote'} = ?`, [op.name]);
  }
}

export function recordSync({ db }: ApplyContext, op: OpOf<'sync.record'>): void {
  if (!findRemote(db, op.remote)) throw notFound(`No remote named '${op.remote}'.`);
  for (const fact of op.facts) recordFact(db, op.remote, fact);
  if (op.summary !== undefined) db.run('UPDATE remotes SET last_sync_time = ?, last_sync_state = ? WHERE name = ?', [op.time, op.summary, op.remote]);
}

function recordFact(db: Database, remote: string, f: SyncFact): void {
  switch (f.kind) {
    case 'id':
      return db.run('INSERT OR REPLACE INTO sync_ids (remote, kind, local_id, remote_id) VALUES (?, ?, ?, ?)', [remote, f.entity, f.localId, f.remoteId]);
    case 'run':
      db.run('INSERT OR IGNORE INTO sync_runs (remote, run_id) VALUES (?, ?)', [remote, f.runId]);
      return db.run('UPDATE sync_runs SET name = ?, status = ?, end_time = ?, lifecycle = ? WHERE remote = ? AND run_id = ?', [f.name, f.status, f.endTime, f.lifecycle, remote, f.runId]);
    case 'params':
    case 'inputs':
      db.run('INSERT OR IGNORE INTO sync_runs (remote, run_id) VALUES (?, ?)', [remote, f.runId]);
      return db.run(`UPDATE sync_runs SET ${f.kind} = ? WHERE remote = ? AND run_id = ?`, [f.count, remote, f.runId]);
    case 'tag':
      if (f.value === null) return db.run('DELETE FROM sync_tags WHERE remote = ? AND run_id = ? AND key = ?', [remote, f.runId, f.key]);
      return db.run('INSERT OR REPLACE INTO sync_tags (remote, run_id, key, value) VALUES (?, ?, ?, ?)', [remote, f.runId, f.key, f.value]);
    case 'series':
      return db.run('INSERT OR REPLACE INTO sync_series (remote, run_id, key, points) VALUES (?, ?, ?, ?)', [remote, f.runId, f.key, f.points]);
    case 'artifact':
      return db.run('INSERT OR REPLACE INTO sync_artifacts (remote, run_id, path, size, mtime) VALUES (?, ?, ?, ?, ?)', [remote, f.runId, f.path, f.size, f.mtime]);
  }
}
