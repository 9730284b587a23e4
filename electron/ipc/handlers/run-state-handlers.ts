import type { RunRemoteState, RunSyncState } from '../../../shared/ipc/sync-types';
import type { ServiceContext } from '../../services/service-context';
import { getRun } from '../../store/repos/runs-repo';
import { pulledRun } from '../../store/sync/pull-repo';
import { listRemotes, remoteId, type RemoteRow } from '../../store/sync/sync-repo';
import { isEmptyDelta, runDelta } from '../../sync/run-delta';
import type { Handlers } from '../dispatch';

/** The run on the remote's own UI (MLflow's route), when the remote's ids are known. */
export const remoteRunUrl = (remoteUrl: string, experimentId: string, runId: string) =>
  `${remoteUrl.replace(/\/+$/, '')}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;

/**
 * What `remote` has of a run: nothing ('local'), all of it ('pushed'), not all of it since
 * ('changed'), or the run came from it ('pulled', as the pull recorded; a pulled run edited here
 * since it was last synced is 'changed').
 */
async function stateOf(svc: ServiceContext, remote: RemoteRow, runId: string, experimentId: string): Promise<RunRemoteState> {
  const db = svc.store.db;
  const mapped = remoteId(db, remote.name, 'run', runId);
  if (!mapped) return { remote: remote.name, state: 'local' };
  const pulled = pulledRun(db, runId)?.remote === remote.name;
  const changed = !isEmptyDelta(await runDelta(svc, remote.name, runId));
  const state: RunSyncState = changed ? 'changed' : pulled ? 'pulled' : 'pushed';
  const exp = remoteId(db, remote.name, 'experiment', experimentId);
  return { remote: remote.name, state, ...(exp ? { remoteUrl: remoteRunUrl(remote.url, exp, mapped) } : {}) };
}

/** Sync badges: per run asked for (unknown runs are left out), one entry per remote. */
export function runStateHandlers(svc: ServiceContext): Pick<Handlers, 'sync.runStates'> {
  return {
    'sync.runStates': async ({ runIds }) => {
      const db = svc.store.db;
      const all = listRemotes(db);
      const out: Record<string, RunRemoteState[]> = {};
      if (!all.length) return out;
      for (const runId of new Set(runIds)) {
        let experimentId: string;
        try {
          experimentId = getRun(db, runId).info.experiment_id;
        } catch {
          continue;
        }
        out[runId] = [];
        for (const r of all) out[runId].push(await stateOf(svc, r, runId, experimentId));
      }
      return out;
    },
  };
}
