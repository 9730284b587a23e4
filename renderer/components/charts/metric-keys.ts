import type { Run } from '../../../shared/domain/tracking';

/** A collapsible group of charts: metric keys sharing the text before their first '/'. */
export interface MetricSection {
  /** '' for keys without a '/'. */
  prefix: string;
  label: string;
  keys: string[];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Every metric key logged by any of the runs, plus keys seen live, sorted naturally (loss_2 before loss_10). */
export function metricKeys(runs: readonly Run[], extra: readonly string[] = []): string[] {
  const keys = new Set(extra);
  for (const run of runs) for (const m of run.data.metrics ?? []) keys.add(m.key);
  return [...keys].sort(collator.compare);
}

export function keyPrefix(key: string): string {
  const slash = key.indexOf('/');
  return slash > 0 ? key.slice(0, slash) : '';
}

/** Sections by prefix: un-prefixed keys first (as "Metrics"), then prefixes in natural order. */
export function groupByPrefix(keys: readonly string[]): MetricSection[] {
  const byPrefix = new Map<string, string[]>();
  for (const key of keys) {
    const p = keyPrefix(key);
    const list = byPrefix.get(p) ?? [];
    list.push(key);
    byPrefix.set(p, list);
  }
  return [...byPrefix.keys()]
    .sort((a, b) => (a === '' ? -1 : b === '' ? 1 : collator.compare(a, b)))
    .map((prefix) => ({ prefix, label: prefix === '' ? 'Metrics' : `${prefix}/`, keys: byPrefix.get(prefix)!.sort(collator.compare) }));
}
