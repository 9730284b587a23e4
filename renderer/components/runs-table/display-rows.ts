import { nodeAggregates } from './child-aggregates';
import type { Column } from './columns';
import { groupRecords, lazyGroupAggregates, type ChildAggregate, type MetricAggregate } from './grouping';
import { buildRunTree, descendantCount, type RunNode } from './run-tree';
import type { RunRecord } from './run-values';
import type { Sort } from './sorting';
import { orderTree } from './tree-order';

export interface RunRow {
  kind: 'run';
  key: string;
  record: RunRecord;
  depth: number;
  /** Runs nested under this one (any depth); 0 for a leaf. */
  childCount: number;
  expanded: boolean;
  /** For a parent: per metric column key, its nested runs' summary; null for a leaf. */
  aggregates: Record<string, ChildAggregate | null> | null;
}

export interface GroupRow {
  kind: 'group';
  key: string;
  column: Column;
  value: string | null;
  count: number;
  collapsed: boolean;
  aggregates: Record<string, MetricAggregate | null>;
}

export type DisplayRow = RunRow | GroupRow;

export interface DisplayInput {
  /** Runs in table order. */
  records: readonly RunRecord[];
  pinned: ReadonlySet<string>;
  hidden: ReadonlySet<string>;
  showHidden: boolean;
  onlyPinned: boolean;
  /** Parent runs whose children are shown. */
  expanded: ReadonlySet<string>;
  groupBy: Column | null;
  collapsedGroups: ReadonlySet<string>;
  /** Metric keys that get min/max/mean in group rows, and a parent's summary of its nested runs. */
  metricKeys: readonly string[];
  /** Orders children inside their parent, and parents by their own value or their nested runs' best. */
  sort: Sort | null;
  /** The clock durations are computed with. */
  now: number;
  /** Every run its own row, no nesting. */
  flat: boolean;
}

export const groupRowKey = (value: string | null) => (value === null ? 'group:∅' : `group:=${value}`);

function pushTree(out: DisplayRow[], nodes: readonly RunNode[], depth: number, input: DisplayInput): void {
  for (const node of nodes) {
    const id = node.record.id;
    const expanded = input.expanded.has(id);
    const childCount = descendantCount(node);
    const aggregates = childCount ? nodeAggregates(node, input.metricKeys, input.sort) : null;
    out.push({ kind: 'run', key: id, record: node.record, depth, childCount, expanded, aggregates });
    if (expanded && childCount) pushTree(out, node.children, depth + 1, input);
  }
}

const pinnedFirst = <T>(list: readonly T[], isPinned: (x: T) => boolean, anyPinned = true): readonly T[] => {
  if (!anyPinned) return list;
  const pinned = list.filter(isPinned);
  return pinned.length ? [...pinned, ...list.filter((x) => !isPinned(x))] : [...list];
};

/** Whether any of the runs has its parent among them (a run its own parent does not count). */
function nestsAny(records: readonly RunRecord[]): boolean {
  let ids: Set<string> | null = null;
  for (const r of records) {
    if (r.parentId === null || r.parentId === r.id) continue;
    ids ??= new Set(records.map((x) => x.id));
    if (ids.has(r.parentId)) return true;
  }
  return false;
}

/** Pinned runs first, then the rest, each in table order; children follow their parent (unless flat). */
function pushRuns(out: DisplayRow[], records: readonly RunRecord[], input: DisplayInput): void {
  if (input.flat || !nestsAny(records)) {
    // no run sits under another: the tree would be the list itself, in the same order (the
    // records come sorted as a tree of leaves sorts them), so none is built for 50,000 runs
    for (const record of pinnedFirst(records, (r) => input.pinned.has(r.id), input.pinned.size > 0)) {
      out.push({ kind: 'run', key: record.id, record, depth: 0, childCount: 0, expanded: !input.flat && input.expanded.has(record.id), aggregates: null });
    }
    return;
  }
  const roots = orderTree(buildRunTree(records), input.sort, input.now);
  pushTree(out, pinnedFirst(roots, (n) => input.pinned.has(n.record.id), input.pinned.size > 0), 0, input);
}

/** The runs that make rows: hidden ones dropped (unless shown), the pinned-only quick filter applied. */
export const shownRecords = (input: Pick<DisplayInput, 'records' | 'hidden' | 'showHidden' | 'onlyPinned' | 'pinned'>): readonly RunRecord[] =>
  (input.showHidden || input.hidden.size === 0) && !input.onlyPinned
    ? input.records // nothing to leave out: 50,000 runs are not copied
    : input.records.filter((r) => (input.showHidden || !input.hidden.has(r.id)) && (!input.onlyPinned || input.pinned.has(r.id)));

/**
 * The rows the table shows, in order: hidden runs dropped (unless shown), the pinned-only quick
 * filter applied, then grouped (a summary row per group) and nested under parents (unless
 * flat), siblings in the sort's order. A parent row carries its nested runs' summaries.
 */
export function buildDisplayRows(input: DisplayInput): DisplayRow[] {
  const shown = shownRecords(input);
  const out: DisplayRow[] = [];
  if (!input.groupBy) {
    pushRuns(out, shown, input);
    return out;
  }
  for (const g of groupRecords(shown, input.groupBy)) {
    const key = groupRowKey(g.value);
    const collapsed = input.collapsedGroups.has(key);
    out.push({ kind: 'group', key, column: input.groupBy, value: g.value, count: g.records.length, collapsed, aggregates: lazyGroupAggregates(g.records, input.metricKeys) });
    if (!collapsed) pushRuns(out, g.records, input);
  }
  return out;
}

/** The run ids the rows show, in order (for shift-click ranges, charts, compare). */
export function shownRunIds(rows: readonly DisplayRow[]): string[] {
  const out: string[] = [];
  for (const r of rows) if (r.kind === 'run') out.push(r.record.id);
  return out;
}
