import { useApp } from '../../app-context';
import { useExperiments } from '../../state/experiments-store';
import { useRunsView, type RunsViewStore } from '../../state/runs-view-store';
import { MoveRunsForm } from './MoveRunsForm';
import { NestingControls } from './NestingControls';
import { leavingTheirParent } from './run-tree';
import { Popover } from './Popover';
import { TagRunsForm } from './TagRunsForm';
import type { RunsTableModel } from './use-runs-table-model';
import { ViewControls } from './ViewControls';
import { SyncActions } from '../sync/SyncActions';
import './runs-toolbar.css';

interface Props {
  store: RunsViewStore;
  model: RunsTableModel;
  onCompare(): void;
  /** The experiment's name made safe for a file name: what an exported CSV is called. */
  fileBase: string;
  /** The experiment is deleted: its runs can be looked at and compared, not changed, until it is restored. */
  readOnly?: boolean;
}

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 100;
const n = (x: number) => x.toLocaleString();
const runs = (x: number) => `${n(x)} run${x === 1 ? '' : 's'}`;

/** What is done to the selected runs: compare, pin, hide, tag, move, delete or restore. */
function SelectionActions({ store, model, onCompare, readOnly }: { store: RunsViewStore; model: RunsTableModel; onCompare(): void; readOnly: boolean }) {
  const st = store.getState();
  const selected = useRunsView(store, (s) => s.selected);
  const pinned = useRunsView(store, (s) => s.pinned);
  const hidden = useRunsView(store, (s) => s.hidden);
  const ids = [...selected];
  const count = ids.length;
  if (count === 0) return null;
  const allPinned = ids.every((id) => pinned.has(id));
  const allHidden = ids.every((id) => hidden.has(id));
  return (
    <span className="rt-selection" data-testid="selection-actions">
      <strong>{n(count)} selected</strong>
      <button type="button" className="primary" onClick={onCompare} disabled={count < COMPARE_MIN || count > COMPARE_MAX} title={`Compare ${COMPARE_MIN} to ${COMPARE_MAX} runs (c)`} data-testid="compare-button">
        Compare
      </button>
      <button type="button" onClick={() => st.setPinned(ids, !allPinned)}>{allPinned ? 'Unpin' : 'Pin'}</button>
      <button type="button" onClick={() => st.setHidden(ids, !allHidden)}>{allHidden ? 'Unhide' : 'Hide'}</button>
      {!readOnly && <RunChanges store={store} model={model} ids={ids} />}
      <button type="button" onClick={() => st.clearSelection()} title="Clear the selection (Esc)">Clear</button>
    </span>
  );
}

/** What changes the selected runs: tag, move, push, delete or restore (not offered in a deleted experiment). */
function RunChanges({ store, model, ids }: { store: RunsViewStore; model: RunsTableModel; ids: string[] }) {
  const st = store.getState();
  const selected = useRunsView(store, (s) => s.selected);
  const busy = useRunsView(store, (s) => s.busy);
  const lifecycle = useRunsView(store, (s) => s.lifecycle);
  const { experiments } = useApp();
  const allExperiments = useExperiments(experiments, (s) => s.list);
  const count = ids.length;
  const remove = () => {
    if (window.confirm(`Delete ${runs(count)}? You can restore them from the "Deleted runs" view.`)) void st.deleteRuns(ids);
  };
  return (
    <>
      <Popover label="Tag…" title="Tag the selected runs" testId="tag-runs" disabled={busy}>
        {(close) => <TagRunsForm count={count} onSet={(k, v) => st.tagRuns(ids, k, v)} onRemove={(k) => st.deleteTagOnRuns(ids, k)} onDone={close} />}
      </Popover>
      <Popover label="Move…" title="Move the selected runs to another experiment" testId="move-runs" disabled={busy}>
        {(close) => (
          <MoveRunsForm
            count={count}
            leavingParent={leavingTheirParent(model.records, selected)}
            targets={allExperiments.filter((e) => e.lifecycle_stage === 'active' && e.experiment_id !== st.experimentId)}
            onMove={(to) => st.moveRuns(ids, to)}
            onDone={close}
          />
        )}
      </Popover>
      <SyncActions
        what={{ runIds: ids }}
        pull={false}
        testId="runs-sync"
        note={`Pushes the selected run${count === 1 ? '' : 's'}, with the runs ${count === 1 ? 'it is' : 'they are'} nested under.`}
      />
      {lifecycle !== 'active' && (
        <button type="button" onClick={() => void st.restoreRuns(ids)} disabled={busy} data-testid="restore-button">Restore</button>
      )}
      {lifecycle !== 'deleted' && (
        <button type="button" className="danger" onClick={remove} disabled={busy} data-testid="delete-button">Delete</button>
      )}
    </>
  );
}

/** Over the table: how many runs, what to do with the selected ones, how to show them. */
export function RunsToolbar({ store, model, onCompare, fileBase, readOnly = false }: Props) {
  const status = useRunsView(store, (s) => s.status);
  return (
    <div className="runs-toolbar" role="toolbar" aria-label="Runs">
      <span className="rt-count" data-testid="run-count">
        {model.countText}
        {status === 'more' && <span className="muted"> · loading more…</span>}
        {status === 'loading' && <span className="muted"> · loading…</span>}
      </span>
      {model.nested && <NestingControls store={store} />}
      <SelectionActions store={store} model={model} onCompare={onCompare} readOnly={readOnly} />
      <ViewControls store={store} model={model} fileBase={fileBase} />
    </div>
  );
}
