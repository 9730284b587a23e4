import { useMemo } from 'react';
import { usePendingColumns } from '../../state/runs-pending-columns';
import { useRunsView, type RunsViewStore } from '../../state/runs-view-store';
import { columnFor, discoverKeys, resolveColumns, type AvailableKeys, type Column } from './columns';
import { buildDisplayRows, shownRecords, shownRunIds, type DisplayRow } from './display-rows';
import { runCountText } from './run-count';
import type { RunRecord } from './run-values';
import { orderRecords, sameSort } from './sorting';

export interface RunsTableModel {
  records: readonly RunRecord[];
  /** The same runs as they were read (server order): for what does not depend on the order, so a sort does not redo it. */
  loaded: readonly RunRecord[];
  keys: AvailableKeys;
  columns: Column[];
  /** The grouping the rows show: none while the grouped-by column's values are being read. */
  groupColumn: Column | null;
  /** Columns whose values are being read (their cells show a placeholder). */
  pending: ReadonlySet<string>;
  /** A grouping is chosen whose values are still being read (it applies when they are in). */
  groupPending: boolean;
  rows: DisplayRow[];
  /** Run ids in the order the rows show them. */
  shownIds: string[];
  /** What the rows are, in words: "4 parent runs · 52 runs in all (48 nested)". */
  countText: string;
  /** Whether any loaded run is nested under another loaded run. */
  nested: boolean;
  /** The clock the durations of running runs were computed with. */
  now: number;
}

/**
 * Everything the table derives from the store, each step memoised on its own inputs so a
 * selection change recomputes nothing and a pin rebuilds only the rows.
 */
export function useRunsTableModel(store: RunsViewStore): RunsTableModel {
  const runs = useRunsView(store, (s) => s.runs);
  // the sort the rows are in: a sort applied in steps follows the header (see setSort)
  const sort = useRunsView(store, (s) => s.rowsSort);
  const ordered = useRunsView(store, (s) => s.ordered);
  const runsOrder = useRunsView(store, (s) => s.runsOrder);
  const columnIds = useRunsView(store, (s) => s.columns);
  const groupBy = useRunsView(store, (s) => s.groupBy);
  const pinned = useRunsView(store, (s) => s.pinned);
  const hidden = useRunsView(store, (s) => s.hidden);
  const showHidden = useRunsView(store, (s) => s.showHidden);
  const onlyPinned = useRunsView(store, (s) => s.onlyPinned);
  const expanded = useRunsView(store, (s) => s.expanded);
  const collapsedGroups = useRunsView(store, (s) => s.collapsedGroups);
  const flat = useRunsView(store, (s) => s.flat);

  // a new clock per new data, not per render: memo rows stay stable while scrolling
  const now = useMemo(() => Date.now(), [runs]);
  const indexed = runs; // the store's rows, built from the table's columns as pages arrive
  const records = useMemo(
    () => (ordered && ordered.of === indexed && sameSort(ordered.sort, sort) ? ordered.runs : orderRecords(indexed, sort, now, runsOrder)),
    [ordered, indexed, sort, now, runsOrder],
  );
  const keys = useMemo(() => discoverKeys(indexed), [indexed]);
  const columns = useMemo(() => resolveColumns(columnIds, keys), [columnIds, keys]);
  const pending = usePendingColumns(store);
  const groupPending = groupBy !== null && pending.has(groupBy);
  // never a grouping on values not read yet (every run would fall in one empty group)
  const groupColumn = useMemo(() => (groupBy && !groupPending ? columnFor(groupBy) : null), [groupBy, groupPending]);
  const metricKeys = useMemo(() => columns.filter((c) => c.kind === 'metric').map((c) => c.key), [columns]);
  const rows = useMemo(
    () => buildDisplayRows({ records, pinned, hidden, showHidden, onlyPinned, expanded, groupBy: groupColumn, collapsedGroups, metricKeys, sort, now, flat }),
    [records, pinned, hidden, showHidden, onlyPinned, expanded, groupColumn, collapsedGroups, metricKeys, sort, now, flat],
  );
  const shownIds = useMemo(() => shownRunIds(rows), [rows]);
  const countText = useMemo(
    () => runCountText({ total: indexed.length, shown: shownRecords({ records: indexed, hidden, showHidden, onlyPinned, pinned }), flat, onlyPinned }),
    [indexed, hidden, showHidden, onlyPinned, pinned, flat],
  );
  const nested = useMemo(() => {
    const ids = new Set(indexed.map((r) => r.id));
    return indexed.some((r) => r.parentId !== null && r.parentId !== r.id && ids.has(r.parentId));
  }, [indexed]);
  return { records, loaded: indexed, keys, columns, groupColumn, pending, groupPending, rows, shownIds, now, countText, nested };
}
