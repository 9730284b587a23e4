import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../renderer/components/runs-table/run-values';
import { e2eTitle, hasChromium, openApp, screenshot, screenshotLooks, startBrowserMode, type BrowserMode } from './support/browser';
import { Seeder } from './support/seed';
import { seedSweep, type SeededSweep } from './support/sweep';
import { scrollToColumn } from './support/table';

// A nested sweep (4 parents × 12 trials) in the runs table: one click on a metric sorts it the
// way that shows the best first, parents by their best trial, with that trial's value in the
// parent's cell; expand all, flat list, and CSV export of every matching run.

const ALL = 4 + 4 * 12;

/** The seeded trial with the best value of a metric, and its parent. */
function bestTrial(sweep: SeededSweep, value: (c: SeededSweep['parents'][number]['children'][number]) => number, largest: boolean) {
  const all = sweep.parents.flatMap((p) => p.children.map((c) => ({ parent: p, child: c, v: value(c) })));
  return all.reduce((best, x) => ((largest ? x.v > best.v : x.v < best.v) ? x : best));
}

/** The run ids of the rows drawn now, top to bottom. */
const rowIds = (page: Page) => page.getByTestId('run-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-run-id')));
/** The "best of the nested runs" mark in a row's cell of a column (drawn now). */
async function bestMark(page: Page, runId: string, columnId: string) {
  const drawn = await page.locator('[data-testid="runs-table"] [role="columnheader"][data-column-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-column-id')));
  const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
  return row.locator('.rt-cell').nth(drawn.indexOf(columnId)).getByTestId('aggregate-best');
}
/** How many rows the table has (it draws only those in view). */
const rowCount = async (page: Page) => Number(await page.getByTestId('runs-table').getAttribute('aria-rowcount'));

describe.skipIf(!hasChromium)(e2eTitle('sweep results in the runs table (browser mode)'), () => {
  let mode: BrowserMode;
  let sweep: SeededSweep;

  beforeAll(async () => {
    mode = await startBrowserMode();
    sweep = await seedSweep(new Seeder(mode.server.url), 'sweep-e2e');
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  async function openSweep(): Promise<{ page: Page; errors: string[] }> {
    const opened = await openApp(mode, `#/experiments/${sweep.experimentId}`);
    await expect.poll(() => opened.page.getByTestId('run-count').textContent()).toBe('4 parent runs · 52 runs in all (48 nested)');
    return opened;
  }

  it('sorts by val_loss with one click: the parent of the best trial first, showing that trial\'s value; expands it', async () => {
    const { page, errors } = await openSweep();
    const best = bestTrial(sweep, (c) => c.valLoss, false);
    expect(await scrollToColumn(page, 'metrics.val_loss')).toBe(true);
    const header = page.locator('[data-column-id="metrics.val_loss"]');
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => (await rowIds(page))[0]).toBe(best.parent.id);

    const first = page.locator(`[data-testid="run-row"][data-run-id="${best.parent.id}"]`);
    const agg = await bestMark(page, best.parent.id, 'metrics.val_loss');
    expect(await agg.getAttribute('data-best-run-id')).toBe(best.child.id);
    expect(await agg.locator('.rt-agg-best-value').textContent()).toBe(formatNumber(best.child.valLoss));
    expect(await agg.locator('.rt-agg-best-mark').textContent()).toBe('best');
    expect(await agg.getAttribute('title')).toContain(`best ${formatNumber(best.child.valLoss)} (${best.child.name})`);

    // the parents in the order of their best trial
    const parentBest = sweep.parents.map((p) => ({ id: p.id, v: Math.min(...p.children.map((c) => c.valLoss)) })).sort((a, b) => a.v - b.v);
    expect(await rowIds(page)).toEqual(parentBest.map((p) => p.id));

    // a click on the best value opens the parent: its trials follow it, best first
    await agg.click();
    await expect.poll(() => first.locator('.rt-expander').getAttribute('aria-expanded')).toBe('true');
    const trials = [...best.parent.children].sort((a, b) => a.valLoss - b.valLoss).map((c) => c.id);
    await expect.poll(async () => (await rowIds(page)).slice(1, 1 + trials.length)).toEqual(trials);
    await screenshotLooks(page, 'sweep-sorted-expanded');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('sorts val_acc descending on the first click', async () => {
    const { page, errors } = await openSweep();
    const best = bestTrial(sweep, (c) => c.valAcc, true);
    expect(await scrollToColumn(page, 'metrics.val_acc')).toBe(true);
    const header = page.locator('[data-column-id="metrics.val_acc"]');
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await rowIds(page))[0]).toBe(best.parent.id);
    const agg = await bestMark(page, best.parent.id, 'metrics.val_acc');
    expect(await agg.getAttribute('data-best-run-id')).toBe(best.child.id);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('expands every parent, collapses them, and lists every run flat', async () => {
    const { page, errors } = await openSweep();
    expect(await rowCount(page)).toBe(4);
    await page.getByTestId('expand-all').click();
    await expect.poll(() => rowCount(page)).toBe(ALL);
    await page.getByTestId('collapse-all').click();
    await expect.poll(() => rowCount(page)).toBe(4);

    await page.getByTestId('flat-list').check();
    await expect.poll(() => rowCount(page)).toBe(ALL);
    expect(await page.getByTestId('run-count').textContent()).toBe('52 runs');
    // no nesting: no row has an expander, and a trial is drawn at the top level
    expect(await page.locator('[data-testid="run-row"] .rt-expander').count()).toBe(0);
    expect(await page.getByTestId('expand-all').isDisabled()).toBe(true);
    await screenshot(page, 'sweep-flat');
    // kept for the experiment: still flat after a reload
    await page.reload();
    await page.locator('[data-app-ready="true"]').waitFor();
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('52 runs');
    expect(await rowCount(page)).toBe(ALL);
    await page.getByTestId('flat-list').uncheck();
    await expect.poll(() => rowCount(page)).toBe(4);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('exports every matching run (nested ones with their parent) or the rows as shown', async () => {
    const { page, errors } = await openSweep();
    await page.getByTestId('export-csv-button').click();
    expect(await page.getByTestId('export-csv-all').textContent()).toContain('All 52 matching runs');
    expect(await page.getByTestId('export-csv-shown').textContent()).toContain('As shown (4 rows)');
    await screenshotLooks(page, 'sweep-export-menu');

    const [all] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-all').click()]);
    const lines = readFileSync((await all.path())!, 'utf8').trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 5)).toEqual(['Run', 'run_id', 'parent_run_id', 'parent_run', 'depth']);
    expect(lines).toHaveLength(1 + ALL);
    const rows = new Map(lines.slice(1).map((l) => l.split(',')).map((f) => [f[1]!, f]));
    for (const p of sweep.parents) {
      expect(rows.get(p.id)?.slice(2, 5)).toEqual(['', '', '0']);
      for (const c of p.children) expect(rows.get(c.id)?.slice(0, 5)).toEqual([c.name, c.id, p.id, p.name, '1']);
    }

    await page.getByTestId('export-csv-button').click();
    const [shown] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-shown').click()]);
    expect(readFileSync((await shown.path())!, 'utf8').trimEnd().split('\r\n')).toHaveLength(1 + 4);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
