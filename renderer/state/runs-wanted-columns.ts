import type { Sort } from '../components/runs-table/sorting';

const DATA_PREFIXES = ['metrics.', 'params.', 'tags.'];
const isDataColumn = (id: string) => DATA_PREFIXES.some((p) => id.startsWith(p) && id.length > p.length);

/**
 * The param/metric/tag columns whose values the table's rows need: the shown ones, the sort's
 * and the grouping's. Null when the view has not picked its columns (the defaults depend on
 * the keys the runs have, so every column is read).
 */
export function wantedColumns(s: { columns: readonly string[] | null; sort: Sort | null; groupBy: string | null }): string[] | null {
  if (s.columns === null) return null;
  const out = new Set(s.columns.filter(isDataColumn));
  if (s.sort && isDataColumn(s.sort.columnId)) out.add(s.sort.columnId);
  if (s.groupBy && isDataColumn(s.groupBy)) out.add(s.groupBy);
  return [...out];
}

/** Whether rows read with `loaded` columns (null: all) have every `wanted` one. */
export function coversColumns(loaded: readonly string[] | null, wanted: readonly string[] | null): boolean {
  if (loaded === null) return true;
  if (wanted === null) return false;
  const have = new Set(loaded);
  return wanted.every((id) => have.has(id));
}

/**
 * The `wanted` columns rows read with `loaded` columns lack; null when that cannot be listed
 * (every column wanted, some read): only reading everything again tells.
 */
export function missingColumns(loaded: readonly string[] | null, wanted: readonly string[] | null): string[] | null {
  if (loaded === null) return [];
  if (wanted === null) return null;
  const have = new Set(loaded);
  return wanted.filter((id) => !have.has(id));
}
