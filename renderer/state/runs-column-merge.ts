import type { RunsTableValues } from '../../shared/ipc/runs-table-types';
import { metricNumber, type RunRecord } from '../components/runs-table/run-values';

type Lookup<T> = Record<string, T>;
const copyOf = <T,>(from: Lookup<T>): Lookup<T> => Object.assign(Object.create(null) as Lookup<T>, from);

interface Asked {
  target: 'metrics' | 'params' | 'tags';
  key: string;
  id: string;
}

const askedOf = (columnIds: readonly string[]): Asked[] =>
  columnIds.flatMap((id) => {
    const dot = id.indexOf('.');
    const target = id.slice(0, dot);
    return (target === 'metrics' || target === 'params' || target === 'tags') && dot < id.length - 1 ? [{ target, key: id.slice(dot + 1), id } as Asked] : [];
  });

/**
 * The rows with the values of `columnIds` read afterwards (runs.searchTableValues) put in, by
 * run id: a run the answer has gets a new record whose lookups hold the asked columns (a value,
 * or none); a run it lacks (gone from the query since) is kept as it is. The other rows' records
 * are new objects too only when they change, so memoised rows stay.
 */
export function mergeColumnValues(runs: readonly RunRecord[], pages: readonly RunsTableValues[], columnIds: readonly string[]): RunRecord[] {
  const asked = askedOf(columnIds);
  const where = new Map<string, { page: RunsTableValues; i: number }>();
  for (const page of pages) for (let i = 0; i < page.ids.length; i++) where.set(page.ids[i]!, { page, i });
  const touches = { metrics: asked.some((a) => a.target === 'metrics'), params: asked.some((a) => a.target === 'params'), tags: asked.some((a) => a.target === 'tags') };
  return runs.map((r) => {
    const at = where.get(r.id);
    if (!at) return r;
    const next = {
      metrics: touches.metrics ? copyOf(r.metrics) : r.metrics,
      params: touches.params ? copyOf(r.params) : r.params,
      tags: touches.tags ? copyOf(r.tags) : r.tags,
    };
    for (const a of asked) {
      const column = at.page.columns[a.id];
      delete next[a.target][a.key];
      if (!column) continue;
      if (column.kind === 'number') {
        const v = column.values[at.i];
        if (a.target === 'metrics' && v !== null && v !== undefined) next.metrics[a.key] = metricNumber(v);
      } else if (a.target !== 'metrics') {
        const code = column.codes[at.i] ?? -1;
        if (code >= 0) next[a.target][a.key] = column.dict[code]!;
      }
    }
    return { ...r, ...next };
  });
}
