import { cellValue, columnFor, NAME_COLUMN } from '../components/runs-table/columns';
import { orderByKeys } from '../components/runs-table/order-keys';
import type { RunRecord } from '../components/runs-table/run-values';
import { isClientSort, type Sort } from '../components/runs-table/sorting';

/**
 * The loaded rows in the order the store would answer them for `sort` (null: its default,
 * newest start first), for a sort chosen once every run is read; null for a sort only the app
 * does (duration, odd keys), which the table orders while it draws.
 */
export function reorderLikeServer(records: readonly RunRecord[], sort: Sort | null, now: number): RunRecord[] | null {
  if (!sort) return orderByKeys(records, (r) => r.start, true);
  if (isClientSort(sort)) return null;
  const col = sort.columnId === NAME_COLUMN.id ? NAME_COLUMN : columnFor(sort.columnId);
  if (!col) return null;
  if (col.kind === 'metric') {
    const key = col.key;
    return orderByKeys(records, (r) => r.metrics[key] ?? null, sort.desc);
  }
  return orderByKeys(records, (r) => cellValue(r, col, now), sort.desc);
}
