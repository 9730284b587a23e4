import type { RunsTableColumn, RunsTablePage } from '../../shared/ipc/runs-table-types';
import { metricNumber, sharedKeys, type RunRecord } from '../components/runs-table/run-values';

type Lookup<T> = Record<string, T>;
const lookup = <T,>(): Lookup<T> => Object.create(null) as Lookup<T>;

interface ColumnReader {
  target: 'metrics' | 'params' | 'tags';
  key: string;
  column: RunsTableColumn;
}

/** The page's columns, by which lookup of a row they fill. */
function readers(page: RunsTablePage): ColumnReader[] {
  const out: ColumnReader[] = [];
  for (const [id, column] of Object.entries(page.columns)) {
    const dot = id.indexOf('.');
    const prefix = id.slice(0, dot);
    if (prefix === 'metrics' || prefix === 'params' || prefix === 'tags') out.push({ target: prefix, key: id.slice(dot + 1), column });
  }
  return out;
}

/**
 * The table's rows (RunRecords) of one columnar page, equal to what indexRun makes of the same
 * runs from runs.search, except that params, metrics and tags hold only the columns the page
 * carries. The key lists are the runs' full ones (the column picker learns every key from
 * them), shared per key set as indexRun shares them.
 */
export function recordsFromPage(page: RunsTablePage): RunRecord[] {
  const keySets = page.keySets.map((s) => sharedKeys(s.metrics.map((i) => page.keys[i]!), s.params.map((i) => page.keys[i]!), s.tags.map((i) => page.keys[i]!)));
  const cols = readers(page);
  const n = page.ids.length;
  const out = new Array<RunRecord>(n);
  for (let i = 0; i < n; i++) {
    const metrics = lookup<number>();
    const params = lookup<string>();
    const tags = lookup<string>();
    for (const c of cols) {
      if (c.column.kind === 'number') {
        const v = c.column.values[i];
        if (v !== null && v !== undefined && c.target === 'metrics') metrics[c.key] = metricNumber(v);
      } else {
        const code = c.column.codes[i]!;
        if (code >= 0 && c.target !== 'metrics') (c.target === 'params' ? params : tags)[c.key] = c.column.dict[code]!;
      }
    }
    const id = page.ids[i]!;
    const keys = keySets[page.keySetOf[i]!]!;
    out[i] = {
      id,
      name: page.names[i] || id,
      status: page.statuses[i]!,
      start: page.startTimes[i] ?? null,
      end: page.endTimes[i] ?? null,
      user: page.users[i] ?? '',
      source: page.sources[i] ?? '',
      parentId: page.parentIds[i] ?? null,
      deleted: page.deleted[i] === 1,
      params,
      metrics,
      tags,
      metricKeys: keys.metricKeys,
      paramKeys: keys.paramKeys,
      tagKeys: keys.tagKeys,
      keySig: keys.keySig,
    };
  }
  return out;
}
