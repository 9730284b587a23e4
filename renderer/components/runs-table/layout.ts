import type { Column } from './columns';

/** Table geometry, shared by the header, the rows and the virtualisers. */
export const ROW_HEIGHT = 30;
export const GROUP_ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 34;
export const CHECK_WIDTH = 34;
export const NAME_WIDTH = 280;
/** The part that stays put on horizontal scroll: checkbox and run name. */
export const FIXED_WIDTH = CHECK_WIDTH + NAME_WIDTH;
export const INDENT = 16;

/** A column the horizontal virtualiser decided to draw, and where. */
export interface PlacedColumn {
  column: Column;
  left: number;
  width: number;
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
