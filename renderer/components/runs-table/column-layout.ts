import type { Column } from './columns';
import type { PlacedColumn } from './layout';

/** Narrowest and widest a column can be dragged to. */
export const MIN_COLUMN_WIDTH = 56;
export const MAX_COLUMN_WIDTH = 800;

export const clampWidth = (w: number) => Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Number.isFinite(w) ? w : MIN_COLUMN_WIDTH)));

/**
 * A header dropped on another: `moved` takes `target`'s place, the others keep their order
 * (dragged right it lands after the target, dragged left before it). Unknown ids: no change.
 */
export function reorderColumnIds(ids: readonly string[], moved: string, target: string): string[] {
  const from = ids.indexOf(moved);
  const to = ids.indexOf(target);
  if (from < 0 || to < 0 || from === to) return [...ids];
  const next = ids.filter((id) => id !== moved);
  next.splice(to, 0, moved);
  return next;
}

/** The width that shows the widest content (text widths in px) plus the cell's padding. */
export const autoFitWidth = (contentWidths: readonly number[], padding: number) => clampWidth(Math.ceil(Math.max(0, ...contentWidths)) + padding);

/** Pinned columns (in the table's column order) and the ones that scroll. */
export function splitPinned(columns: readonly Column[], pinned: ReadonlySet<string>): { pinned: Column[]; scrolling: Column[] } {
  const out = { pinned: [] as Column[], scrolling: [] as Column[] };
  for (const c of columns) (pinned.has(c.id) ? out.pinned : out.scrolling).push(c);
  return out;
}

/** Places columns one after the other from `start`, each at its own width. */
export function placeColumns(cols: readonly Column[], widthOf: (c: Column) => number, start: number): PlacedColumn[] {
  let left = start;
  return cols.map((column) => {
    const width = widthOf(column);
    const placed = { column, left, width };
    left += width;
    return placed;
  });
}
