import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { RunStatus } from '../../../shared/domain/tracking';
import type { SearchError } from '../../../shared/search';
import { useRunsView, type RunsViewStore } from '../../state/runs-view-store';
import type { Lifecycle } from '../../state/runs-view-prefs';
import { errorParts, namesPosition } from './filter-error';
import './filter-bar.css';

const QUICK_STATUSES: [RunStatus | null, string][] = [
  [null, 'All'],
  ['RUNNING', 'Running'],
  ['FINISHED', 'Finished'],
  ['FAILED', 'Failed'],
  ['KILLED', 'Killed'],
];

function FilterError({ text, error, applied }: { text: string; error: SearchError; applied: string }) {
  const [, bad] = errorParts(text, error);
  return (
    <div className="fb-error" role="alert" id="run-filter-error" data-testid="filter-error">
      {error.message}
      {!namesPosition(error) && (
        <span className="muted">
          {' '}
          (at character {error.offset + 1}
          {bad.trim() ? <>: <mark>{bad}</mark></> : ', the end'})
        </span>
      )}
      <div className="muted" data-testid="filter-still-applied">
        {applied ? <>The table still shows the runs of the last valid filter: <code>{applied}</code></> : 'The table shows all runs until the filter is valid.'}
      </div>
    </div>
  );
}

/**
 * The run filter (MLflow's grammar plus OR, NOT and parentheses), checked on every keystroke
 * with the same parser the store uses; a bad span is underlined in place (a mirror of the text
 * laid over the input) and explained below. A valid filter applies after a typing pause, or at
 * once with Enter. Plus the quick filters.
 */
export function FilterBar({ store, inputRef }: { store: RunsViewStore; inputRef: RefObject<HTMLInputElement | null> }) {
  const st = store.getState();
  const text = useRunsView(store, (s) => s.filterText);
  const error = useRunsView(store, (s) => s.filterError);
  const applied = useRunsView(store, (s) => s.appliedFilter);
  const status = useRunsView(store, (s) => s.statusFilter);
  const lifecycle = useRunsView(store, (s) => s.lifecycle);
  const onlyPinned = useRunsView(store, (s) => s.onlyPinned);
  const pinnedCount = useRunsView(store, (s) => s.pinned.size);
  const mirror = useRef<HTMLDivElement>(null);
  const syncScroll = () => {
    if (mirror.current && inputRef.current) mirror.current.scrollLeft = inputRef.current.scrollLeft;
  };
  useLayoutEffect(syncScroll);
  const parts = error ? errorParts(text, error) : null;

  return (
    <div className="filter-bar">
      <div className="fb-field">
        <input
          ref={inputRef}
          type="text"
          value={text}
          spellCheck={false}
          autoComplete="off"
          placeholder="Filter runs, e.g.  metrics.loss < 0.5 and (params.lr = '0.01' or not tags.tuned = 'yes')   (press / to focus)"
          aria-label="Filter runs (MLflow search syntax, plus OR, NOT and parentheses)"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'run-filter-error' : undefined}
          data-testid="run-filter"
          onChange={(e) => st.setFilterText(e.target.value)}
          onScroll={syncScroll}
          onSelect={syncScroll}
          onKeyDown={(e) => {
            if (e.key === 'Enter') st.applyFilter();
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
        />
        {parts && (
          <div className="fb-mirror" ref={mirror} aria-hidden="true">
            {parts[0]}
            <span className="fb-squiggle">{parts[1]}</span>
            {parts[2]}
          </div>
        )}
        {text && (
          <button type="button" className="fb-clear" onClick={() => { st.setFilterText(''); st.applyFilter(); }} title="Clear the filter" aria-label="Clear the filter">
            ×
          </button>
        )}
      </div>
      {error && <FilterError text={text} error={error} applied={applied} />}
      <div className="fb-quick" role="group" aria-label="Quick filters">
        {QUICK_STATUSES.map(([value, label]) => (
          <button key={label} type="button" className="fb-chip" aria-pressed={status === value} onClick={() => st.setStatusFilter(value)} data-testid={`quick-status-${label.toLowerCase()}`}>
            {label}
          </button>
        ))}
        <label className="check">
          <input type="checkbox" checked={onlyPinned} onChange={(e) => st.setOnlyPinned(e.target.checked)} data-testid="only-pinned" />
          Only my pinned runs ({pinnedCount})
        </label>
        <select value={lifecycle} onChange={(e) => st.setLifecycle(e.target.value as Lifecycle)} aria-label="Active or deleted runs" data-testid="lifecycle">
          <option value="active">Active runs</option>
          <option value="deleted">Deleted runs</option>
          <option value="all">Active and deleted</option>
        </select>
      </div>
    </div>
  );
}
