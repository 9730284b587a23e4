import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshotLooks, startBrowserMode, type BrowserMode } from './support/browser';
import { Seeder } from './support/seed';
import { seedSweep, type SeededSweep } from './support/sweep';

// Run colours in the runs table of a nested sweep: the rows on screen get distinct colours, and a
// colour picked from a run's swatch shows on that swatch, also after a reload.

const SWATCHES = '[data-testid="run-row"] .rt-swatch';

/** Run id and drawn background of the first `n` row swatches, top to bottom. */
const rowColors = (page: Page, n: number) =>
  page.locator(SWATCHES).evaluateAll((els, count) => {
    const rows = els.map((el) => ({
      runId: el.closest('[data-testid="run-row"]')!.getAttribute('data-run-id')!,
      top: el.getBoundingClientRect().top,
      color: getComputedStyle(el).backgroundColor,
    }));
    return rows.sort((a, b) => a.top - b.top).slice(0, count);
  }, n);

describe.skipIf(!hasChromium)(e2eTitle('run colours (browser mode)'), () => {
  let mode: BrowserMode;
  let sweep: SeededSweep;
  let page: Page;
  let errors: string[];
  let otherExperiment = '';

  beforeAll(async () => {
    mode = await startBrowserMode();
    const seed = new Seeder(mode.server.url);
    sweep = await seedSweep(seed, 'colours-e2e', { steps: 10 });
    otherExperiment = await seed.experiment('colours-e2e-other');
    for (const name of ['other-1', 'other-2', 'other-3']) await seed.run(otherExperiment, { name, steps: 2, metrics: { loss: (s) => 1 / (s + 1) } });
    ({ page, errors } = await openApp(mode, `#/experiments/${sweep.experimentId}`));
    await page.locator(SWATCHES).first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  /** Opens the first parent's trials (nested rows start folded). */
  async function expandFirstParent() {
    const expander = page.locator(`[data-testid="run-row"][data-run-id="${sweep.parents[0]!.id}"] .rt-expander`);
    if ((await expander.getAttribute('aria-expanded')) !== 'true') await expander.click();
  }

  it('gives the first 10 rows on screen 10 distinct colours once a parent is expanded', async () => {
    await expandFirstParent();
    await expect.poll(() => page.locator(SWATCHES).count()).toBeGreaterThanOrEqual(10);
    const rows = await rowColors(page, 10);
    expect(rows).toHaveLength(10);
    const children = new Set(sweep.parents[0]!.children.map((c) => c.id));
    expect(rows.filter((r) => children.has(r.runId)).length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.color)).size, JSON.stringify(rows)).toBe(10);
    expect(errors).toEqual([]);
  }, 60_000);

  it('picks a colour from a run’s swatch, shows it there, and keeps it after a reload', async () => {
    const runId = sweep.parents[0]!.children[9]!.id; // third of the trials, newest first: on screen at every size
    const swatch = page.locator(`[data-testid="run-row"][data-run-id="${runId}"] .rt-swatch`);
    const before = await swatch.evaluate((el) => getComputedStyle(el).backgroundColor);
    await swatch.click();
    const picker = page.getByTestId('run-color-picker');
    await picker.waitFor();
    await screenshotLooks(page, 'run-color-picker');
    // a palette colour other than the one it has
    const choices = picker.getByTestId('run-color-choice');
    const target = (await choices.evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor))).findIndex((c) => c !== before);
    const picked = await choices.nth(target).evaluate((el) => getComputedStyle(el).backgroundColor);
    await choices.nth(target).click();
    await picker.waitFor({ state: 'detached' });
    await expect.poll(() => swatch.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(picked);
    // the click on the swatch neither opened the run nor changed the row selection
    expect(page.url()).toContain(`#/experiments/${sweep.experimentId}`);

    await page.reload();
    await page.locator('[data-app-ready="true"]').waitFor();
    await page.locator(SWATCHES).first().waitFor();
    await expandFirstParent();
    await swatch.waitFor();
    expect(await swatch.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(picked);

    // any colour from the colour input, then Reset goes back to an assigned colour
    await swatch.click();
    await page.getByTestId('run-color-input').fill('#123456');
    await expect.poll(() => swatch.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(18, 52, 86)');
    await page.getByTestId('run-color-reset').click();
    await expect.poll(() => swatch.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(18, 52, 86)');
    expect(await page.evaluate(() => localStorage.getItem('sextant.runColors.v1'))).toBe('{}');
    expect(errors).toEqual([]);
  }, 60_000);

  it('gives the runs of the next experiment opened the palette’s first colours again', async () => {
    const first = await rowColors(page, 3);
    await page.evaluate((hash) => (window.location.hash = hash), `#/experiments/${otherExperiment}`);
    await expect.poll(() => page.locator(SWATCHES).count()).toBe(3);
    const other = await rowColors(page, 3);
    expect(new Set(other.map((r) => r.color)).size).toBe(3);
    // the palette starts blue, vermillion, bluish green (run-colors/palette.ts)
    expect(other.map((r) => r.color).sort()).toEqual(['rgb(0, 114, 178)', 'rgb(0, 158, 115)', 'rgb(213, 94, 0)']);
    expect(first.map((r) => r.runId)).not.toContain(other[0]!.runId);
    expect(errors).toEqual([]);
  }, 60_000);
});
