import { useRunsView, type RunsViewStore } from '../../state/runs-view-store';
import { ColumnPicker } from './ColumnPicker';
import { columnId, isSystemTag } from './columns';
import { ExportCsvMenu } from './ExportCsvMenu';
import { Popover } from './Popover';
import type { RunsTableModel } from './use-runs-table-model';

/** How the table shows runs: hidden ones, grouping, columns; and CSV export of the result. */
export function ViewControls({ store, model, fileBase }: { store: RunsViewStore; model: RunsTableModel; fileBase: string }) {
  const st = store.getState();
  const hiddenCount = useRunsView(store, (s) => s.hidden.size);
  const showHidden = useRunsView(store, (s) => s.showHidden);
  const groupBy = useRunsView(store, (s) => s.groupBy);
  const { keys } = model;
  const sort = useRunsView(store, (s) => s.sort);
  const tags = [...keys.tags.filter((k) => !isSystemTag(k)), ...keys.tags.filter(isSystemTag)];
  return (
    <span className="rt-view-controls">
      {hiddenCount > 0 && (
        <label className="check">
          <input type="checkbox" checked={showHidden} onChange={(e) => st.setShowHidden(e.target.checked)} data-testid="show-hidden" /> Show {hiddenCount} hidden
        </label>
      )}
      <label className="check">
        Group by
        <select value={groupBy ?? ''} onChange={(e) => st.setGroupBy(e.target.value || null)} data-testid="group-by">
          <option value="">(none)</option>
          <option value="attributes.status">Status</option>
          <option value="attributes.user_id">User</option>
          {keys.params.length > 0 && (
            <optgroup label="Parameters">
              {keys.params.map((k) => (
                <option key={k} value={columnId('param', k)}>{k}</option>
              ))}
            </optgroup>
          )}
          {tags.length > 0 && (
            <optgroup label="Tags">
              {tags.map((k) => (
                <option key={k} value={columnId('tag', k)}>{k}</option>
              ))}
            </optgroup>
          )}
        </select>
        {model.groupPending && (
          <span className="muted rt-busy-note" role="status" aria-busy="true" data-testid="group-pending">
            grouping when its values are read…
          </span>
        )}
      </label>
      <Popover label="Columns" title="Choose columns" testId="column-picker">
        {() => <ColumnPicker keys={keys} columns={model.columns} onChange={(c) => st.setColumns(c)} />}
      </Popover>
      <ExportCsvMenu model={model} sort={sort} fileBase={fileBase} />
    </span>
  );
}
