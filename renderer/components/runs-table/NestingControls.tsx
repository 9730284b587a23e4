import { useRunsView, type RunsViewStore } from '../../state/runs-view-store';

/** For runs nested under others (a sweep): open or fold every parent, or list every run flat. */
export function NestingControls({ store }: { store: RunsViewStore }) {
  const st = store.getState();
  const flat = useRunsView(store, (s) => s.flat);
  const anyExpanded = useRunsView(store, (s) => s.expanded.size > 0);
  return (
    <span className="rt-nesting" data-testid="nesting-controls">
      <button type="button" onClick={() => st.expandAll()} disabled={flat} title="Show the runs nested under every parent" data-testid="expand-all">
        Expand all
      </button>
      <button type="button" onClick={() => st.collapseAll()} disabled={flat || !anyExpanded} title="Fold every parent's nested runs away" data-testid="collapse-all">
        Collapse all
      </button>
      <label className="check" title="Every run its own row, not nested under its parent">
        <input type="checkbox" checked={flat} onChange={(e) => st.setFlat(e.target.checked)} data-testid="flat-list" /> Flat list
      </label>
    </span>
  );
}
