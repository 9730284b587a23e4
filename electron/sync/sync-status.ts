import type { ServiceContext } from '../services/service-context';
import { pulledRun } from '../store/sync/pull-repo';
import { listRemotes, remoteId, type RemoteRow } from '../store/sync/sync-repo';
import { isEmptyDelta, runDelta } from './run-delta';

export interface RemoteStatus {
  remote: string;
  url: string;
  lastSyncTime: number | null;
  lastSyncState: string;
  runs: { localOnly: number; pushed: number; pulled: number; changed: number };
}

/** Where each remote stands, from the store alone: runs pushed to it, pulled from it, changed since, never synced. */
export async function syncStatus(svc: ServiceContext, only?: string): Promise<{ lines: string[]; details: RemoteStatus[] }> {
  const db = svc.store.db;
  const all = listRemotes(db).filter((r) => only === undefined || r.name === only || r.url === only);
  if (only !== undefined && !all.length) throw new Error(`No remote named '${only}'.`);
  const runIds = db.column<string>('SELECT run_id FROM runs');
  const details: RemoteStatus[] = [];
  for (const r of all) details.push(await statusOf(svc, r, runIds));
  const lines = details.map(
    (s) =>
      `${s.remote}${s.remote === s.url ? '' : ` (${s.url})`}: ${s.runs.pushed} runs pushed, ${s.runs.pulled} pulled (${s.runs.changed} changed since their last sync), ${s.runs.localOnly} local only; ` +
      (s.lastSyncTime ? `last sync ${new Date(s.lastSyncTime).toISOString()}: ${s.lastSyncState}` : 'never synced'),
  );
  return { lines: lines.length ? lines : ['no remotes: add one with `sextant remote add NAME URL`'], details };
}

async function statusOf(svc: ServiceContext, r: RemoteRow, runIds: string[]): Promise<RemoteStatus> {
  const runs = { localOnly: 0, pushed: 0, pulled: 0, changed: 0 };
  for (const id of runIds) {
    if (!remoteId(svc.store.db, r.name, 'run', id)) runs.localOnly++;
    else {
      runs[pulledRun(svc.store.db, id)?.remote === r.name ? 'pulled' : 'pushed']++;
      if (!isEmptyDelta(await runDelta(svc, r.name, id))) runs.changed++;
    }
  }
  return { remote: r.name, url: r.url, lastSyncTime: r.lastSyncTime, lastSyncState: r.lastSyncState, runs };
}
