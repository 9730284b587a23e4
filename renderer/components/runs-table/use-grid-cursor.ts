import type { Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useState, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';
import type { DisplayRow } from './display-rows';
import { gridAction, movedIndex, scrollTopToShow } from './grid-keys';
import { HEADER_HEIGHT, ROW_HEIGHT, type RowActions } from './layout';

interface Options {
  rows: DisplayRow[];
  scrollRef: RefObject<HTMLDivElement | null>;
  rowV: Virtualizer<HTMLDivElement, Element>;
  actions: RowActions;
}

export interface GridCursor {
  /** The key of the row the cursor is on, when it is on a shown row. */
  cursorKey: string | null;
  /** The cursor is drawn only while the grid body has the focus. */
  focused: boolean;
  setCursorKey(key: string): void;
  onFocus(): void;
  onBlur(): void;
  onKeyDown(e: ReactKeyboardEvent): void;
}

/**
 * The grid body's keyboard cursor: a row, moved with the arrows or j/k (the table scrolls up
 * or down to keep it in view, never sideways), acted on with space, x, Enter and Left/Right.
 */
export function useGridCursor({ rows, scrollRef, rowV, actions }: Options): GridCursor {
  const [key, setKey] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const index = useMemo(() => (key === null ? -1 : rows.findIndex((r) => r.key === key)), [rows, key]);

  const show = useCallback(
    (i: number) => {
      const el = scrollRef.current;
      const item = rowV.measurementsCache[i];
      if (!el || !item) return;
      const top = scrollTopToShow(item.start, item.end, el.scrollTop, el.clientHeight, HEADER_HEIGHT);
      if (top !== el.scrollTop) el.scrollTop = top;
    },
    [scrollRef, rowV],
  );
  const moveTo = useCallback(
    (i: number) => {
      const row = rows[i];
      if (!row) return;
      setKey(row.key);
      show(i);
    },
    [rows, show],
  );

  const onFocus = useCallback(() => {
    setFocused(true);
    // first time in (or its row is gone): the first row in view, so nothing jumps; a row just
    // clicked keeps the cursor
    setKey((current) => {
      if (current !== null && rows.some((r) => r.key === current)) return current;
      const top = (scrollRef.current?.scrollTop ?? 0) + HEADER_HEIGHT;
      const first = rowV.getVirtualItems().find((it) => it.start >= top);
      return rows[first?.index ?? 0]?.key ?? null;
    });
  }, [rows, rowV, scrollRef]);

  const onKeyDown = useCallback(
    (e: ReactKeyboardEvent) => {
      const action = gridAction(e);
      if (!action) return;
      e.preventDefault();
      if (action.kind === 'move') {
        const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
        return moveTo(movedIndex(index, rows.length, action.to, page));
      }
      const row = rows[index];
      if (!row) return moveTo(0);
      if (row.kind === 'group') {
        const toggle = action.kind === 'expand' ? row.collapsed : action.kind === 'collapse' ? !row.collapsed : action.kind !== 'compare';
        if (toggle) actions.toggleGroup(row.key);
        return;
      }
      const id = row.record.id;
      switch (action.kind) {
        case 'select':
          return actions.toggleSelected(id, action.range);
        case 'compare':
          return actions.toggleSelected(id, false);
        case 'open':
          return actions.openRun(id);
        case 'expand':
          if (row.childCount > 0 && !row.expanded) actions.toggleExpanded(id);
          return;
        case 'collapse': {
          if (row.childCount > 0 && row.expanded) return actions.toggleExpanded(id);
          const parent = row.record.parentId === null ? -1 : rows.findIndex((r) => r.kind === 'run' && r.record.id === row.record.parentId);
          if (parent >= 0) moveTo(parent);
          return;
        }
      }
    },
    [index, rows, moveTo, actions, scrollRef],
  );

  return { cursorKey: index >= 0 ? key : null, focused, setCursorKey: setKey, onFocus, onBlur: useCallback(() => setFocused(false), []), onKeyDown };
}
