import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshotLooks, startBrowserMode, type BrowserMode } from './support/browser';
import { canvasInk } from './support/canvas';
import { tinyPng } from './support/files';
import { Seeder } from './support/seed';
import { type SeededSweep, seedSweep } from './support/sweep';
import { scrollToColumn } from './support/table';

// The experiment Charts tab for sweeps: charts added by hand, single-value metrics as bars,
// logged images by step, parallel coordinates and scatter, and how many runs are charted.

/** Colours of the images a run logs per step, so the test can tell which step it is shown. */
const STEP_COLOURS: Record<number, [number, number, number]> = { 0: [220, 40, 40], 5: [40, 180, 60], 10: [40, 80, 220] };

/** The artifact path `mlflow.log_image(image, key=key, step=step)` writes (MLflow 3.x naming: '+' between the parts, '~' for '/'). */
const imagePath = (key: string, step: number, timestamp: number, uuid: string) => `images/${key.replace(/\//g, '~')}+step+${step}+timestamp+${timestamp}+${uuid}.png`;

async function drawn(chart: Locator, what: string): Promise<void> {
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await canvasInk(chart)).coloured, { message: `${what}: nothing drawn`, timeout: 30_000 }).toBeGreaterThan(100);
}

/** Scrolls an element to the middle of the window (the charts' sticky toolbar covers the top). */
const centre = (el: Locator) => el.evaluate((e) => e.scrollIntoView({ block: 'center' }));

/** Screenshots in every look, the element brought back to the middle after each resize. */
const looksAt = (page: Page, name: string, el: Locator) =>
  screenshotLooks(page, name, async () => {
    await page.waitForTimeout(250);
    await centre(el);
    await page.waitForTimeout(150);
  });

/** The mean colour of a shown image, read back through a canvas. */
const imageColour = (img: Locator) =>
  img.evaluate(async (el: HTMLImageElement) => {
    await el.decode();
    const c = document.createElement('canvas');
    c.width = el.naturalWidth;
    c.height = el.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(el, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let [r, g, b] = [0, 0, 0];
    for (let i = 0; i < d.length; i += 4) [r, g, b] = [r + d[i]!, g + d[i + 1]!, b + d[i + 2]!];
    const n = d.length / 4;
    return [r / n, g / n, b / n].indexOf(Math.max(r / n, g / n, b / n)); // 0 red, 1 green, 2 blue
  });

describe.skipIf(!hasChromium)(e2eTitle('chart panels, images and sweep charts (browser mode)'), () => {
  let mode: BrowserMode;
  let sweep: SeededSweep;
  let extrasId = '';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mode = await startBrowserMode();
    const seed = new Seeder(mode.server.url);
    sweep = await seedSweep(seed, 'panels-sweep', { parents: 2, childrenPerParent: 12, steps: 20 });

    // a second experiment: runs logging images at steps, and a metric logged once
    extrasId = await seed.experiment('panels-extras');
    const t0 = Date.now() - 600_000;
    for (const [name, steps] of [['imgs-a', [0, 5, 10]], ['imgs-b', [0, 10]]] as const) {
      const id = await seed.run(extrasId, {
        name,
        params: { lr: name === 'imgs-a' ? '0.1' : '0.01' },
        tags: { 'mlflow.loggedImages': 'True' },
        metrics: { loss: (s) => 1 / (s + 1), train_loss: (s) => 1.2 / (s + 1) },
        steps: 11,
      });
      ids[name] = id;
      await seed.post('runs/log-metric', { run_id: id, key: 'test_acc', value: name === 'imgs-a' ? 0.91 : 0.84, timestamp: t0, step: 0 });
      for (const step of steps) {
        await seed.artifact(extrasId, id, imagePath('val/samples', step, t0 + step * 1000, `g${step}a-${name}`), tinyPng(8, 6, STEP_COLOURS[step]), 'image/png');
      }
      await seed.artifact(extrasId, id, 'images/not-logged-by-step.png', tinyPng(), 'image/png');
    }
  }, 180_000);

  afterAll(async () => {
    await mode?.stop();
  });

  async function chartsTab(experimentId: string, lastRow = 0): Promise<{ page: Page; errors: string[]; charts: Locator }> {
    const { page, errors } = await openApp(mode, `#/experiments/${experimentId}`);
    await page.getByTestId('run-row').nth(lastRow).waitFor();
    return { page, errors, charts: page.getByTestId('run-charts') };
  }

  it('adds a chart of val_loss against another metric, which draws and is kept', async () => {
    const { page, errors, charts } = await chartsTab(sweep.experimentId);
    await page.getByTestId('tab-charts').click();
    await charts.waitFor();
    await charts.getByTestId('add-chart').click();
    const panel = charts.getByTestId('chart-panel').first();
    await panel.waitFor();
    // pick val_loss only (the first metric is there at first), against train_loss at the same step
    await panel.locator('summary').click();
    await panel.locator('[data-testid="panel-metric"][value="val_loss"]').check();
    const first = (await panel.getAttribute('data-metrics'))!.split('|')[0]!;
    if (first !== 'val_loss') await panel.locator(`[data-testid="panel-metric"][value="${first}"]`).uncheck();
    await panel.locator('summary').click();
    await panel.getByTestId('panel-x').selectOption('metric:train_loss');
    expect(await panel.getAttribute('data-metrics')).toBe('val_loss');
    expect(await panel.getAttribute('data-x')).toBe('metric:train_loss');
    await drawn(panel.getByTestId('echart'), 'val_loss against train_loss');
    await panel.getByTestId('panel-scale').selectOption('log');
    await drawn(panel.getByTestId('echart'), 'val_loss against train_loss, log scale');

    // parallel coordinates of the charted trials: the params that vary and the first metric; never the constant seed
    const parallel = charts.getByTestId('parallel-coordinates');
    await drawn(parallel.getByTestId('echart'), 'parallel coordinates');
    const axes = (await parallel.getAttribute('data-axes'))!.split('|');
    expect(axes.filter((a) => a.startsWith('param · ')).sort()).toEqual(['param · layers', 'param · lr']);
    expect(axes.some((a) => a.includes('seed'))).toBe(false);
    expect(axes.at(-1)).toBe('metric · lr'); // no sort: the first metric
    await drawn(charts.getByTestId('scatter-plot').getByTestId('echart'), 'scatter');
    expect(await charts.getByTestId('scatter-plot').getAttribute('data-x')).toBe('param · layers'); // the first numeric param that varies
    await looksAt(page, 'chart-panels', page.getByTestId('chart-panels'));
    await looksAt(page, 'chart-parallel', parallel);

    // sorted by val_loss in the table: the sweep charts lead with it
    await page.getByTestId('tab-table').click();
    expect(await scrollToColumn(page, 'metrics.val_loss')).toBe(true);
    await page.locator('[role="columnheader"][data-column-id="metrics.val_loss"] .rt-head-sort').click();
    await page.getByTestId('tab-charts').click();
    await expect.poll(async () => (await charts.getByTestId('parallel-coordinates').getAttribute('data-axes'))?.split('|').at(-1)).toBe('metric · val_loss');
    expect(await charts.getByTestId('parallel-coordinates').getAttribute('data-colour-by')).toBe('metric · val_loss');
    expect(await charts.getByTestId('scatter-plot').getAttribute('data-y')).toBe('metric · val_loss');

    // the added chart is still there after the page is opened again
    await page.reload();
    await page.locator('[data-app-ready="true"]').waitFor();
    await page.getByTestId('tab-charts').click();
    await expect.poll(() => page.getByTestId('chart-panel').first().getAttribute('data-x')).toBe('metric:train_loss');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('charts as many runs as chosen, and says so', async () => {
    const { page, errors } = await chartsTab(sweep.experimentId);
    await page.getByTestId('tab-charts').click();
    const caption = page.getByTestId('charted-runs');
    await expect.poll(() => caption.textContent()).toMatch(/^Charting the first 10 of \d+ runs with metrics/);
    const legend = page.locator('.run-legend li');
    await expect.poll(() => legend.count()).toBe(10);
    await page.getByTestId('charted-count').selectOption('25');
    await expect.poll(() => caption.textContent()).toMatch(/^Charting the first 24 runs with metrics/);
    await expect.poll(() => legend.count()).toBe(24);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('draws a metric logged once as bars, and the logged images by step', async () => {
    const { page, errors, charts } = await chartsTab(extrasId, 1);
    await page.getByTestId('tab-charts').click();
    const bar = charts.locator('[data-metric-key="test_acc"]');
    await bar.scrollIntoViewIfNeeded();
    await expect.poll(() => bar.getAttribute('data-chart-kind')).toBe('bar');
    await drawn(bar.getByTestId('echart'), 'test_acc bars');
    expect(await charts.locator('[data-metric-key="loss"]').getAttribute('data-chart-kind')).toBe('line');

    const grid = charts.getByTestId('image-grid');
    await grid.waitFor();
    expect(await charts.getByTestId('image-grid').count()).toBe(1); // the file not logged by step is no key
    expect(await grid.getAttribute('data-image-key')).toBe('val/samples');
    const cell = (name: string) => grid.locator(`[data-testid="image-cell"][data-run-id="${ids[name]}"]`);
    // at first the last step: both runs logged one at 10
    await expect.poll(() => grid.getAttribute('data-step')).toBe('10');
    await expect.poll(() => cell('imgs-a').locator('img').count()).toBe(1);
    expect(await imageColour(cell('imgs-a').locator('img'))).toBe(2);
    await expect.poll(() => cell('imgs-b').locator('img').count()).toBe(1);
    expect(await imageColour(cell('imgs-b').locator('img'))).toBe(2);
    await looksAt(page, 'chart-images', charts.getByTestId('image-section'));

    // step 5: imgs-a has it, imgs-b shows its nearest (0)
    const slider = grid.getByTestId('image-step');
    await slider.fill('1');
    await expect.poll(() => grid.getAttribute('data-step')).toBe('5');
    await expect.poll(() => cell('imgs-a').getAttribute('data-step')).toBe('5');
    await expect.poll(() => imageColour(cell('imgs-a').locator('img')), { timeout: 10_000 }).toBe(1);
    expect(await cell('imgs-b').getAttribute('data-step')).toBe('0');
    await expect.poll(() => imageColour(cell('imgs-b').locator('img')), { timeout: 10_000 }).toBe(0);
    expect(await cell('imgs-b').textContent()).toContain('(nearest)');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
