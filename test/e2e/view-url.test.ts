import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshotLooks, startBrowserMode, type BrowserMode } from './support/browser';
import { Seeder } from './support/seed';
import { seedSweep, type SeededSweep } from './support/sweep';

// The experiment page's view in the URL (a copied link opens the same filter, sort, grouping
// and selection in a fresh browser; a link without a view opens the saved one), the filter's
// autocomplete and "did you mean", and the pages of a missing and of a deleted experiment.

const UNFILTERED = '4 parent runs · 52 runs in all (48 nested)';

const hashOf = (page: Page) => page.evaluate(() => window.location.hash);
const selectedCount = (page: Page) => page.getByTestId('selection-actions').locator('strong').textContent();
const nameSort = (page: Page) => page.locator('[role="columnheader"]', { has: page.getByTestId('name-header') }).getAttribute('aria-sort');
/** How many rows the table has (it draws only those in view). */
const rowCount = async (page: Page) => Number(await page.getByTestId('runs-table').getAttribute('aria-rowcount'));
const suggestionLabels = (page: Page) => page.getByTestId('filter-suggestion').locator('code').allTextContents();

describe.skipIf(!hasChromium)(e2eTitle('the view in the URL, filter autocomplete, missing and deleted experiments (browser mode)'), () => {
  let mode: BrowserMode;
  let seed: Seeder;
  let sweep: SeededSweep;

  beforeAll(async () => {
    mode = await startBrowserMode();
    seed = new Seeder(mode.server.url);
    sweep = await seedSweep(seed, 'view-url-e2e', { steps: 8 });
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  async function openSweep(): Promise<{ page: Page; errors: string[] }> {
    const opened = await openApp(mode, `#/experiments/${sweep.experimentId}`);
    await expect.poll(() => opened.page.getByTestId('run-count').textContent()).toBe(UNFILTERED);
    return opened;
  }

  it('keeps filter, sort, grouping and selection in the URL; the link opens them in a fresh browser', async () => {
    const { page, errors } = await openSweep();
    const filter = page.getByTestId('run-filter');
    await filter.fill("params.optimizer != 'lion'");
    await filter.press('Enter');
    await expect.poll(() => hashOf(page)).toContain('q=params.optimizer');
    await page.getByTestId('name-header').click();
    await expect.poll(() => nameSort(page)).toBe('ascending');
    await page.getByTestId('group-by').selectOption('attributes.status');
    await page.getByTestId('run-select').nth(0).click();
    await page.getByTestId('run-select').nth(1).click();
    await expect.poll(() => selectedCount(page)).toBe('2 selected');
    const rowsBefore = await rowCount(page);
    await page.locator('[data-testid="run-row"] .rt-expander').first().click();
    await expect.poll(() => rowCount(page)).toBeGreaterThan(rowsBefore);
    const rowsOpen = await rowCount(page);

    const hash = await hashOf(page);
    expect(hash).toMatch(new RegExp(`^#/experiments/${sweep.experimentId}\\?`));
    expect(hash).toContain('sort=attributes.run_name~asc');
    expect(hash).toContain('group=attributes.status');
    expect(/sel=([^&]*)/.exec(hash)?.[1]?.split(',')).toHaveLength(2);
    expect(/open=([^&]*)/.exec(hash)?.[1]?.split(',')).toHaveLength(1);

    // Copy link puts the address on the clipboard
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(mode.appUrl).origin });
    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByTestId('copy-link').textContent()).toBe('Link copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(page.url());

    // a fresh browser (no saved view): sign in with the launch URL, then open the link
    const fresh = await mode.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const other = await fresh.newPage();
    const otherErrors: string[] = [];
    other.on('pageerror', (e) => otherErrors.push(e.message));
    await other.goto(mode.appUrl);
    await other.locator('[data-app-ready="true"]').waitFor();
    await other.goto('about:blank');
    await other.goto(link);
    await other.locator('[data-app-ready="true"]').waitFor();
    await expect.poll(() => other.getByTestId('run-filter').inputValue()).toBe("params.optimizer != 'lion'");
    await expect.poll(() => nameSort(other)).toBe('ascending');
    expect(await other.getByTestId('group-by').inputValue()).toBe('attributes.status');
    await expect.poll(() => selectedCount(other)).toBe('2 selected');
    expect(await other.getByTestId('run-count').textContent()).toBe(await page.getByTestId('run-count').textContent());
    await expect.poll(() => rowCount(other)).toBe(rowsOpen); // the same parent open

    // a link pasted into the address bar of the open page replaces its view
    await other.evaluate((id) => (window.location.hash = `#/experiments/${id}?q=${encodeURIComponent("params.optimizer = 'adam'")}`), sweep.experimentId);
    await expect.poll(() => other.getByTestId('run-filter').inputValue()).toBe("params.optimizer = 'adam'");
    await expect.poll(() => nameSort(other)).toBe('none');
    expect(await other.getByTestId('group-by').inputValue()).toBe('');
    expect(otherErrors).toEqual([]);
    await fresh.close();

    // without a view, the link opens the view saved in this browser (and writes it back)
    await page.goto('about:blank');
    await page.goto(`${new URL(mode.appUrl).origin}/#/experiments/${sweep.experimentId}`);
    await expect.poll(() => page.getByTestId('run-filter').inputValue()).toBe("params.optimizer != 'lion'");
    expect(await page.getByTestId('group-by').inputValue()).toBe('attributes.status');
    await expect.poll(() => hashOf(page)).toContain('group=attributes.status');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('suggests identifiers, comparators and values while typing the filter', async () => {
    const { page, errors } = await openSweep();
    const filter = page.getByTestId('run-filter');
    await filter.click();
    await filter.pressSequentially('met');
    await expect.poll(() => suggestionLabels(page)).toContain('metrics.val_acc');
    await screenshotLooks(page, 'filter-suggestions', async () => {
      await page.waitForTimeout(150);
      await filter.focus();
    });
    await filter.focus();
    const labels = await suggestionLabels(page);
    expect(labels.every((l) => l.startsWith('metrics.'))).toBe(true);
    for (let i = 0; i < labels.indexOf('metrics.val_acc'); i++) await filter.press('ArrowDown');
    expect(await page.locator('[data-testid="filter-suggestion"][aria-selected="true"] code').textContent()).toBe('metrics.val_acc');
    await filter.press('Tab');
    expect(await filter.inputValue()).toBe('metrics.val_acc ');
    // then the comparators a metric takes
    await expect.poll(() => suggestionLabels(page)).toEqual(['>', '>=', '<', '<=', '=', '!=']);
    await filter.press('Escape');
    expect(await page.getByTestId('filter-suggestions').count()).toBe(0);

    // Enter takes a suggestion; known values come quoted after a param's =
    await filter.fill('');
    await filter.pressSequentially('params.optim');
    await expect.poll(() => suggestionLabels(page)).toEqual(['params.optimizer']);
    await filter.press('Enter');
    await filter.pressSequentially('= ');
    await expect.poll(() => suggestionLabels(page)).toEqual(expect.arrayContaining(["'adam'", "'sgd'", "'adamw'", "'rmsprop'"]));
    const values = await suggestionLabels(page);
    for (let i = 0; i < values.indexOf("'sgd'"); i++) await filter.press('ArrowDown');
    await filter.press('Enter');
    expect(await filter.inputValue()).toBe("params.optimizer = 'sgd' ");
    // with no list open, Enter applies the filter
    await filter.press('Enter');
    await expect.poll(() => hashOf(page)).toContain(`q=${encodeURIComponent("params.optimizer = 'sgd'")}`);
    await expect.poll(() => page.getByTestId('run-count').textContent()).not.toBe(UNFILTERED);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('offers "did you mean metrics.val_acc" for a bare key and filters with it', async () => {
    const { page, errors } = await openSweep();
    const filter = page.getByTestId('run-filter');
    await filter.fill('val_acc > 0.5');
    await page.getByTestId('filter-error').waitFor();
    const fix = page.getByTestId('filter-did-you-mean');
    expect(await fix.textContent()).toBe('metrics.val_acc');
    await screenshotLooks(page, 'filter-did-you-mean');
    await fix.click();
    expect(await filter.inputValue()).toBe('metrics.val_acc > 0.5');
    expect(await page.getByTestId('filter-error').count()).toBe(0);
    await expect.poll(() => hashOf(page)).toContain(`q=${encodeURIComponent('metrics.val_acc > 0.5')}`);
    const passing = sweep.parents.flatMap((p) => p.children).filter((c) => c.valAcc > 0.5).length;
    await expect.poll(() => page.getByTestId('run-count').textContent()).toContain(String(passing));
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('explains a missing experiment and links back to the experiments', async () => {
    const { page, errors } = await openApp(mode, '#/experiments/987654321');
    const missing = page.getByTestId('experiment-missing');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('There is no experiment with ID 987654321 here.');
    await screenshotLooks(page, 'experiment-missing');
    await page.getByTestId('back-to-experiments').click();
    await page.getByTestId('experiment-page').waitFor();
    expect(await missing.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('opens a deleted experiment read-only with its runs, and restores it', async () => {
    const id = await seed.experiment('deleted-e2e');
    for (const name of ['kept-a', 'kept-b']) await seed.run(id, { name, params: { lr: '0.1' }, metrics: { loss: (s) => 1 / (s + 1) }, steps: 3 });
    await seed.post('experiments/delete', { experiment_id: id });
    const { page, errors } = await openApp(mode, `#/experiments/${id}`);
    const banner = page.getByTestId('experiment-deleted');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('This experiment is deleted. Restore it to log to it again.');
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
    expect(await page.getByTestId('rename-experiment').count()).toBe(0);
    // its runs can be selected and compared, not changed
    await page.getByTestId('run-select').first().click();
    await page.getByTestId('selection-actions').waitFor();
    for (const change of ['tag-runs-button', 'move-runs-button', 'delete-button', 'restore-button']) expect(await page.getByTestId(change).count(), change).toBe(0);
    await screenshotLooks(page, 'experiment-deleted');
    await page.getByTestId('run-select').first().click();
    await page.getByTestId('restore-experiment').click();
    await expect.poll(() => banner.count()).toBe(0);
    await expect.poll(() => page.getByTestId('lifecycle').inputValue()).toBe('active');
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
    // restored, its runs can be changed again (the switch back to active runs clears a selection made meanwhile)
    await expect.poll(async () => {
      if ((await page.getByTestId('selection-actions').count()) === 0) await page.getByTestId('run-select').first().click();
      return page.getByTestId('tag-runs-button').count();
    }).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
