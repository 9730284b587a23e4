import { logToRun } from '../../services/logging-service';
import * as runs from '../../services/runs-service';
import { searchRuns } from '../../services/search-service';
import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';

type RunHandlers = Pick<Handlers, 'runs.search' | 'runs.get' | 'runs.setTag' | 'runs.deleteTag' | 'runs.delete' | 'runs.restore' | 'runs.move'>;

export function runHandlers(svc: ServiceContext): RunHandlers {
  const lifecycle = async (runIds: string[], action: 'delete' | 'restore') => {
    for (const id of runIds) await runs.setRunLifecycle(svc, id, action);
    return { count: runIds.length };
  };
  return {
    'runs.search': (input) => {
      const page = searchRuns(svc, { ...input, orderBy: input.orderBy ?? [] });
      return { runs: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
    },
    'runs.get': ({ runId }) => runs.getRun(svc, runId),
    'runs.setTag': async ({ runId, key, value }) => {
      await logToRun(svc, { runId, metrics: null, params: [], tags: [{ key, value }] });
      return runs.getRun(svc, runId);
    },
    'runs.deleteTag': async ({ runId, key }) => (await runs.deleteRunTag(svc, runId, key), runs.getRun(svc, runId)),
    'runs.delete': ({ runIds }) => lifecycle(runIds, 'delete'),
    'runs.restore': ({ runIds }) => lifecycle(runIds, 'restore'),
    'runs.move': async ({ runIds, experimentId }) => ({ count: await runs.moveRuns(svc, runIds, experimentId) }),
  };
}
