import type { OrderByClause } from '../../../shared/search/types';
import { compareCodePoints } from './code-point-order';
import { NotCovered } from './run-filter';
import { keyFinder, STRING_ATTRIBUTES, type RunRecord } from './run-record';

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

/**
 * Sorts runs as the SQL path does (electron/store/search/runs-order-sql.ts, MLflow's
 * `_get_orderby_clauses`): each key with missing values last in both directions (metrics:
 * numbers, then NaN, then missing), then `start_time DESC` unless start_time was named, then
 * run_id. Keys are read once per run, not once per comparison. Throws NotCovered for an
 * order it does not know.
 */
export function compileRunOrder(orderBy: readonly OrderByClause[]): (runs: RunRecord[], first: number) => RunRecord[] {
  const keys = orderBy.map(sortKey);
  if (!orderBy.some((o) => o.entity === 'attribute' && o.key === 'start_time')) keys.push(sortKey({ entity: 'attribute', key: 'start_time', ascending: false }));
  return (runs, first) => {
    const n = runs.length;
    const ranks = keys.map(() => new Uint8Array(n));
    const values = keys.map((k) => (k.numeric ? new Float64Array(n) : new Array<string>(n)));
    for (let i = 0; i < n; i++) {
      const r = runs[i]!;
      for (let k = 0; k < keys.length; k++) {
        const rank = keys[k]!.rank(r);
        ranks[k]![i] = rank;
        if (rank === 0) (values[k] as (string | number)[])[i] = keys[k]!.value(r);
        else if (!keys[k]!.numeric) (values[k] as string[])[i] = '';
      }
    }
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
    return smallest(n, first, compare).map((i) => runs[i]!);
  };
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
