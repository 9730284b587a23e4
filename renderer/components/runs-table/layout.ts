import type { Column } from './columns';

/** Table geometry, shared by the header, the rows and the virtualisers. */
export const ROW_HEIGHT = 28;
export const GROUP_ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 34;
export const CHECK_WIDTH = 34;
export const INDENT = 16;

/** A column the table draws, and where (left from the row's start). */
export interface PlacedColumn {
  column: Column;
  left: number;
  width: number;
}

/**
 * The part of every row that stays put on horizontal scroll: the checkbox, the run name at
 * `nameWidth`, then the pinned columns; `width` is all of it.
 */
export interface FixedBlock {
  width: number;
  nameWidth: number;
  pinned: PlacedColumn[];
}

/** What rows can ask of the table; one stable object so memoised rows skip re-rendering. */
export interface RowActions {
  toggleSelected(id: string, range: boolean): void;
  toggleExpanded(id: string): void;
  toggleGroup(key: string): void;
  setPinned(id: string, pinned: boolean): void;
  setHidden(id: string, hidden: boolean): void;
  openRun(id: string): void;
}
