import type { Column } from './columns';
import { groupAggregates, groupRecords, type ChildAggregate, type MetricAggregate } from './grouping';
import { buildRunTree, descendantCount, type RunNode } from './run-tree';
import type { RunRecord } from './run-values';

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
  /** Metric keys that get min/max/mean in group rows. */
  metricKeys: readonly string[];
}

export const groupRowKey = (value: string | null) => (value === null ? 'group:∅' : `group:=${value}`);

function pushTree(out: DisplayRow[], nodes: RunNode[], depth: number, input: DisplayInput): void {
  for (const node of nodes) {
    const id = node.record.id;
    const expanded = input.expanded.has(id);
    const childCount = descendantCount(node);
    out.push({ kind: 'run', key: id, record: node.record, depth, childCount, expanded, aggregates: null });
    if (expanded && childCount) pushTree(out, node.children, depth + 1, input);
  }
}

/** Pinned runs first, then the rest, each in table order; children follow their parent. */
function pushRuns(out: DisplayRow[], records: readonly RunRecord[], input: DisplayInput): void {
  const roots = buildRunTree(records);
  const pinned = roots.filter((n) => input.pinned.has(n.record.id));
  pushTree(out, pinned.length ? [...pinned, ...roots.filter((n) => !input.pinned.has(n.record.id))] : roots, 0, input);
}

/**
 * The rows the table shows, in order: hidden runs dropped (unless shown), the pinned-only quick
 * filter applied, then grouped (a summary row per group) and nested under parents.
 */
export function buildDisplayRows(input: DisplayInput): DisplayRow[] {
  const shown = input.records.filter((r) => (input.showHidden || !input.hidden.has(r.id)) && (!input.onlyPinned || input.pinned.has(r.id)));
  const out: DisplayRow[] = [];
  if (!input.groupBy) {
    pushRuns(out, shown, input);
    return out;
  }
  for (const g of groupRecords(shown, input.groupBy)) {
    const key = groupRowKey(g.value);
    const collapsed = input.collapsedGroups.has(key);
    out.push({ kind: 'group', key, column: input.groupBy, value: g.value, count: g.records.length, collapsed, aggregates: groupAggregates(g.records, input.metricKeys) });
    if (!collapsed) pushRuns(out, g.records, input);
  }
  return out;
}

/** The run ids the rows show, in order (for shift-click ranges, charts, compare). */
export const shownRunIds = (rows: readonly DisplayRow[]) => rows.flatMap((r) => (r.kind === 'run' ? [r.record.id] : []));
