import type { Locator, Page } from 'playwright-core';

const HEADER_IDS = '[data-testid="runs-table"] [role="columnheader"][data-column-id]';

/** Ids of the columns drawn now, in the order their cells are drawn in each row. */
const drawnColumns = (page: Page) => page.locator(HEADER_IDS).evaluateAll((els) => els.map((e) => e.getAttribute('data-column-id')));

/**
 * Scrolls the runs table sideways (columns are virtualised: only those in view are drawn)
 * until the column is drawn. False when the table has no such column.
 */
export async function scrollToColumn(page: Page, columnId: string): Promise<boolean> {
  const table = page.getByTestId('runs-table');
  await table.evaluate((el) => void (el.scrollLeft = 0));
  for (;;) {
    if ((await drawnColumns(page)).includes(columnId)) return true;
    const moved = await table.evaluate((el) => {
      const before = el.scrollLeft;
      el.scrollLeft = before + Math.max(100, el.clientWidth / 2);
      return el.scrollLeft !== before;
    });
    if (!moved) return (await drawnColumns(page)).includes(columnId);
    // the virtualiser draws the newly visible columns on its next render
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
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
