import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type MutableRefObject } from 'react';
import type { RunRemoteState } from '../../../shared/ipc/sync-types';
import { holdRunInView } from '../run-colors/run-colors';
import { createColumnLayoutStore, useColumnLayout } from '../../state/runs-column-layout';
import { defaultStorage } from '../../state/runs-view-prefs';
import { useRunsView, type RunsViewStore } from '../../state/runs-view-store';
import { autoFitWidth, placeColumns, reorderColumnIds, splitPinned } from './column-layout';
import { NAME_COLUMN, type Column } from './columns';
import { frameScroll, type FrameScroll } from './frame-scroll';
import { domFrameDeps } from './frame-scroll-dom';
import { scrollTopToShow } from './grid-keys';
import type { HeaderActions } from './HeaderCell';
import { HeaderMenu } from './HeaderMenu';
import { CHECK_WIDTH, GROUP_ROW_HEIGHT, HEADER_HEIGHT, ROW_HEIGHT, type FixedBlock, type PlacedColumn, type RowActions } from './layout';
import { measureColumn } from './measure-column';
import { assignRowSlots, type RowSlots } from './row-slots';
import { RunsTableHeader } from './RunsTableHeader';
import { GroupRowView, rowDomId, RunRowView } from './RunsTableRow';
import { useGridCursor } from './use-grid-cursor';
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

/**
 * Cells get their full text as a tooltip on hover, not one attribute per drawn cell. Rows are
 * recycled (after a scroll a cell shows another run's value), so a run cell's title is set anew
 * on each hover; a group row's cells keep the title they were drawn with.
 */
function showFullText(e: MouseEvent) {
  const cell = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('.rt-cell') : null;
  if (!cell) return;
  const overflows = cell.scrollWidth > cell.clientWidth;
  if (cell.classList.contains('rt-agg')) {
    if (overflows && !cell.title) cell.title = cell.textContent ?? '';
  } else if (overflows) {
    const text = cell.textContent ?? '';
    if (cell.title !== text) cell.title = text;
  } else if (cell.title) {
    cell.removeAttribute('title');
  }
}

/**
 * The runs grid: rows and columns both virtualised, so only what is on screen is in the DOM
 * (10,000 runs × 50 columns draws a few hundred cells). Rows are memoised; scrolling re-renders
 * only rows that come into view, and a horizontal scroll only the visible rows' cells. The run
 * name and pinned columns stay at the left; widths and pins are kept per experiment.
 */
export function RunsTable({ store, model, onOpenRun, scrollMemo, syncStates }: Props) {
  const { rows, columns, shownIds, now, pending } = model;
  const scrollRef = useRef<HTMLDivElement>(null);
  const selected = useRunsView(store, (s) => s.selected);
  const pinned = useRunsView(store, (s) => s.pinned);
  const hidden = useRunsView(store, (s) => s.hidden);
  const sort = useRunsView(store, (s) => s.sort);
  // the header shows a chosen sort at once; until the rows are in its order it says it is busy
  const sortPending = useRunsView(store, (s) => s.sort !== s.rowsSort);
  // busy while the runs of the query are still coming (what assistive tech and benchmarks wait for)
  const loading = useRunsView(store, (s) => s.status === 'loading' || s.status === 'more');
  const busy = loading || pending.size > 0;
  const experimentId = useRunsView(store, (s) => s.experimentId);
  const layout = useMemo(() => createColumnLayoutStore(defaultStorage(), experimentId), [experimentId]);
  const widths = useColumnLayout(layout, (s) => s.widths);
  const pinnedColumns = useColumnLayout(layout, (s) => s.pinned);
  const shownRef = useRef(shownIds);
  shownRef.current = shownIds;
  const columnsRef = useRef(columns);
  columnsRef.current = columns;

  const widthOf = useCallback((c: Column) => widths[c.id] ?? c.width, [widths]);
  const split = useMemo(() => splitPinned(columns, new Set(pinnedColumns)), [columns, pinnedColumns]);
  const nameWidth = widths[NAME_COLUMN.id] ?? NAME_COLUMN.width;
  const fixed = useMemo<FixedBlock>(() => {
    const placed = placeColumns(split.pinned, widthOf, CHECK_WIDTH + nameWidth);
    return { nameWidth, pinned: placed, width: CHECK_WIDTH + nameWidth + placed.reduce((n, p) => n + p.width, 0) };
  }, [split.pinned, widthOf, nameWidth]);
  const scrolling = split.scrolling;
  const order = useMemo(() => [...split.pinned, ...scrolling].map((c) => c.id), [split.pinned, scrolling]);

  const getScrollElement = useCallback(() => scrollRef.current, []);
  // scroll offsets read once per frame, at its start, for both virtualizers, and the rows that
  // come into view written in that frame (see frame-scroll.ts): no layout forced in scroll events
  const frames = useRef<{ el: HTMLElement; scroll: FrameScroll } | null>(null);
  const framesOf = useCallback((el: HTMLElement) => {
    if (frames.current?.el !== el) {
      frames.current?.scroll.dispose();
      frames.current = { el, scroll: frameScroll(el, domFrameDeps) };
    }
    return frames.current.scroll;
  }, []);
  useEffect(() => () => frames.current?.scroll.dispose(), []);
  const observeTop = useCallback(
    (v: Virtualizer<HTMLDivElement, Element>, cb: (offset: number, isScrolling: boolean) => void) => (v.scrollElement ? framesOf(v.scrollElement).subscribe((o, s) => cb(o.top, s)) : undefined),
    [framesOf],
  );
  const observeLeft = useCallback(
    (v: Virtualizer<HTMLDivElement, Element>, cb: (offset: number, isScrolling: boolean) => void) => (v.scrollElement ? framesOf(v.scrollElement).subscribe((o, s) => cb(o.left, s)) : undefined),
    [framesOf],
  );
  const rowV = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize: useCallback((i: number) => (rows[i]?.kind === 'group' ? GROUP_ROW_HEIGHT : ROW_HEIGHT), [rows]),
    getItemKey: useCallback((i: number) => rows[i]?.key ?? i, [rows]),
    paddingStart: HEADER_HEIGHT,
    // the rows a frame mounts while scrolling fast are the screen's plus these on each side
    overscan: 3,
    initialOffset: scrollMemo.current.top,
    observeElementOffset: observeTop,
    // the frame reader renders synchronously inside the frame (one render for both axes)
    useFlushSync: false,
  });
  const colV = useVirtualizer({
    horizontal: true,
    count: scrolling.length,
    getScrollElement,
    estimateSize: useCallback((i: number) => (scrolling[i] ? widthOf(scrolling[i]) : 120), [scrolling, widthOf]),
    getItemKey: useCallback((i: number) => scrolling[i]?.id ?? i, [scrolling]),
    paddingStart: fixed.width,
    overscan: 3,
    initialOffset: scrollMemo.current.left,
    observeElementOffset: observeLeft,
    useFlushSync: false,
  });
  // a resized column moves the ones after it
  useLayoutEffect(() => colV.measure(), [colV, widthOf]);

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

  const rowItems = rowV.getVirtualItems();
  // each drawn row's DOM slot: rows coming into view take the slots of rows that left it
  const slotsRef = useRef<RowSlots>(new Map());
  const slots = useMemo(() => assignRowSlots(slotsRef.current, rowItems.map((item) => rows[item.index]?.key ?? String(item.key))), [rowItems, rows]);
  useLayoutEffect(() => {
    slotsRef.current = slots;
  }, [slots]);
  // the runs on screen keep their colours (one effect for all rows, not one per row)
  useLayoutEffect(() => {
    const releases: (() => void)[] = [];
    for (const item of rowItems) {
      const row = rows[item.index];
      if (row?.kind === 'run') releases.push(holdRunInView(row.record.id));
    }
    return () => releases.forEach((release) => release());
  }, [rowItems, rows]);
  const colItems = colV.getVirtualItems();
  const placed = useMemo<PlacedColumn[]>(() => colItems.map((it) => ({ column: scrolling[it.index]!, left: it.start, width: it.size })), [colItems, scrolling]);
  const width = Math.max(colV.getTotalSize(), fixed.width);
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
  const cursor = useGridCursor({ rows, scrollRef, rowV, actions });

  const [menu, setMenu] = useState<{ columnId: string; x: number; y: number } | null>(null);
  const headerActions = useMemo<HeaderActions>(() => {
    const l = () => layout.getState();
    return {
      sort: (id) => store.getState().cycleSort(id),
      resize: (id, w) => l().setWidth(id, w),
      autoFit: (id) => {
        if (scrollRef.current) l().setWidth(id, autoFitWidth(measureColumn(scrollRef.current, id), id === NAME_COLUMN.id ? 4 : 18));
      },
      setPinned: (id, on) => l().setPinned(id, on),
      reorder: (moved, target) => {
        const ids = columnsRef.current.map((c) => c.id);
        const next = reorderColumnIds(ids, moved, target);
        if (next.some((id, i) => id !== ids[i])) store.getState().setColumns(next);
      },
      openMenu: (columnId, x, y) => setMenu({ columnId, x, y }),
    };
  }, [store, layout]);
  const closeMenu = useCallback(() => setMenu(null), []);

  // a move along the header to a column out of view scrolls just enough to show it
  const reveal = useCallback(
    (id: string) => {
      const el = scrollRef.current;
      const i = scrolling.findIndex((c) => c.id === id);
      const item = i >= 0 ? colV.measurementsCache[i] : undefined;
      if (!el || !item) return;
      const left = scrollTopToShow(item.start, item.end, el.scrollLeft, el.clientWidth, fixed.width);
      if (left !== el.scrollLeft) el.scrollLeft = left;
    },
    [scrolling, colV, fixed.width],
  );

  const selectedShown = useMemo(() => shownIds.reduce((n, id) => n + (selected.has(id) ? 1 : 0), 0), [shownIds, selected]);
  const selection = selectedShown === 0 ? 'none' : selectedShown === shownIds.length ? 'all' : 'some';
  const onSelectAll = useCallback(() => {
    const st = store.getState();
    if (selection === 'all') st.clearSelection();
    else st.setSelected(shownRef.current);
  }, [store, selection]);

  // a click on a row puts the keyboard cursor there, and the keys then work from it
  const bodyRef = useRef<HTMLDivElement>(null);
  const onRowClick = (e: MouseEvent) => {
    const row = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('[data-row-key]') : null;
    const key = row?.dataset.rowKey;
    if (!key) return;
    cursor.setCursorKey(key);
    if (!(e.target instanceof HTMLAnchorElement)) bodyRef.current?.focus({ preventScroll: true });
  };
  const cursorKey = cursor.focused ? cursor.cursorKey : null;
  const menuColumn = menu ? columns.find((c) => c.id === menu.columnId) : undefined;
  const menuPinned = menuColumn ? pinnedColumns.includes(menuColumn.id) : false;

  return (
    <div
      className={`rt-scroll${cursor.focused ? ' has-cursor' : ''}`}
      ref={scrollRef}
      role="grid"
      aria-rowcount={rows.length}
      aria-colcount={columns.length + 1}
      aria-busy={busy}
      data-testid="runs-table"
      style={{ maxHeight: height + 2 }}
      onMouseOver={showFullText}
      onClick={onRowClick}
    >
      <div className="rt-canvas" style={{ width, height }}>
        <RunsTableHeader cols={placed} fixed={fixed} order={order} width={width} sort={sort} sortPending={sortPending} actions={headerActions} reveal={reveal} selection={selection} onSelectAll={onSelectAll} />
        <div
          ref={bodyRef}
          className="rt-body-focus"
          tabIndex={0}
          role="group"
          aria-label="Runs: arrows or j and k move, space selects, x adds to compare, Enter opens"
          aria-activedescendant={cursorKey ? rowDomId(cursorKey) : undefined}
          onFocus={cursor.onFocus}
          onBlur={cursor.onBlur}
          onKeyDown={cursor.onKeyDown}
          data-testid="runs-grid-body"
        />
        {rowItems.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const isCursor = row.key === cursorKey;
          const slot = `slot-${slots.get(row.key) ?? item.key}`;
          if (row.kind === 'group') return <GroupRowView key={slot} row={row} top={item.start} height={item.size} width={width} fixed={fixed} cols={placed} cursor={isCursor} pending={pending} actions={actions} />;
          const id = row.record.id;
          return (
            <RunRowView
              key={slot}
              row={row}
              top={item.start}
              height={item.size}
              width={width}
              fixed={fixed}
              cols={placed}
              cursor={isCursor}
              selected={selected.has(id)}
              pinned={pinned.has(id)}
              hidden={hidden.has(id)}
              now={now}
              sync={syncStates?.[id]}
              pending={pending}
              actions={actions}
            />
          );
        })}
      </div>
      {menu && menuColumn && (
        <HeaderMenu
          x={menu.x}
          y={menu.y}
          title={menuColumn.kind === 'attribute' ? menuColumn.label : `${menuColumn.kind} · ${menuColumn.key}`}
          onClose={closeMenu}
          items={[
            { label: menuPinned ? 'Unpin column' : 'Pin column to the left', run: () => headerActions.setPinned(menuColumn.id, !menuPinned) },
            { label: 'Fit width to content', run: () => headerActions.autoFit(menuColumn.id) },
            { label: 'Reset width', run: () => layout.getState().resetWidth(menuColumn.id), disabled: widths[menuColumn.id] === undefined },
            { label: 'Hide column', run: () => store.getState().setColumns(columns.filter((c) => c.id !== menuColumn.id).map((c) => c.id)) },
          ]}
        />
      )}
    </div>
  );
}
