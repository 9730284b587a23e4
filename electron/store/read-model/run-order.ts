import type { OrderByClause } from '../../../shared/search/types';
import { compareCodePoints } from '../../../shared/domain/code-point-order';
import { NotCovered } from './run-filter';
import { keyFinder, STRING_ATTRIBUTES, type RunRecord } from './run-record';
import type { Slicer } from './slicer';

/** Missing values (and NaN metrics, ranked between numbers and missing) as the SQL orders them. */
const MISSING = 2;
const NAN = 1;

interface SortKey {
  /** Per record: 0 a value, 1 NaN (metrics), 2 missing or NULL. */
  rank: (r: RunRecord) => number;
  value: (r: RunRecord) => string | number;
  numeric: boolean;
  ascending: boolean;
}

function sortKey(item: OrderByClause): SortKey {
  const { key, ascending } = item;
  switch (item.entity) {
    case 'attribute': {
      if (key === 'start_time' || key === 'end_time') {
        const get = key === 'start_time' ? (r: RunRecord) => r.startTime : (r: RunRecord) => r.endTime;
        return { rank: (r) => (get(r) === null ? MISSING : 0), value: (r) => get(r) ?? 0, numeric: true, ascending };
      }
      const get = Object.hasOwn(STRING_ATTRIBUTES, key) ? STRING_ATTRIBUTES[key] : undefined;
      if (!get) throw new NotCovered(`order by attribute ${key}`);
      return { rank: () => 0, value: get, numeric: false, ascending };
    }
    case 'metric': {
      const find = keyFinder(key);
      return {
        rank: (r) => {
          const i = find(r.metricKeys);
          if (i < 0) return MISSING;
          const v = r.metricPoints[3 * i]!;
          return v !== v ? NAN : 0;
        },
        value: (r) => {
          const i = find(r.metricKeys);
          return i < 0 ? 0 : r.metricPoints[3 * i]!;
        },
        numeric: true,
        ascending,
      };
    }
    case 'param':
    case 'tag': {
      const keysOf = item.entity === 'param' ? (r: RunRecord) => r.paramKeys : (r: RunRecord) => r.tagKeys;
      const valuesOf = item.entity === 'param' ? (r: RunRecord) => r.paramValues : (r: RunRecord) => r.tagValues;
      const find = keyFinder(key);
      return {
        rank: (r) => (find(keysOf(r)) < 0 ? MISSING : 0),
        value: (r) => {
          const i = find(keysOf(r));
          return i < 0 ? '' : valuesOf(r)[i]!;
        },
        numeric: false,
        ascending,
      };
    }
    default:
      throw new NotCovered(`order by ${item.entity}`);
  }
}

/** The sort keys of an order: its clauses, then start_time DESC unless it names start_time (the SQL path's order), then run_id. */
function sortKeys(orderBy: readonly OrderByClause[]): SortKey[] {
  const keys = orderBy.map(sortKey);
  if (!orderBy.some((o) => o.entity === 'attribute' && o.key === 'start_time')) keys.push(sortKey({ entity: 'attribute', key: 'start_time', ascending: false }));
  return keys;
}

/** Compares two runs by their sort keys' ranks and values (ties broken by run_id: a total order). */
function compareBy(keys: readonly SortKey[], ra: readonly number[], va: readonly (string | number)[], rb: readonly number[], vb: readonly (string | number)[], idA: string, idB: string): number {
  for (let k = 0; k < keys.length; k++) {
    if (ra[k] !== rb[k]) return ra[k]! - rb[k]!;
    if (ra[k] !== 0) continue;
    const key = keys[k]!;
    const x = va[k]!;
    const y = vb[k]!;
    const c = key.numeric ? (x < y ? -1 : x > y ? 1 : 0) : compareCodePoints(x as string, y as string);
    if (c !== 0) return key.ascending ? c : -c;
  }
  return compareCodePoints(idA, idB);
}

/**
 * The order of `runs` as a comparison of positions in it (each run's keys read once, up front):
 * the SQL path's ORDER BY, a total order.
 */
function positionComparator(keys: readonly SortKey[], runs: readonly RunRecord[]): (a: number, b: number) => number {
  const read = keysReader(keys, runs);
  for (let i = 0; i < runs.length; i++) read.at(i);
  return read.compare;
}

/** positionComparator with the runs' keys read in slices (the event loop given a turn between them). */
async function positionComparatorSliced(keys: readonly SortKey[], runs: readonly RunRecord[], slicer: Slicer): Promise<(a: number, b: number) => number> {
  const read = keysReader(keys, runs);
  for (let i = 0; i < runs.length; i++) {
    read.at(i);
    if ((i + 1) % slicer.checkEvery === 0 && slicer.due()) await slicer.next();
  }
  return read.compare;
}

/** Reads the runs' sort keys into columns (at(i) for each position), and compares positions on them once read. */
function keysReader(keys: readonly SortKey[], runs: readonly RunRecord[]): { at: (i: number) => void; compare: (a: number, b: number) => number } {
  const n = runs.length;
  const ranks = keys.map(() => new Uint8Array(n));
  const values = keys.map((k) => (k.numeric ? new Float64Array(n) : new Array<string>(n)));
  const at = (i: number) => {
    const r = runs[i]!;
    for (let k = 0; k < keys.length; k++) {
      const rank = keys[k]!.rank(r);
      ranks[k]![i] = rank;
      if (rank === 0) (values[k] as (string | number)[])[i] = keys[k]!.value(r);
      else if (!keys[k]!.numeric) (values[k] as string[])[i] = '';
    }
  };
  const compare = (a: number, b: number): number => {
    for (let k = 0; k < keys.length; k++) {
      const ra = ranks[k]![a]!;
      const rb = ranks[k]![b]!;
      if (ra !== rb) return ra - rb;
      if (ra !== 0) continue;
      const key = keys[k]!;
      let c: number;
      if (key.numeric) {
        const x = (values[k] as Float64Array)[a]!;
        const y = (values[k] as Float64Array)[b]!;
        c = x < y ? -1 : x > y ? 1 : 0;
      } else {
        c = compareCodePoints((values[k] as string[])[a]!, (values[k] as string[])[b]!);
      }
      if (c !== 0) return key.ascending ? c : -c;
    }
    return compareCodePoints(runs[a]!.id, runs[b]!.id);
  };
  return { at, compare };
}

/** A compiled order: the runs' keys compared by position in a list, or two runs directly (the same order). */
export interface RunOrder {
  /** The first `first` of the runs in this order (a quickselect when few are wanted). */
  sort: (runs: RunRecord[], first: number) => RunRecord[];
  /** A comparison of positions in `runs`, their keys read once. */
  positions: (runs: readonly RunRecord[]) => (a: number, b: number) => number;
  /** positions, the keys read in slices. */
  positionsSliced: (runs: readonly RunRecord[], slicer: Slicer) => Promise<(a: number, b: number) => number>;
  /** A comparison of two runs (their keys read on each call: for a few). */
  records: (a: RunRecord, b: RunRecord) => number;
}

/**
 * The SQL path's ORDER BY over run records: the given clauses, then start_time DESC unless one
 * names start_time, then run_id. A missing key (or a NULL time) sorts last whatever the
 * direction, a NaN metric after numbers and before missing. Throws NotCovered for an order the
 * SQL path answers but this does not.
 */
export function compileRunOrders(orderBy: readonly OrderByClause[]): RunOrder {
  const keys = sortKeys(orderBy);
  const keysOf = (r: RunRecord): [number[], (string | number)[]] => {
    const ranks = keys.map((k) => k.rank(r));
    return [ranks, keys.map((k, i) => (ranks[i] === 0 ? k.value(r) : k.numeric ? 0 : ''))];
  };
  return {
    sort: (runs, first) => smallest(runs.length, first, positionComparator(keys, runs)).map((i) => runs[i]!),
    positions: (runs) => positionComparator(keys, runs),
    positionsSliced: (runs, slicer) => positionComparatorSliced(keys, runs, slicer),
    records: (a, b) => {
      const [ra, va] = keysOf(a);
      const [rb, vb] = keysOf(b);
      return compareBy(keys, ra, va, rb, vb, a.id, b.id);
    },
  };
}

/** compileRunOrders's sort alone. */
export function compileRunOrder(orderBy: readonly OrderByClause[]): (runs: RunRecord[], first: number) => RunRecord[] {
  return compileRunOrders(orderBy).sort;
}

/**
 * The `k` smallest of 0..n-1 under `compare` (a total order), sorted. When k is well below n,
 * a quickselect (median-of-three pivots, so sorted input is no worse) first moves the k
 * smallest to the front, and only those are sorted: O(n) on average instead of O(n log n).
 */
export function smallest(n: number, k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  const idx = Array.from({ length: n }, (_, i) => i);
  if (k * 4 >= n) {
    idx.sort(compare);
    return k < n ? idx.slice(0, k) : idx;
  }
  const target = k - 1;
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const a = idx[lo]!;
    const b = idx[(lo + hi) >> 1]!;
    const c = idx[hi]!;
    const pivot = compare(a, b) < 0 ? (compare(b, c) < 0 ? b : compare(a, c) < 0 ? c : a) : compare(a, c) < 0 ? a : compare(b, c) < 0 ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (compare(idx[i]!, pivot) < 0) i++;
      while (compare(idx[j]!, pivot) > 0) j--;
      if (i <= j) {
        const t = idx[i]!;
        idx[i] = idx[j]!;
        idx[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  const front = idx.slice(0, k);
  return front.sort(compare);
}
