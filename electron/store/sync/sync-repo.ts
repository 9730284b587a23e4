import type { Database } from '../database';
import type { RemoteSpec, SyncEntity } from '../ops/op-types';

export interface RemoteRow extends RemoteSpec {
  createdTime: number;
  lastSyncTime: number | null;
  lastSyncState: string;
}

interface RawRemote {
  name: string;
  url: string;
  auth_kind: RemoteSpec['authKind'];
  username: string;
  secret_env: string;
  created_time: number;
  last_sync_time: number | null;
  last_sync_state: string;
}

const toRemote = (r: RawRemote): RemoteRow => ({
  name: r.name,
  url: r.url,
  authKind: r.auth_kind,
  username: r.username,
  secretEnv: r.secret_env,
  createdTime: r.created_time,
  lastSyncTime: r.last_sync_time,
  lastSyncState: r.last_sync_state,
});

export function findRemote(db: Database, name: string): RemoteRow | undefined {
  const r = db.get<RawRemote>('SELECT * FROM remotes WHERE name = ?', [name]);
  return r && toRemote(r);
}

export function listRemotes(db: Database): RemoteRow[] {
  return db.all<RawRemote>('SELECT * FROM remotes ORDER BY name').map(toRemote);
}

export function remoteId(db: Database, remote: string, entity: SyncEntity, localId: string): string | undefined {
  return db.get<{ remote_id: string }>('SELECT remote_id FROM sync_ids WHERE remote = ? AND kind = ? AND local_id = ?', [remote, entity, localId])?.remote_id;
}

/** What the remote has of a run, as of the last push (null: nothing yet). */
export interface PushedRun {
  name: string | null;
  status: string | null;
  endTime: number | null;
  lifecycle: string | null;
  params: number;
  inputs: number;
  tags: Map<string, string>;
  series: Map<string, number>;
  artifacts: Map<string, { size: number; mtime: number }>;
}

export function pushedRun(db: Database, remote: string, runId: string): PushedRun {
  const row = db.get<{ name: string | null; status: string | null; end_time: number | null; lifecycle: string | null; params: number; inputs: number }>(
    'SELECT name, status, end_time, lifecycle, params, inputs FROM sync_runs WHERE remote = ? AND run_id = ?',
    [remote, runId],
  );
  const pairs = <T>(sql: string, map: (r: Record<string, unknown>) => [string, T]) => new Map(db.all<Record<string, unknown>>(sql, [remote, runId]).map(map));
  return {
    name: row?.name ?? null,
    status: row?.status ?? null,
    endTime: row?.end_time ?? null,
    lifecycle: row?.lifecycle ?? null,
    params: row?.params ?? 0,
    inputs: row?.inputs ?? 0,
    tags: pairs('SELECT key, value FROM sync_tags WHERE remote = ? AND run_id = ?', (r) => [r.key as string, r.value as string]),
    series: pairs('SELECT key, points FROM sync_series WHERE remote = ? AND run_id = ?', (r) => [r.key as string, r.points as number]),
    artifacts: pairs('SELECT path, size, mtime FROM sync_artifacts WHERE remote = ? AND run_id = ?', (r) => [r.path as string, { size: r.size as number, mtime: r.mtime as number }]),
  };
}
