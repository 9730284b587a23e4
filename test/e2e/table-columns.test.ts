import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshotLooks, startBrowserMode, type BrowserMode } from './support/browser';
import { Seeder } from './support/seed';
import { seedSweep, type SeededSweep } from './support/sweep';

// The runs table reads values only for the columns it shows, sorts and groups by. A grouping by
// a column not read reads just that column's values and applies once they are in (never every
// run under one empty group), and the filter bar offers values of params no column shows.

const UNFILTERED = '4 parent runs · 52 runs in all (48 nested)';
const suggestionLabels = (page: Page) => page.getByTestId('filter-suggestion').locator('code').allTextContents();
const groupLabels = (page: Page) => page.locator('[data-testid="group-row"] .rt-group-label').allTextContents();

describe.skipIf(!hasChromium)(e2eTitle('columns read on demand: grouping and filter values (browser mode)'), () => {
  let mode: BrowserMode;
  let sweep: SeededSweep;

  beforeAll(async () => {
    mode = await startBrowserMode();
    sweep = await seedSweep(new Seeder(mode.server.url), 'table-columns-e2e', { steps: 4 });
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  /** The sweep with only its status and val_loss columns shown (so only val_loss is read). */
  async function openNarrow() {
    const opened = await openApp(mode, `#/experiments/${sweep.experimentId}?cols=attributes.status,metrics.val_loss`);
    await expect.poll(() => opened.page.getByTestId('run-count').textContent()).toBe(UNFILTERED);
    await expect.poll(() => opened.page.getByTestId('runs-table').getAttribute('aria-busy')).toBe('false');
    return opened;
  }

  it('groups by a param no column shows: its values are read, and no group is drawn before they are', async () => {
    const { page, errors } = await openNarrow();
    const calls: string[] = [];
    page.on('request', (r) => {
      const m = /\/rpc\/([\w.]+)/.exec(r.url());
      if (m) calls.push(m[1]!);
    });
    // every group label the table ever draws from now on
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { groupsSeen: string[] }).groupsSeen = seen;
      new MutationObserver(() => {
        document.querySelectorAll('[data-testid="group-row"] .rt-group-label').forEach((el) => seen.push(el.textContent ?? ''));
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('group-by').selectOption('params.optimizer');
    await expect.poll(() => groupLabels(page)).toHaveLength(4);
    const labels = await groupLabels(page);
    expect(labels.every((l) => /^optimizer = \w+$/.test(l))).toBe(true);
    await screenshotLooks(page, 'table-grouped');
    const seen = await page.evaluate(() => (window as unknown as { groupsSeen: string[] }).groupsSeen);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((l) => l.includes('(none)'))).toEqual([]);
    expect(calls).toContain('runs.searchTableValues');
    expect(calls).not.toContain('runs.searchTable'); // the runs are not read again
    expect(await page.getByTestId('group-pending').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('suggests the values of a param that no column shows', async () => {
    const { page, errors } = await openNarrow();
    const filter = page.getByTestId('run-filter');
    await filter.click();
    await filter.pressSequentially('params.layers = ');
    await expect.poll(() => suggestionLabels(page)).not.toEqual([]);
    const values = await suggestionLabels(page);
    expect(values.every((v) => /^'\d+'$/.test(v))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
