import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { RunStatus } from '../../../shared/domain/tracking';
import type { SearchError } from '../../../shared/search';
import { useRunsView, type RunsViewStore } from '../../state/runs-view-store';
import type { Lifecycle } from '../../state/runs-view-prefs';
import type { AvailableKeys } from './columns';
import { didYouMean, type DidYouMean } from './filter-did-you-mean';
import { errorParts, namesPosition } from './filter-error';
import { acceptSuggestion, suggest, type KnownValues, type Suggestions } from './filter-suggest';
import { FilterSuggestions } from './FilterSuggestions';
import './filter-bar.css';

const QUICK_STATUSES: [RunStatus | null, string][] = [
  [null, 'All'],
  ['RUNNING', 'Running'],
  ['FINISHED', 'Finished'],
  ['FAILED', 'Failed'],
  ['KILLED', 'Killed'],
];

/** What the filter's autocomplete knows: the loaded runs' keys and their values. */
export interface FilterKnowledge {
  keys: AvailableKeys;
  values: KnownValues;
}

function FilterError({ text, error, applied, fix, onFix }: { text: string; error: SearchError; applied: string; fix: DidYouMean | null; onFix(): void }) {
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
      {fix && (
        <div className="fb-did-you-mean">
          Did you mean{' '}
          <button type="button" className="fb-fix" onClick={onFix} title={`Change the filter to: ${fix.text}`} data-testid="filter-did-you-mean">
            <code>{fix.identifier}</code>
          </button>
          ?
        </div>
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
 * laid over the input) and explained below, with "did you mean `metrics.x`?" for a bare key.
 * While typing, a list offers identifiers, comparators and known values (`known`). A valid
 * filter applies after a typing pause, or at once with Enter. Plus the quick filters.
 */
export function FilterBar({ store, inputRef, known }: { store: RunsViewStore; inputRef: RefObject<HTMLInputElement | null>; known?: FilterKnowledge }) {
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
  const [cursor, setCursor] = useState(text.length);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const suggestions = useMemo(
    () => (known && focused && !dismissed ? suggest(text, Math.min(cursor, text.length), known.keys, known.values) : null),
    [known, focused, dismissed, text, cursor],
  );
  // the highlighted row, of this list: a new list starts at its first row
  const [picked, setPicked] = useState<{ of: Suggestions | null; index: number }>({ of: null, index: 0 });
  const active = suggestions && picked.of === suggestions ? picked.index : 0;
  const moveTo = (index: number) => suggestions && setPicked({ of: suggestions, index: (index + suggestions.items.length) % suggestions.items.length });
  const pendingCursor = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (pendingCursor.current === null || !inputRef.current) return;
    inputRef.current.setSelectionRange(pendingCursor.current, pendingCursor.current);
    pendingCursor.current = null;
  });
  useLayoutEffect(syncScroll);
  const accept = (index: number) => {
    const item = suggestions?.items[index];
    if (!suggestions || !item) return;
    const next = acceptSuggestion(text, suggestions, item);
    st.setFilterText(next.text);
    pendingCursor.current = next.cursor;
    setCursor(next.cursor);
  };
  const fix = useMemo(() => (error && known ? didYouMean(text, error, known.keys) : null), [error, known, text]);
  const applyFix = () => {
    if (!fix) return;
    st.setFilterText(fix.text);
    st.applyFilter();
    inputRef.current?.focus();
  };
  const parts = error ? errorParts(text, error) : null;
  const listId = 'run-filter-suggestions';

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
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={!!suggestions}
          aria-controls={suggestions ? listId : undefined}
          aria-activedescendant={suggestions ? `${listId}-${active}` : undefined}
          data-testid="run-filter"
          onChange={(e) => {
            setCursor(e.target.selectionStart ?? e.target.value.length);
            setDismissed(false);
            st.setFilterText(e.target.value);
          }}
          onScroll={syncScroll}
          onSelect={(e) => {
            syncScroll();
            setCursor(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
          }}
          onFocus={(e) => {
            setFocused(true);
            setCursor(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
          }}
          onBlur={() => setFocused(false)}
          onKeyDown={(e) => {
            if (suggestions) {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                moveTo(active + (e.key === 'ArrowDown' ? 1 : -1));
                return;
              }
              if (e.key === 'Enter' || (e.key === 'Tab' && !e.shiftKey)) {
                e.preventDefault();
                accept(active);
                return;
              }
              if (e.key === 'Escape') {
                e.preventDefault();
                setDismissed(true);
                return;
              }
            }
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
        {suggestions && <FilterSuggestions id={listId} items={suggestions.items} active={active} onPick={accept} onHover={moveTo} />}
      </div>
      {error && <FilterError text={text} error={error} applied={applied} fix={fix} onFix={applyFix} />}
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
