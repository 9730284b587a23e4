import type { Column } from './columns';
import { isClientSort, type Sort } from './sorting';

/** A header's tooltip: what the column is (kind and full key), how it is sorted, what a click does. */
export function headerTitle(column: Column, sort: Sort | null): string {
  const what = `${column.kind} · ${column.kind === 'attribute' ? column.label : column.key}`;
  const sorted = sort?.columnId === column.id ? `Sorted ${sort.desc ? 'descending' : 'ascending'}${isClientSort(sort) ? ' (in the app: the server cannot order by it)' : ''}.\n` : '';
  return `${what}\n${sorted}Click to sort (ascending, descending, then off). Drag to move; drag the right edge to resize (double-click it to fit); right-click for more.`;
}

/** The arrow after a sorted column's title. */
export function sortArrow(sort: Sort | null, id: string): string {
  if (!sort || sort.columnId !== id) return '';
  return sort.desc ? ' ↓' : ' ↑';
}
