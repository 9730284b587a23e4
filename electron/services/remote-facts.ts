import type { SyncFact } from '../store/ops/op-types';
import type { ServiceContext } from './service-context';

type IdFact = Extract<SyncFact, { kind: 'id' }>;
type Row = Record<string, string | number | null>;

/**
 * Everything the store records of a remote, as the facts that record it again: what
 * updateRemote carries over while it replaces the remote (see there).
 */
export function syncFactsOf(ctx: ServiceContext, remote: string): SyncFact[] {
  const db = ctx.store.db;
  const all = (sql: string) => db.all<Row>(sql, [remote]);
  const facts: SyncFact[] = [];
  for (const r of all('SELECT kind, local_id, remote_id FROM sync_ids WHERE remote = ?')) {
    facts.push({ kind: 'id', entity: r.kind as IdFact['entity'], localId: String(r.local_id), remoteId: String(r.remote_id) });
  }
  for (const r of all('SELECT run_id, name, status, end_time, lifecycle, params, inputs FROM sync_runs WHERE remote = ?')) {
    const runId = String(r.run_id);
    if (r.status !== null) facts.push({ kind: 'run', runId, name: String(r.name ?? ''), status: String(r.status), endTime: r.end_time === null ? null : Number(r.end_time), lifecycle: String(r.lifecycle ?? '') });
    facts.push({ kind: 'params', runId, count: Number(r.params) }, { kind: 'inputs', runId, count: Number(r.inputs) });
  }
  for (const r of all('SELECT run_id, key, value FROM sync_tags WHERE remote = ?')) facts.push({ kind: 'tag', runId: String(r.run_id), key: String(r.key), value: String(r.value) });
  for (const r of all('SELECT run_id, key, points FROM sync_series WHERE remote = ?')) facts.push({ kind: 'series', runId: String(r.run_id), key: String(r.key), points: Number(r.points) });
  for (const r of all('SELECT run_id, path, size, mtime FROM sync_artifacts WHERE remote = ?')) {
    facts.push({ kind: 'artifact', runId: String(r.run_id), path: String(r.path), size: Number(r.size), mtime: Number(r.mtime) });
  }
  return facts;
}
