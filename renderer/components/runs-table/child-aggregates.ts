import { aggregate, type ChildAggregate } from './grouping';
import { preferredDirection } from './metric-direction';
import type { RunNode } from './run-tree';
import { formatNumber, type RunRecord } from './run-values';
import type { Sort } from './sorting';

/** Every run under a node, at any depth, parents before their children. */
export function descendants(node: RunNode): RunRecord[] {
  const out: RunRecord[] = [];
  const walk = (n: RunNode) => {
    for (const c of n.children) {
      out.push(c.record);
      walk(c);
    }
  };
  walk(node);
  return out;
}

/** Which value of a metric is best: the largest or the smallest, and whether that is known. */
export interface BestRule {
  largest: boolean;
  /** False when neither the sort nor the metric's name says (then the smallest is taken). */
  known: boolean;
}

/**
 * The best of a metric: the sort's direction when the table is sorted by it, else what its name
 * says (`val_acc` the largest, `val_loss` the smallest), else the smallest, marked as not known.
 */
export function bestRule(metricKey: string, sort: Sort | null): BestRule {
  if (sort && sort.columnId === `metrics.${metricKey}`) return { largest: sort.desc, known: true };
  const preferred = preferredDirection(metricKey);
  return { largest: preferred === 'desc', known: preferred !== null };
}

/**
 * One metric over some runs: min/max/mean and the best run (the first one with the best value,
 * in the given order). NaN never counts; null when no run has a value.
 */
export function childAggregate(records: readonly RunRecord[], metricKey: string, { largest, known }: BestRule): ChildAggregate | null {
  const values: number[] = [];
  let best: RunRecord | null = null;
  let bestValue = NaN;
  for (const r of records) {
    if (!(metricKey in r.metrics)) continue;
    const v = r.metrics[metricKey]!;
    values.push(v);
    if (Number.isNaN(v)) continue;
    if (best === null || (largest ? v > bestValue : v < bestValue)) {
      best = r;
      bestValue = v;
    }
  }
  const agg = aggregate(values);
  return agg && best ? { ...agg, bestId: best.id, bestName: best.name, best: bestValue, bestKnown: known } : null;
}

/** A parent row's summaries: per metric key, over every run nested under it. */
export function nodeAggregates(node: RunNode, metricKeys: readonly string[], sort: Sort | null): Record<string, ChildAggregate | null> {
  const runs = descendants(node);
  const out: Record<string, ChildAggregate | null> = {};
  for (const key of metricKeys) out[key] = childAggregate(runs, key, bestRule(key, sort));
  return out;
}

/** What a parent cell marks its value as: the best nested run's, or just the smallest. */
export const bestLabel = (a: ChildAggregate) => (a.bestKnown ? 'best' : 'min');

/** A parent cell's tooltip: "best 0.213 (adam-lr1e-3-l6) · mean 0.41 · 0.213–0.93 · 12 nested runs". */
export function describeChildAggregate(a: ChildAggregate): string {
  const runs = `${a.count} nested run${a.count === 1 ? '' : 's'}`;
  return `${bestLabel(a)} ${formatNumber(a.best)} (${a.bestName}) · mean ${formatNumber(a.mean)} · ${formatNumber(a.min)}–${formatNumber(a.max)} · ${runs}`;
}
