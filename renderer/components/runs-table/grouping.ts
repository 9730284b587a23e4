import { cellValue, type Column } from './columns';
import { formatNumber, type RunRecord } from './run-values';
import { compareValues } from './sorting';

export interface MetricAggregate {
  min: number;
  max: number;
  mean: number;
  /** Values that counted (NaN never does). */
  count: number;
}

/**
 * min/max/mean of a metric over a group. NaN values are left out; infinities count for min and
 * max but not the mean (which is over the finite values, NaN when there are none).
 */
export function aggregate(values: readonly number[]): MetricAggregate | null {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let finite = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (Number.isFinite(v)) {
      sum += v;
      finite++;
    }
  }
  if (count === 0) return null;
  return { min, max, mean: finite ? sum / finite : NaN, count };
}

/** A parent run's summary of one metric over the runs nested under it, and which of them is best. */
export interface ChildAggregate extends MetricAggregate {
  /** The nested run with the best value (the sort's direction, else the metric's usual one). */
  bestId: string;
  /** The best run's name, for the cell's tooltip. */
  bestName: string;
  best: number;
  /** Whether "best" is known (from the sort or the metric's name); false: simply the smallest. */
  bestKnown: boolean;
}

/**
 * `aggregate` of each metric over a group's runs, in one pass over the runs with one read of each
 * value (a group of 50,000 runs × 20 metrics is a million reads: no array of values per metric,
 * no `in` before each read).
 */
export function groupAggregates(records: readonly RunRecord[], metricKeys: readonly string[]): Record<string, MetricAggregate | null> {
  const k = metricKeys.length;
  const min = new Float64Array(k).fill(Infinity);
  const max = new Float64Array(k).fill(-Infinity);
  const sum = new Float64Array(k);
  const finite = new Float64Array(k);
  const count = new Float64Array(k);
  for (const r of records) {
    const metrics = r.metrics;
    for (let j = 0; j < k; j++) {
      const v = metrics[metricKeys[j]!];
      if (v === undefined || Number.isNaN(v)) continue;
      count[j]!++;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
      if (Number.isFinite(v)) {
        sum[j]! += v;
        finite[j]!++;
      }
    }
  }
  const out: Record<string, MetricAggregate | null> = {};
  for (let j = 0; j < k; j++) out[metricKeys[j]!] = count[j] ? { min: min[j]!, max: max[j]!, mean: finite[j] ? sum[j]! / finite[j]! : NaN, count: count[j]! } : null;
  return out;
}

/**
 * The same as `groupAggregates`, each metric's summed up only when it is first read, then kept:
 * a grouping of 50,000 runs draws a few group rows with the metric columns in view, not every
 * group × every metric column (a million value reads, ~100 ms in one task) before its first frame.
 */
export function lazyGroupAggregates(records: readonly RunRecord[], metricKeys: readonly string[]): Record<string, MetricAggregate | null> {
  const out: Record<string, MetricAggregate | null> = {};
  for (const key of metricKeys) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = groupAggregates(records, [key])[key] ?? null;
        Object.defineProperty(out, key, { value, enumerable: true, configurable: false, writable: false });
        return value;
      },
    });
  }
  return out;
}

export const formatAggregate = (a: MetricAggregate, fmt: (n: number) => string = formatNumber) => `min ${fmt(a.min)} · mean ${fmt(a.mean)} · max ${fmt(a.max)}`;

export interface RunGroup {
  /** The grouped-by value; null for runs that do not have it. */
  value: string | null;
  records: RunRecord[];
}

/**
 * Splits runs by the value of a column (a param, tag or attribute). Groups are ordered by value,
 * numbers numerically, the "no value" group last; each group keeps the runs' order.
 */
export function groupRecords(records: readonly RunRecord[], by: Column): RunGroup[] {
  const groups = new Map<string | null, RunRecord[]>();
  for (const r of records) {
    const raw = cellValue(r, by, 0);
    const value = raw === null || raw === '' ? null : String(raw);
    const list = groups.get(value);
    if (list) list.push(r);
    else groups.set(value, [r]);
  }
  const numeric = [...groups.keys()].every((v) => v === null || (v.trim() !== '' && !Number.isNaN(Number(v))));
  return [...groups.entries()]
    .map(([value, recs]) => ({ value, records: recs }))
    .sort((a, b) => compareValues(numeric && a.value !== null ? Number(a.value) : a.value, numeric && b.value !== null ? Number(b.value) : b.value, false));
}
