import { NAME_COLUMN } from './columns';

/** Width of an element's content as laid out (not clipped by its box). */
function contentWidth(el: Element): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  return range.getBoundingClientRect().width;
}

/**
 * The content widths of a column's drawn cells and its title, to fit the column to: only the rows
 * drawn now count (the table is virtualised). The run-name column counts its whole name block
 * (indent, expander, colour, name, tools) with the name unclipped.
 */
export function measureColumn(table: HTMLElement, columnId: string): number[] {
  if (columnId === NAME_COLUMN.id) {
    return [...table.querySelectorAll<HTMLElement>('.rt-row .rt-name')].map((block) => {
      const link = block.querySelector<HTMLElement>('[data-testid="run-name"]');
      return link ? block.clientWidth - link.clientWidth + link.scrollWidth : block.scrollWidth;
    });
  }
  const sel = CSS.escape(columnId);
  const cells = [...table.querySelectorAll(`.rt-cell[data-col="${sel}"]`)].map(contentWidth);
  const title = table.querySelector(`[data-head-id="${sel}"]`);
  // the title's button has its own padding; the pin button sits beside it
  return title ? [...cells, contentWidth(title) + 24] : cells;
}
