import { DEFAULT_CHARTED_COUNT } from '../../state/chart-view-prefs';
import { COMPARE_MAX } from './RunsToolbar';

/** How many runs the Charts tab plots when nothing is selected or pinned, unless another count is chosen. */
export const DEFAULT_CHARTED = DEFAULT_CHARTED_COUNT;

/** The ids of `set`, those the table shows first in its order, then the rest (collapsed, grouped away). */
export function inTableOrder(set: ReadonlySet<string>, shownIds: readonly string[]): string[] {
  const shown = shownIds.filter((id) => set.has(id));
  if (shown.length === set.size) return shown;
  const seen = new Set(shown);
  return [...shown, ...[...set].filter((id) => !seen.has(id))];
}

/** What picking the charted runs needs of a row. */
export interface ChartableRecord {
  id: string;
  parentId: string | null;
  metricKeys: readonly string[];
}

/**
 * The shown ids in table order, each followed by its nested runs that are not shown (a
 * collapsed parent's trials), depth first: the runs "shown" when a sweep's parents, which log
 * no metrics themselves, are collapsed.
 */
export function withHiddenChildren(records: readonly ChartableRecord[], shownIds: readonly string[]): string[] {
  // the shown ids are only looked up when a run has a parent: a flat list of 50,000 runs builds no set
  let shown: Set<string> | null = null;
  const children = new Map<string, string[]>();
  for (const r of records) {
    const parent = r.parentId;
    if (!parent) continue;
    shown ??= new Set(shownIds);
    if (shown.has(r.id)) continue;
    const list = children.get(parent);
    if (list) list.push(r.id); // one list per parent: a sweep of 10,000 trials is not copied 10,000 times
    else children.set(parent, [r.id]);
  }
  if (children.size === 0) return shownIds.slice();
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push(id);
    const nested = children.get(id);
    if (nested) for (const c of nested) visit(c);
  };
  shownIds.forEach(visit);
  return out;
}

export interface ChartedRuns {
  /** The charted run ids, in table order (the charts read those runs whole). */
  ids: string[];
  /** Why these: the selection, the pinned runs, or the first shown runs that have metrics. */
  basis: 'selected' | 'pinned' | 'first';
  /** For 'first': how many shown runs have metrics (of which the first `count` are charted). */
  available?: number;
}

/**
 * What the Charts tab plots: the selection, else the pinned runs, else the first `count` shown
 * runs with metrics (a collapsed parent's nested runs counted where the parent is).
 */
export function chartedRuns(
  records: readonly ChartableRecord[],
  shownIds: readonly string[],
  selected: ReadonlySet<string>,
  pinned: ReadonlySet<string>,
  count: number = DEFAULT_CHARTED,
): ChartedRuns {
  const byId = new Map<string, ChartableRecord>();
  for (const r of records) byId.set(r.id, r);
  const pick = (ids: readonly string[]) => ids.filter((id) => byId.has(id));
  if (selected.size) return { ids: pick(inTableOrder(selected, shownIds)).slice(0, COMPARE_MAX), basis: 'selected' };
  const pins = pick(inTableOrder(pinned, shownIds));
  if (pins.length) return { ids: pins.slice(0, COMPARE_MAX), basis: 'pinned' };
  const withMetrics = pick(withHiddenChildren(records, shownIds)).filter((id) => byId.get(id)!.metricKeys.length > 0);
  return { ids: withMetrics.slice(0, count), basis: 'first', available: withMetrics.length };
}

/** The line over the charts that says which runs they show. */
export function chartedRunsCaption({ ids, basis, available }: ChartedRuns): string {
  const runs = ids;
  const n = `${runs.length} run${runs.length === 1 ? '' : 's'}`;
  if (basis === 'selected') return `Charting the ${n} selected in the table.`;
  if (basis === 'pinned') return `Charting the ${n} pinned in the table.`;
  const of = available !== undefined && available > runs.length ? ` of ${available}` : '';
  return `Charting the first ${runs.length}${of} run${(available ?? runs.length) === 1 ? '' : 's'} with metrics, in table order. Select or pin runs in the table to choose others.`;
}
