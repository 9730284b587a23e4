import { useEffect, useMemo, useState } from 'react';
import type { Run } from '../../shared/domain/tracking';
import type { Client } from '../api/client';
import { createRefreshScheduler } from './runs-refresh';
import { composeFilter } from './runs-query';

/** Ids asked in one runs.search (one IN list). */
const CHUNK = 100;

/** The runs of `ids` whole (the charts need every metric and param), read in few searches. */
export async function readRuns(api: Client, experimentId: string, ids: readonly string[]): Promise<Run[]> {
  const out: Run[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const page = await api.call('runs.search', { experimentIds: [experimentId], filter: composeFilter('', null, chunk), viewType: 'ALL', maxResults: chunk.length });
    out.push(...page.runs);
  }
  return out;
}

/**
 * The Run objects of the charted runs of an experiment's table (whose rows carry only the shown
 * columns), in the order of `ids`; kept by id, so a change of the chosen runs reads only the new
 * ones, and read again when they change.
 */
export function useChartedRunObjects(api: Client, experimentId: string, ids: readonly string[] | null): Run[] {
  const [byId, setById] = useState<ReadonlyMap<string, Run>>(() => new Map());
  const key = ids?.join('\u0000') ?? '';
  useEffect(() => {
    if (!ids?.length) return undefined;
    let live = true;
    const merge = (runs: Run[]) => {
      if (live) setById((prev) => new Map([...prev, ...runs.map((r) => [r.info.run_id, r] as const)]));
    };
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) void readRuns(api, experimentId, missing).then(merge, () => undefined);
    const wanted = new Set(ids);
    const scheduler = createRefreshScheduler(500, (changed) => readRuns(api, experimentId, changed.filter((id) => wanted.has(id))).then(merge));
    const off = api.on('runs.changed', (p) => {
      if (!p.experimentIds.includes(experimentId)) return;
      const mine = p.runIds.filter((id) => wanted.has(id));
      if (mine.length) scheduler.notify(mine);
    });
    return () => {
      live = false;
      off();
      scheduler.dispose();
    };
    // byId is read for what is missing when the ids change; it is not a dependency
  }, [api, experimentId, key]);
  return useMemo(() => (ids ?? []).flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])), [ids, byId]);
}
