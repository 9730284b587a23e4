import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshotLooks, startBrowserMode, type BrowserMode } from './support/browser';
import { Seeder } from './support/seed';
import { seedSweep, type SeededSweep } from './support/sweep';
import { columnWidth, cursorRunId, dragColumnEdge, fullyVisibleColumns, fullyVisibleRows, headerCell, resizeEdge, revealColumn, scrollToColumn } from './support/table';

// The runs table's layout and keyboard, on a nested sweep: resizing, pinning and reordering
// columns (kept across a reload), the header's tooltip, empty attribute columns left out, the
// folding sidebar, how much fits at 1024×700, and walking the rows with the keys.

const LONG_METRIC = 'validation_top5_accuracy_on_the_held_out_imagenet_subset';

describe.skipIf(!hasChromium)(e2eTitle('runs table layout and keyboard (browser mode)'), () => {
  let mode: BrowserMode;
  let sweep: SeededSweep;

  beforeAll(async () => {
    mode = await startBrowserMode();
    const seed = new Seeder(mode.server.url);
    sweep = await seedSweep(seed, 'layout-sweep', { steps: 6 });
    // a run with a few more metric columns, one with a long name
    await seed.run(sweep.experimentId, { name: 'extra-metrics', metrics: { [LONG_METRIC]: () => 0.91, throughput: (s) => 100 + s, gpu_mem: () => 7.5 }, steps: 2 });
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  async function openSweep(): Promise<{ page: Page; errors: string[] }> {
    const opened = await openApp(mode, `#/experiments/${sweep.experimentId}`);
    opened.page.setDefaultTimeout(10_000);
    await opened.page.getByTestId('run-row').nth(sweep.parents.length).waitFor();
    return opened;
  }

  const scrollLeft = (page: Page) => page.getByTestId('runs-table').evaluate((el) => el.scrollLeft);

  it('resizes, pins and reorders columns; keeps widths after a reload; says what a header is', async () => {
    const { page, errors } = await openSweep();

    // Source is blank in every run (logged over REST, no script): not among the defaults
    await headerCell(page, 'attributes.status').waitFor();
    expect(await page.locator('[data-column-id="attributes.source"]').count()).toBe(0);

    // the header's tooltip: kind and full key, and how to sort
    expect(await scrollToColumn(page, `metrics.${LONG_METRIC}`)).toBe(true);
    const longTitle = await page.locator(`[data-head-id="metrics.${LONG_METRIC}"]`).getAttribute('title');
    expect(longTitle).toContain(`metric · ${LONG_METRIC}`);
    expect(longTitle).toMatch(/Click to sort/);
    // its label is cut short; a double-click on the edge fits the column to it
    const label = headerCell(page, `metrics.${LONG_METRIC}`).locator('.rt-head-label');
    expect(await label.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await revealColumn(page, `metrics.${LONG_METRIC}`);
    const edge = await resizeEdge(page, `metrics.${LONG_METRIC}`);
    await page.mouse.dblclick(edge.x, edge.y);

    await expect.poll(() => label.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // drag the edge of val_acc 90 px to the right
    await revealColumn(page, 'metrics.val_acc');
    const before = await columnWidth(page, 'metrics.val_acc');
    await dragColumnEdge(page, 'metrics.val_acc', 90);
    await expect.poll(() => columnWidth(page, 'metrics.val_acc')).toBeCloseTo(before + 90, 0);
    // the run name column too, narrower
    const nameBefore = (await page.getByTestId('name-header').boundingBox())!.width;
    await dragColumnEdge(page, 'attributes.run_name', -40);
    await expect.poll(async () => (await page.getByTestId('name-header').boundingBox())!.width).toBeLessThan(nameBefore - 30);

    // pin val_loss: it stays in view when the table is scrolled all the way right
    await revealColumn(page, 'metrics.val_loss');
    await headerCell(page, 'metrics.val_loss').hover();
    await headerCell(page, 'metrics.val_loss').getByTestId('column-pin').click();
    await page.getByTestId('runs-table').evaluate((el) => void (el.scrollLeft = el.scrollWidth));
    await expect.poll(() => scrollLeft(page)).toBeGreaterThan(300);
    await expect.poll(() => fullyVisibleColumns(page)).toContain('metrics.val_loss');
    await screenshotLooks(page, 'table-layout-pinned');

    // reorder: drop val_f1 on train_acc (to its left); val_f1 then comes right before train_acc
    const order = () => page.locator('[role="columnheader"][data-column-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-column-id')));
    await revealColumn(page, 'metrics.train_acc');
    const inView = await fullyVisibleColumns(page);
    if (!inView.includes('metrics.val_f1') || !inView.includes('metrics.train_acc')) throw new Error(`val_f1 and train_acc not in view together: ${inView.join(', ')}`);
    const gap = async () => {
      const ids = await order();
      return ids.indexOf('metrics.val_f1') - ids.indexOf('metrics.train_acc');
    };
    expect(await gap()).toBeGreaterThan(1);
    await page.dragAndDrop('[data-column-id="metrics.val_f1"] .rt-head-sort', '[data-column-id="metrics.train_acc"] .rt-head-sort');
    await expect.poll(gap).toBe(-1);

    // after a reload: the width, the pin and the order are still there
    await page.reload();
    await page.getByTestId('run-row').nth(sweep.parents.length).waitFor();
    await expect.poll(() => fullyVisibleColumns(page)).toContain('metrics.val_loss');
    expect(await scrollToColumn(page, 'metrics.val_acc')).toBe(true);
    expect(await columnWidth(page, 'metrics.val_acc')).toBeCloseTo(before + 90, 0);
    expect(await gap()).toBe(-1);

    // the header menu unpins
    await page.getByTestId('runs-table').evaluate((el) => void (el.scrollLeft = 0));
    await headerCell(page, 'metrics.val_loss').click({ button: 'right' });
    await page.getByTestId('column-menu').getByRole('menuitem', { name: 'Unpin column' }).click();
    await expect.poll(() => page.locator('.rt-head-cell.is-pinned').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('folds the sidebar away, and at 1024×700 shows 15 rows and metric columns', async () => {
    const { page, errors } = await openSweep();
    await page.setViewportSize({ width: 1024, height: 700 });
    // open the newest sweep parent: 5 + 12 rows
    await page.locator(`[data-testid="run-row"][data-run-id="${sweep.parents.at(-1)!.id}"] .rt-expander`).click();
    await page.getByTestId('run-row').nth(16).waitFor();
    await expect.poll(() => fullyVisibleRows(page)).toBeGreaterThanOrEqual(15);
    const metricsShown = (await fullyVisibleColumns(page)).filter((id) => id?.startsWith('metrics.'));
    expect(metricsShown.length).toBeGreaterThan(0);
    await screenshotLooks(page, 'table-layout-expanded');

    // the sidebar folds (button, then `[` to unfold), and stays folded after a reload
    const sidebarWidth = async () => (await page.locator('nav.sidebar').boundingBox())!.width;
    const wide = await sidebarWidth();
    await page.getByTestId('sidebar-toggle').click();
    await expect.poll(sidebarWidth).toBeLessThan(40);
    await page.reload();
    await page.getByTestId('run-row').first().waitFor();
    expect(await sidebarWidth()).toBeLessThan(40);
    await screenshotLooks(page, 'table-layout-sidebar-folded');
    await page.locator('body').press('[');
    await expect.poll(sidebarWidth).toBeCloseTo(wide, 0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('walks the rows with the keys: one tab stop each for the header and the rows, never scrolling sideways', async () => {
    const { page, errors } = await openSweep();
    const rowIds = () => page.getByTestId('run-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-run-id')));
    const selectedCount = async () => ((await page.getByTestId('selection-actions').count()) ? await page.getByTestId('selection-actions').locator('strong').textContent() : '0 selected');

    // the header: Right moves along it, Enter sorts
    await page.getByTestId('name-header').focus();
    await page.keyboard.press('ArrowRight');
    const focusedHead = () => page.evaluate(() => document.activeElement?.getAttribute('data-head-id') ?? null);
    await expect.poll(focusedHead).toBe('attributes.status');
    await page.keyboard.press('Enter');
    await expect.poll(() => headerCell(page, 'attributes.status').getAttribute('aria-sort')).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => headerCell(page, 'attributes.status').getAttribute('aria-sort')).toBe('none');
    // p pins the column under the focus, and unpins it
    await page.keyboard.press('p');
    await expect.poll(() => page.locator('.rt-head-cell.is-pinned').count()).toBe(1);
    await page.keyboard.press('p');
    await expect.poll(() => page.locator('.rt-head-cell.is-pinned').count()).toBe(0);

    // one Tab from the header: into the rows, the cursor on the first
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('runs-grid-body');
    const ids = await rowIds();
    await expect.poll(() => cursorRunId(page)).toBe(ids[0]);
    await page.keyboard.press('j');
    await expect.poll(() => cursorRunId(page)).toBe(ids[1]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    await expect.poll(() => cursorRunId(page)).toBe(ids[1]);

    // space selects, x toggles the compare set (the selection) and the cursor stays
    await page.keyboard.press(' ');
    await expect.poll(selectedCount).toBe('1 selected');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('x');
    await expect.poll(selectedCount).toBe('2 selected');
    await expect.poll(() => cursorRunId(page)).toBe(ids[0]);
    await page.keyboard.press('x');
    await expect.poll(selectedCount).toBe('1 selected');
    // shift+space: every run from the last one picked (ids[0]) to the cursor
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('Shift+Space');
    await expect.poll(selectedCount).toBe('4 selected');
    await page.keyboard.press('Escape');
    await expect.poll(selectedCount).toBe('0 selected');
    await page.keyboard.press('Home');

    // Right opens a sweep parent (the runs are newest first: the extra run, then the parents), the
    // cursor walks into its trials; End goes to the last row
    await page.keyboard.press('j');
    expect(sweep.parents.map((p) => p.id)).toContain(await cursorRunId(page));
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await rowIds()).length).toBeGreaterThan(ids.length);
    await page.keyboard.press('j');
    const child = await cursorRunId(page);
    expect(sweep.parents.flatMap((p) => p.children.map((c) => c.id))).toContain(child);
    await screenshotLooks(page, 'table-layout-keyboard');
    await page.keyboard.press('End');
    await expect.poll(async () => (await page.locator('[data-testid="run-row"].cursor').boundingBox()) !== null).toBe(true);
    await page.keyboard.press('Home');
    await expect.poll(() => cursorRunId(page)).toBe(ids[0]);
    expect(await scrollLeft(page)).toBe(0);

    // a click on a row's checkbox puts the cursor there; the keys go on from it
    await page.locator(`[data-testid="run-row"][data-run-id="${ids[3]}"]`).getByTestId('run-select').click();
    await expect.poll(selectedCount).toBe('1 selected');
    await page.keyboard.press('k');
    await expect.poll(() => cursorRunId(page)).toBe(ids[2]);

    // Enter opens the run under the cursor
    await page.keyboard.press('j');
    const target = await cursorRunId(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/runs/${target}`);

    // the sheet lists the table's keys
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('shortcuts-sheet').textContent()).toMatch(/j k.*x.*compare set/);
    await screenshotLooks(page, 'table-layout-shortcuts');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
