import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef, type MouseEvent, type MutableRefObject } from 'react';
import type { RunRemoteState } from '../../../shared/ipc/sync-types';
import { useRunsView, type RunsViewStore } from '../../state/runs-view-store';
import { FIXED_WIDTH, GROUP_ROW_HEIGHT, HEADER_HEIGHT, ROW_HEIGHT, type PlacedColumn, type RowActions } from './layout';
import { RunsTableHeader } from './RunsTableHeader';
import { GroupRowView, RunRowView } from './RunsTableRow';
import type { RunsTableModel } from './use-runs-table-model';
import './runs-table.css';

interface Props {
  store: RunsViewStore;
  model: RunsTableModel;
  onOpenRun(runId: string): void;
  /** Where the table was scrolled to: kept by the page so switching tabs does not lose it. */
  scrollMemo: MutableRefObject<{ top: number; left: number }>;
  /** What each remote has of each run (the sync icon by the name); none without remotes. */
  syncStates?: Record<string, RunRemoteState[]>;
}

/** Cells get their full text as a tooltip on first hover, not one attribute per drawn cell. */
function showFullText(e: MouseEvent) {
  const cell = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('.rt-cell') : null;
  if (cell && !cell.title && cell.scrollWidth > cell.clientWidth) cell.title = cell.textContent ?? '';
}

/**
 * The runs grid: rows and columns both virtualised, so only what is on screen is in the DOM
 * (10,000 runs × 50 columns draws a few hundred cells). Rows are memoised; scrolling re-renders
 * only rows that come into view, and a horizontal scroll only the visible rows' cells.
 */
export function RunsTable({ store, model, onOpenRun, scrollMemo, syncStates }: Props) {
  const { rows, columns, shownIds, now } = model;
  const scrollRef = useRef<HTMLDivElement>(null);
  const selected = useRunsView(store, (s) => s.selected);
  const pinned = useRunsView(store, (s) => s.pinned);
  const hidden = useRunsView(store, (s) => s.hidden);
  const sort = useRunsView(store, (s) => s.sort);
  const shownRef = useRef(shownIds);
  shownRef.current = shownIds;

  const getScrollElement = useCallback(() => scrollRef.current, []);
  const rowV = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize: useCallback((i: number) => (rows[i]?.kind === 'group' ? GROUP_ROW_HEIGHT : ROW_HEIGHT), [rows]),
    getItemKey: useCallback((i: number) => rows[i]?.key ?? i, [rows]),
    paddingStart: HEADER_HEIGHT,
    overscan: 8,
    initialOffset: scrollMemo.current.top,
    // render on React's schedule, not inside the scroll event: no forced layout per wheel tick
    useFlushSync: false,
  });
  const colV = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement,
    estimateSize: useCallback((i: number) => columns[i]?.width ?? 120, [columns]),
    getItemKey: useCallback((i: number) => columns[i]?.id ?? i, [columns]),
    paddingStart: FIXED_WIDTH,
    overscan: 3,
    initialOffset: scrollMemo.current.left,
    useFlushSync: false,
  });

  // back where it was (after a tab switch), and remember where it is when leaving; reading the
  // offsets only here keeps scroll events free of layout reads
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTop = scrollMemo.current.top;
    el.scrollLeft = scrollMemo.current.left;
    return () => {
      scrollMemo.current = { top: el.scrollTop, left: el.scrollLeft };
    };
  }, [scrollMemo]);

  const colItems = colV.getVirtualItems();
  const placed = useMemo<PlacedColumn[]>(() => colItems.map((it) => ({ column: columns[it.index]!, left: it.start, width: it.size })), [colItems, columns]);
  const width = Math.max(colV.getTotalSize(), FIXED_WIDTH);
  const height = rowV.getTotalSize();

  const actions = useMemo<RowActions>(() => {
    const s = () => store.getState();
    return {
      toggleSelected: (id, range) => s().toggleSelected(id, range ? { shownIds: shownRef.current } : undefined),
      toggleExpanded: (id) => s().toggleExpanded(id),
      toggleGroup: (key) => s().toggleGroup(key),
      setPinned: (id, on) => s().setPinned([id], on),
      setHidden: (id, on) => s().setHidden([id], on),
      openRun: onOpenRun,
    };
  }, [store, onOpenRun]);

  const selectedShown = useMemo(() => shownIds.reduce((n, id) => n + (selected.has(id) ? 1 : 0), 0), [shownIds, selected]);
  const selection = selectedShown === 0 ? 'none' : selectedShown === shownIds.length ? 'all' : 'some';
  const onSelectAll = useCallback(() => {
    const st = store.getState();
    if (selection === 'all') st.clearSelection();
    else st.setSelected(shownRef.current);
  }, [store, selection]);
  const onSort = useCallback((id: string) => store.getState().cycleSort(id), [store]);

  return (
    <div
      className="rt-scroll"
      ref={scrollRef}
      role="grid"
      aria-rowcount={rows.length}
      aria-colcount={columns.length + 1}
      data-testid="runs-table"
      style={{ maxHeight: height + 2 }}
      onMouseOver={showFullText}
    >
      <div className="rt-canvas" style={{ width, height }}>
        <RunsTableHeader cols={placed} width={width} sort={sort} onSort={onSort} selection={selection} onSelectAll={onSelectAll} />
        {rowV.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          if (row.kind === 'group') return <GroupRowView key={item.key} row={row} top={item.start} height={item.size} width={width} cols={placed} actions={actions} />;
          const id = row.record.id;
          return (
            <RunRowView
              key={item.key}
              row={row}
              top={item.start}
              height={item.size}
              width={width}
              cols={placed}
              selected={selected.has(id)}
              pinned={pinned.has(id)}
              hidden={hidden.has(id)}
              now={now}
              sync={syncStates?.[id]}
              actions={actions}
            />
          );
        })}
      </div>
    </div>
  );
}
