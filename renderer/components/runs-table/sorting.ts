import { cellValue, columnFor, NAME_COLUMN, parseColumnId } from './columns';
import { preferredDirection } from './metric-direction';
import { orderByKeys } from './order-keys';
import type { RunRecord } from './run-values';

/** The table's sort: one column, either way. `null` is MLflow's default (newest first). */
export interface Sort {
  columnId: string;
  desc: boolean;
}

/** Attribute columns MLflow can order by, with the name its order_by uses. */
const SERVER_ATTRIBUTES: Record<string, string> = {
  run_name: 'attributes.run_name',
  status: 'attributes.status',
  start_time: 'attributes.start_time',
  end_time: 'attributes.end_time',
  user_id: 'attributes.user_id',
  run_id: 'attributes.run_id',
  source: 'tags.`mlflow.source.name`',
};
const PREFIX = { metric: 'metrics', param: 'params', tag: 'tags' } as const;

/**
 * Quotes a key for order_by in backticks. MLflow's order_by parser turns backticks into double
 * quotes and splits with shlex, so keys holding either quote, a backslash or a line break cannot
 * be carried: those return null (and are sorted in the app).
 */
export function quoteKey(key: string): string | null {
  return key === '' || /[`"\\\n\r]/.test(key) ? null : `\`${key}\``;
}

/**
 * MLflow's order_by for a sort (`metrics.\`loss\` DESC`), so paging follows the sort and the
 * first page is the right one. Null when the server cannot sort by it (duration, odd keys):
 * then the table sorts the loaded runs itself. An empty list means the server default.
 */
export function sortToOrderBy(sort: Sort | null): string[] | null {
  if (!sort) return [];
  const parsed = parseColumnId(sort.columnId);
  if (!parsed) return null;
  const dir = sort.desc ? 'DESC' : 'ASC';
  if (parsed.kind === 'attribute') {
    const name = SERVER_ATTRIBUTES[parsed.key];
    return name ? [`${name} ${dir}`] : null;
  }
  const quoted = quoteKey(parsed.key);
  return quoted ? [`${PREFIX[parsed.kind]}.${quoted} ${dir}`] : null;
}

export const isClientSort = (sort: Sort | null) => sortToOrderBy(sort) === null;

/** The last direction each column was sorted in (column id → descending), kept per experiment. */
export type SortMemory = Readonly<Record<string, boolean>>;

/**
 * Whether a first click on a column sorts it descending: the way that shows the best value
 * first for a metric whose name says it (`val_loss` up, `val_acc` down), else the way the
 * column was last sorted, else ascending.
 */
export function firstSortDesc(columnId: string, memory: SortMemory = {}): boolean {
  const parsed = parseColumnId(columnId);
  const preferred = parsed?.kind === 'metric' ? preferredDirection(parsed.key) : null;
  if (preferred) return preferred === 'desc';
  return memory[columnId] ?? false;
}

/** Header clicks cycle a column: its first direction, the other one, back to the default. */
export function nextSort(current: Sort | null, columnId: string, memory: SortMemory = {}): Sort | null {
  const first = firstSortDesc(columnId, memory);
  if (!current || current.columnId !== columnId) return { columnId, desc: first };
  return current.desc === first ? { columnId, desc: !first } : null;
}

/**
 * The memory after the sort changed from `prev` to `next`: a column's direction is remembered
 * when its sort is left (for another column or the default), so a click cycle reads a memory
 * that does not move under it.
 */
export function rememberSort(memory: SortMemory, prev: Sort | null, next: Sort | null): SortMemory {
  if (!prev || prev.columnId === next?.columnId || memory[prev.columnId] === prev.desc) return memory;
  return { ...memory, [prev.columnId]: prev.desc };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Missing and NaN values sort last either way, as MLflow puts NULLs last. */
export function compareValues(a: string | number | null, b: string | number | null, desc: boolean): number {
  const aMissing = a === null || (typeof a === 'number' && Number.isNaN(a));
  const bMissing = b === null || (typeof b === 'number' && Number.isNaN(b));
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const c = typeof a === 'number' && typeof b === 'number' ? (a < b ? -1 : a > b ? 1 : 0) : collator.compare(String(a), String(b));
  return desc ? -c : c;
}

/**
 * As the store orders: numbers by value, text by its code units (SQL's binary collation), missing
 * and NaN last. Re-sorting the server's order with this changes nothing, which lets the app
 * place runs the server could not (a parent by its nested runs' best) among runs it did.
 */
export function compareLikeServer(a: string | number | null, b: string | number | null, desc: boolean): number {
  const aMissing = a === null || (typeof a === 'number' && Number.isNaN(a));
  const bMissing = b === null || (typeof b === 'number' && Number.isNaN(b));
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const [x, y] = typeof a === 'number' && typeof b === 'number' ? [a, b] : [String(a), String(b)];
  const c = x < y ? -1 : x > y ? 1 : 0;
  return desc ? -c : c;
}

export const sameSort = (a: Sort | null, b: Sort | null) => a === b || (!!a && !!b && a.columnId === b.columnId && a.desc === b.desc);

interface Keyed {
  r: RunRecord;
  i: number;
  v: string | number | null;
}

/**
 * The loaded runs in the sort's order. `serverOrder` is the sort the server read them in: when
 * it is this sort, they are kept as they came. Otherwise the app orders them: as the store would
 * for a sort it can do (a sort chosen once every run was read, so none is read again), or
 * naturally for one it cannot (duration, odd keys).
 */
export function orderRecords(records: readonly RunRecord[], sort: Sort | null, now: number, serverOrder: Sort | null = sort): readonly RunRecord[] {
  if (!sort) return records;
  const client = isClientSort(sort);
  if (!client && sameSort(sort, serverOrder)) return records;
  const col = sort.columnId === NAME_COLUMN.id ? NAME_COLUMN : columnFor(sort.columnId);
  if (!col) return records;
  if (!client) return orderByKeys(records, (r) => cellValue(r, col, now), sort.desc);
  const keyed: Keyed[] = records.map((r, i) => ({ r, i, v: cellValue(r, col, now) }));
  keyed.sort((x, y) => compareValues(x.v, y.v, sort.desc) || x.i - y.i);
  return keyed.map((k) => k.r);
}
