import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshot, startBrowserMode, type BrowserMode } from './support/browser';
import { canvasInk } from './support/canvas';
import { Seeder } from './support/seed';

// Selecting runs in the table and comparing them: params side by side, and metric charts that
// really draw (their canvases read back pixel by pixel). Also the experiment's Charts tab.

const RUNS = [
  { name: 'cmp-a', lr: '0.1', batch: '32', seed: '1', loss: (s: number) => 2 / (s + 1), acc: (s: number) => 1 - 1 / (s + 2) },
  { name: 'cmp-b', lr: '0.01', batch: '32', seed: '2', loss: (s: number) => 3 / (s + 1) + 0.1, acc: (s: number) => 0.9 - 0.8 / (s + 2) },
  { name: 'cmp-c', lr: '0.001', batch: '64', seed: '3', loss: (s: number) => 1.5 - s * 0.01, acc: (s: number) => 0.3 + s * 0.005 },
  { name: 'cmp-unselected', lr: '1', batch: '8', seed: '4', loss: () => 5, acc: () => 0.1 },
];

/** Waits until a chart has drawn lines (saturated pixels on its canvas) and returns what it holds. */
async function drawnChart(chart: Locator, what: string) {
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await canvasInk(chart)).coloured, { message: `${what}: no line drawn`, timeout: 30_000 }).toBeGreaterThan(200);
  return canvasInk(chart);
}

describe.skipIf(!hasChromium)(e2eTitle('compare runs and charts (browser mode)'), () => {
  let mode: BrowserMode;
  let experimentId = '';
  const ids = new Map<string, string>();

  beforeAll(async () => {
    mode = await startBrowserMode();
    const seed = new Seeder(mode.server.url);
    experimentId = await seed.experiment('compare-e2e');
    for (const r of RUNS) {
      ids.set(r.name, await seed.run(experimentId, {
        name: r.name,
        params: { lr: r.lr, batch_size: r.batch, seed: r.seed },
        tags: { team: 'ml' },
        metrics: { 'train/loss': r.loss, 'val/accuracy': r.acc },
        steps: 100,
      }));
    }
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  const row = (page: Page, name: string) => page.locator(`[data-testid="run-row"][data-run-id="${ids.get(name)}"]`);

  it('selects three runs, compares them: params side by side and a chart that draws', async () => {
    const { page, errors } = await openApp(mode, `#/experiments/${experimentId}`);
    await page.getByTestId('run-row').nth(RUNS.length - 1).waitFor();
    const picked = ['cmp-a', 'cmp-b', 'cmp-c'];
    for (const name of picked) await row(page, name).getByTestId('run-select').click();
    for (const name of picked) await expect.poll(() => row(page, name).getByTestId('run-select').getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => page.getByTestId('selection-actions').textContent()).toContain('3 selected');
    await screenshot(page, 'compare-selected');

    await page.getByTestId('compare-button').click();
    const compare = page.getByTestId('compare-page');
    await compare.waitFor();
    const hash = await page.evaluate(() => decodeURIComponent(window.location.hash));
    expect(hash.replace('#/compare/', '').split(',').sort()).toEqual(picked.map((n) => ids.get(n)).sort());
    await expect.poll(() => compare.locator('h1').textContent()).toBe('Compare 3 runs');

    // params side by side: one column per run, a row per key that differs
    const table = compare.getByTestId('diff-table');
    await table.locator('table').waitFor();
    const heads = await table.locator('thead th').allTextContents();
    expect(heads[0]).toBe('Key');
    expect(heads.slice(1).sort()).toEqual(picked.slice().sort());
    const values = async (key: string) => {
      const cells = await table.locator('tbody tr').filter({ has: page.locator(`td:first-child[title="${key}"]`) }).locator('td').allTextContents();
      return Object.fromEntries(heads.slice(1).map((h, i) => [h, cells[i + 1]]));
    };
    expect(await values('lr')).toEqual({ 'cmp-a': '0.1', 'cmp-b': '0.01', 'cmp-c': '0.001' });
    expect(await values('batch_size')).toEqual({ 'cmp-a': '32', 'cmp-b': '32', 'cmp-c': '64' });
    // the unselected run is nowhere
    expect(await table.textContent()).not.toContain('cmp-unselected');
    // what is the same everywhere (the team tag) shows once "only differences" is off
    expect(await table.locator('td[title="team"]').count()).toBe(0);
    await table.getByTestId('only-differences').uncheck();
    expect(await values('team')).toEqual({ 'cmp-a': 'ml', 'cmp-b': 'ml', 'cmp-c': 'ml' });

    // the overlaid metric charts: one per metric, each drawing a line per run
    const charts = compare.getByTestId('run-charts');
    const lossChart = charts.locator('[data-metric-key="train/loss"]').getByTestId('echart');
    const ink = await drawnChart(lossChart, 'train/loss on the compare page');
    expect(ink.canvases).toBeGreaterThan(0);
    expect(ink.width * ink.height).toBeGreaterThan(100 * 100);
    expect(ink.inked).toBeGreaterThan(ink.coloured); // axes and labels too, not only lines
    await drawnChart(charts.locator('[data-metric-key="val/accuracy"]').getByTestId('echart'), 'val/accuracy on the compare page');
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('sextant:chart-drawn').length)).toBeGreaterThan(0);
    await lossChart.scrollIntoViewIfNeeded();
    await screenshot(page, 'compare-page');

    // parallel coordinates and the scatter draw too
    await drawnChart(compare.getByTestId('parallel-coordinates').getByTestId('echart'), 'parallel coordinates');
    await screenshot(page, 'compare-parallel');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("draws the experiment's Charts tab", async () => {
    const { page, errors } = await openApp(mode, `#/experiments/${experimentId}`);
    await page.getByTestId('run-row').nth(RUNS.length - 1).waitFor();
    await page.getByTestId('tab-charts').click();
    const charts = page.getByTestId('run-charts');
    await charts.waitFor();
    // with nothing selected, the first runs shown are charted: all four here, and the page says so
    expect(await page.getByTestId('charted-runs').textContent()).toMatch(/^Charting the first 4 runs with metrics/);
    // parallel coordinates and a scatter come first for these four runs: a metric's chart draws once scrolled near
    await charts.locator('[data-metric-key="train/loss"]').scrollIntoViewIfNeeded();
    const loss = charts.locator('[data-metric-key="train/loss"]').getByTestId('echart');
    await drawnChart(loss, 'train/loss on the Charts tab');
    await screenshot(page, 'experiment-charts');

    // a chart of one run only draws less ink than of four
    const all = (await canvasInk(loss)).coloured;
    await page.getByTestId('tab-table').click();
    await row(page, 'cmp-c').getByTestId('run-select').click();
    await page.getByTestId('tab-charts').click();
    const one = charts.locator('[data-metric-key="train/loss"]').getByTestId('echart');
    const single = await drawnChart(one, 'train/loss of one selected run');
    expect(single.coloured).toBeLessThan(all);
    expect(await page.getByTestId('charted-runs').textContent()).toBe('Charting the 1 run selected in the table.');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('compares nothing when only one of the runs asked for exists, and says why', async () => {
    const { page, errors } = await openApp(mode, `#/compare/${'f'.repeat(32)},${ids.get('cmp-a')}`);
    await page.getByTestId('unknown-runs').waitFor();
    await page.getByTestId('compare-needs-two').waitFor();
    expect(await page.getByTestId('compare-needs-two').locator('a').getAttribute('href')).toBe(`#/runs/${ids.get('cmp-a')}`);
    expect(await page.getByTestId('diff-table').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
