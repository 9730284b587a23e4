/** What a key does in the runs grid's body (the rows), or null for keys the grid leaves alone. */
export type GridAction =
  | { kind: 'move'; to: 'next' | 'prev' | 'first' | 'last' | 'pageDown' | 'pageUp' }
  | { kind: 'select'; range: boolean }
  | { kind: 'compare' }
  | { kind: 'open' }
  | { kind: 'expand' }
  | { kind: 'collapse' };

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  metaKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
}

/** Arrows or j/k move the cursor, space selects (shift: a range), x toggles compare, Enter opens. */
export function gridAction(e: KeyLike): GridAction | null {
  if (e.metaKey || e.ctrlKey || e.altKey) return null;
  switch (e.key) {
    case 'ArrowDown': case 'j': return { kind: 'move', to: 'next' };
    case 'ArrowUp': case 'k': return { kind: 'move', to: 'prev' };
    case 'Home': return { kind: 'move', to: 'first' };
    case 'End': return { kind: 'move', to: 'last' };
    case 'PageDown': return { kind: 'move', to: 'pageDown' };
    case 'PageUp': return { kind: 'move', to: 'pageUp' };
    case ' ': return { kind: 'select', range: e.shiftKey };
    case 'x': return { kind: 'compare' };
    case 'Enter': return { kind: 'open' };
    case 'ArrowRight': return { kind: 'expand' };
    case 'ArrowLeft': return { kind: 'collapse' };
    default: return null;
  }
}

/** The row index the cursor moves to among `count` rows; `page` rows per PageUp/PageDown. */
export function movedIndex(index: number, count: number, to: Extract<GridAction, { kind: 'move' }>['to'], page: number): number {
  if (count === 0) return -1;
  const from = index < 0 ? -1 : Math.min(index, count - 1);
  const target = {
    next: from + 1,
    prev: from < 0 ? 0 : from - 1,
    first: 0,
    last: count - 1,
    pageDown: from + Math.max(1, page),
    pageUp: from - Math.max(1, page),
  }[to];
  return Math.min(count - 1, Math.max(0, target));
}

/**
 * The scrollTop that shows a row spanning [top, bottom) under a sticky header of `header` px in
 * a viewport of `height` px, moving as little as possible (unchanged when it is already shown).
 */
export function scrollTopToShow(top: number, bottom: number, scrollTop: number, height: number, header: number): number {
  if (top - header < scrollTop) return Math.max(0, top - header);
  if (bottom > scrollTop + height) return bottom - height;
  return scrollTop;
}

/** Left/Right across the header row's cells (one tab stop: the others are reached with arrows). */
export function headerIndex(index: number, count: number, key: string): number | null {
  if (count === 0) return null;
  if (key === 'ArrowRight') return Math.min(count - 1, index + 1);
  if (key === 'ArrowLeft') return Math.max(0, index - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}
