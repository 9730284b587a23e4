import { memo, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { NAME_COLUMN } from './columns';
import { headerIndex } from './grid-keys';
import { HeaderCell, ResizeHandle, type HeaderActions } from './HeaderCell';
import { headerTitle, sortArrow } from './header-title';
import { CHECK_WIDTH, HEADER_HEIGHT, type FixedBlock, type PlacedColumn } from './layout';
import type { Sort } from './sorting';

const SELECT_ALL = 'select-all';

interface Props {
  /** The scrolling columns drawn now. */
  cols: PlacedColumn[];
  fixed: FixedBlock;
  /** Every column in order (pinned first): where Left and Right go, drawn or not. */
  order: readonly string[];
  width: number;
  sort: Sort | null;
  /** The rows are not in the sort's order yet. */
  sortPending: boolean;
  actions: HeaderActions;
  /** Brings a column into view sideways (a deliberate move along the header with the keys). */
  reveal(columnId: string): void;
  /** 'all' | 'some' | 'none' of the shown runs are selected. */
  selection: 'all' | 'some' | 'none';
  onSelectAll(): void;
}

/**
 * Column titles, sticky on vertical scroll. The row is one tab stop: Left and Right move along
 * it (Home, End too), Enter sorts, `p` pins the column.
 */
export const RunsTableHeader = memo(function RunsTableHeader({ cols, fixed, order, width, sort, sortPending, actions, reveal, selection, onSelectAll }: Props) {
  const [focusId, setFocusId] = useState(NAME_COLUMN.id);
  const rowRef = useRef<HTMLDivElement>(null);
  const pinned = new Set(fixed.pinned.map((p) => p.column.id));
  const stops = [SELECT_ALL, NAME_COLUMN.id, ...order];
  const drawn = new Set([SELECT_ALL, NAME_COLUMN.id, ...fixed.pinned.map((p) => p.column.id), ...cols.map((c) => c.column.id)]);
  const tabStop = drawn.has(focusId) ? focusId : NAME_COLUMN.id;

  // once the column moved to (or pinned) is drawn, the focus follows it, scrolling nothing itself
  const wantFocus = useRef(false);
  useEffect(() => {
    if (!wantFocus.current) return;
    const el = rowRef.current?.querySelector<HTMLElement>(`[data-head-id="${CSS.escape(focusId)}"]`);
    if (el) {
      wantFocus.current = false;
      el.focus({ preventScroll: true });
    }
  }, [focusId, cols, fixed]);

  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    const current = stops.indexOf(tabStop);
    const next = headerIndex(current, stops.length, e.key);
    if (next !== null) {
      e.preventDefault();
      const id = stops[next]!;
      wantFocus.current = true;
      setFocusId(id);
      if (id !== SELECT_ALL && id !== NAME_COLUMN.id) reveal(id);
    } else if (e.key === 'p' && tabStop !== SELECT_ALL && tabStop !== NAME_COLUMN.id) {
      e.preventDefault();
      // the title moves between the fixed block and the scrolling part: the focus goes with it
      wantFocus.current = true;
      actions.setPinned(tabStop, !pinned.has(tabStop));
    }
  };
  const cell = (p: PlacedColumn) => (
    <HeaderCell key={p.column.id} column={p.column} left={p.left} width={p.width} sort={sort} sortPending={sortPending} pinned={pinned.has(p.column.id)} tabbable={tabStop === p.column.id} actions={actions} onKeyDown={onKeyDown} />
  );

  return (
    <div className="rt-header" role="row" style={{ width, height: HEADER_HEIGHT }} ref={rowRef}>
      <div className="rt-fixed" style={{ width: fixed.width }}>
        <label className="rt-check">
          <input
            type="checkbox"
            checked={selection === 'all'}
            ref={(el) => {
              if (el) el.indeterminate = selection === 'some';
            }}
            onChange={onSelectAll}
            onKeyDown={onKeyDown}
            tabIndex={tabStop === SELECT_ALL ? 0 : -1}
            data-head-id={SELECT_ALL}
            aria-label="Select all shown runs"
            data-testid="select-all"
          />
        </label>
        <div className="rt-head-cell rt-name-head" role="columnheader" style={{ left: CHECK_WIDTH, width: fixed.nameWidth }} aria-sort={sort?.columnId === NAME_COLUMN.id ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
          <button type="button" className="rt-head-sort" onClick={() => actions.sort(NAME_COLUMN.id)} title={headerTitle(NAME_COLUMN, sort)} tabIndex={tabStop === NAME_COLUMN.id ? 0 : -1} data-head-id={NAME_COLUMN.id} onKeyDown={onKeyDown} data-testid="name-header">
            <span className="rt-head-line">
              <span className="rt-head-label">{NAME_COLUMN.label}</span>
              {sortArrow(sort, NAME_COLUMN.id)}
            </span>
          </button>
          <ResizeHandle columnId={NAME_COLUMN.id} width={fixed.nameWidth} actions={actions} />
        </div>
        {fixed.pinned.map(cell)}
      </div>
      {cols.map(cell)}
    </div>
  );
});
