import { useMemo } from 'react';
import { useRunsView, type RunsViewStore } from './runs-view-store';
import { missingColumns, wantedColumns } from './runs-wanted-columns';

const NONE: ReadonlySet<string> = new Set();

/**
 * The columns the view needs (shown, sorted by, grouped by) whose values the rows do not carry
 * yet: being read. Their cells show a placeholder, a grouping or sort by one of them waits.
 * The same set object while nothing changes, so memoised rows stay.
 */
export function usePendingColumns(store: RunsViewStore): ReadonlySet<string> {
  const loaded = useRunsView(store, (s) => s.loadedColumns);
  const columns = useRunsView(store, (s) => s.columns);
  const sort = useRunsView(store, (s) => s.sort);
  const groupBy = useRunsView(store, (s) => s.groupBy);
  return useMemo(() => {
    const missing = missingColumns(loaded, wantedColumns({ columns, sort, groupBy }));
    return missing && missing.length ? new Set(missing) : NONE;
  }, [loaded, columns, sort, groupBy]);
}
