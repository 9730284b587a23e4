import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const HEADER_IDS = '[data-testid="runs-table"] [role="columnheader"][data-column-id]';

/** Ids of the columns drawn now, in the order their cells are drawn in each row. */
const drawnColumns = (page: Page) => page.locator(HEADER_IDS).evaluateAll((els) => els.map((e) => e.getAttribute('data-column-id')));

/** Waits two animation frames: a scroll has been rendered by then. */
const nextFrames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Scrolls the runs table sideways (columns are virtualised: only those in view are drawn)
 * until the column is drawn. False when the table has no such column.
 */
export async function scrollToColumn(page: Page, columnId: string): Promise<boolean> {
  const table = page.getByTestId('runs-table');
  await table.evaluate((el) => void (el.scrollLeft = 0));
  await nextFrames(page);
  for (;;) {
    if ((await drawnColumns(page)).includes(columnId)) return true;
    const moved = await table.evaluate((el) => {
      const before = el.scrollLeft;
      el.scrollLeft = before + Math.max(100, el.clientWidth / 2);
      return el.scrollLeft !== before;
    });
    if (!moved) return (await drawnColumns(page)).includes(columnId);
    // the virtualiser draws the newly visible columns on its next render
    await nextFrames(page);
  }
}

/**
 * The text of one cell of the runs table. The row's cells are drawn in the order of the
 * header's column buttons, so the column's index among those is the cell's index in the row.
 * Null when the table has no such column or the row is not drawn.
 */
export async function runCell(page: Page, row: Locator, columnId: string): Promise<string | null> {
  if (!(await drawnColumns(page)).includes(columnId) && !(await scrollToColumn(page, columnId))) return null;
  const i = (await drawnColumns(page)).indexOf(columnId);
  if ((await row.count()) === 0) return null;
  return row.locator('.rt-cell').nth(i).textContent();
}

/** A column's header cell (drawn only while the column is in view or pinned). */
export const headerCell = (page: Page, columnId: string) => page.locator(`[data-testid="runs-table"] [role="columnheader"][data-column-id="${columnId}"]`);

/** Drawn width of a column's header cell, in px. */
export async function columnWidth(page: Page, columnId: string): Promise<number> {
  const box = await headerCell(page, columnId).boundingBox();
  if (!box) throw new Error(`column ${columnId} is not drawn`);
  return box.width;
}

/** The middle of a column's resizing edge, in page coordinates. */
export async function resizeEdge(page: Page, columnId: string): Promise<{ x: number; y: number }> {
  // the run-name column's header has no column id (it is not among the cells' columns)
  const cell = columnId === 'attributes.run_name' ? page.locator('[data-testid="runs-table"] .rt-name-head') : headerCell(page, columnId);
  const box = await cell.evaluate((el) => {
    const r = el.querySelector('[data-testid="column-resize"]')?.getBoundingClientRect();
    return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
  });
  if (!box) throw new Error(`no resize edge for ${columnId}`);
  return box;
}

/** Drags a column's right edge sideways by `dx` px, as a user resizing it. */
export async function dragColumnEdge(page: Page, columnId: string, dx: number): Promise<void> {
  const { x, y } = await resizeEdge(page, columnId);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 4; i++) await page.mouse.move(x + (dx * i) / 4, y);
  await page.mouse.up();
}

/** How many run rows are wholly inside the table's visible area (below its sticky header). */
export const fullyVisibleRows = (page: Page) =>
  page.getByTestId('runs-table').evaluate((table) => {
    const box = table.getBoundingClientRect();
    const header = table.querySelector('.rt-header')?.getBoundingClientRect().bottom ?? box.top;
    return Array.from(table.querySelectorAll('[data-testid="run-row"]')).filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= header - 0.5 && r.bottom <= box.bottom + 0.5;
    }).length;
  });

/** Ids of the columns whose header is wholly inside the table's visible width. */
export const fullyVisibleColumns = (page: Page) =>
  page.getByTestId('runs-table').evaluate((table) => {
    const box = table.getBoundingClientRect();
    return Array.from(table.querySelectorAll<HTMLElement>('[role="columnheader"][data-column-id]'))
      .filter((h) => {
        const r = h.getBoundingClientRect();
        return r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.width > 0;
      })
      .map((h) => h.dataset.columnId ?? '');
  });

/** The run id of the row under the keyboard cursor, or null. */
export const cursorRunId = (page: Page) => page.locator('[data-testid="run-row"].cursor').getAttribute('data-run-id', { timeout: 2000 }).catch(() => null);

/** Scrolls the table sideways until the column's header is wholly in view beside the fixed block. */
export async function revealColumn(page: Page, columnId: string): Promise<void> {
  if (!(await scrollToColumn(page, columnId))) throw new Error(`no column ${columnId}`);
  const target = await page.getByTestId('runs-table').evaluate((table, id) => {
    const cell = table.querySelector<HTMLElement>(`.rt-header > [data-column-id="${id}"]`);
    const fixed = table.querySelector<HTMLElement>('.rt-header .rt-fixed');
    return cell && fixed ? cell.offsetLeft - fixed.offsetWidth : null;
  }, columnId);
  if (target === null) throw new Error(`column ${columnId} is not drawn`);
  await page.getByTestId('runs-table').evaluate((table, left) => void (table.scrollLeft = left), target);
  // drawn on the virtualiser's next render
  await expect.poll(() => fullyVisibleColumns(page), { timeout: 5000 }).toContain(columnId);
}
