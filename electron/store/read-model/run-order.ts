import type { OrderByClause } from '../../../shared/search/types';
import { compareCodePoints } from './code-point-order';
import { NotCovered } from './run-filter';
import { keyFinder, type RunRecord } from './run-record';

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

const STRING_ATTRIBUTES: Record<string, (r: RunRecord) => string> = {
  run_id: (r) => r.id,
  run_name: (r) => r.name,
  status: (r) => r.status,
  user_id: (r) => r.userId,
  artifact_uri: (r) => r.artifactUri,
};

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
 * a max-heap of the k best so far: most items are turned away by one comparison with its top,
 * instead of taking part in a full sort.
 */
export function smallest(n: number, k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (k * 4 >= n) {
    const all = Array.from({ length: n }, (_, i) => i).sort(compare);
    return k < n ? all.slice(0, k) : all;
  }
  const heap = Array.from({ length: k }, (_, i) => i);
  const siftDown = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= k) return;
      const r = l + 1;
      const big = r < k && compare(heap[r]!, heap[l]!) > 0 ? r : l;
      if (compare(heap[big]!, heap[i]!) <= 0) return;
      [heap[i], heap[big]] = [heap[big]!, heap[i]!];
      i = big;
    }
  };
  for (let i = (k >> 1) - 1; i >= 0; i--) siftDown(i);
  for (let i = k; i < n; i++) {
    if (compare(i, heap[0]!) < 0) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort(compare);
}
