import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshot, startBrowserMode, type BrowserMode } from './support/browser';
import { Seeder } from './support/seed';
import { runCell } from './support/table';

// Browsing in browser mode, on a store seeded through the REST API: the experiments list, the
// runs table (names, params, metrics), filtering with MLflow's syntax (and a wrong filter),
// sorting by a metric column, a run's page, and creating and renaming an experiment.

const RUNS = [
  { name: 'run-alpha', lr: '0.1', optimizer: 'adam', loss: 0.5, team: 'vision' },
  { name: 'run-beta', lr: '0.01', optimizer: 'sgd', loss: 0.25, team: 'nlp' },
  { name: 'run-gamma', lr: '0.001', optimizer: 'adam', loss: 0.75, team: 'vision' },
  { name: 'run-delta', lr: '0.05', optimizer: 'sgd', loss: 0.125, team: 'nlp' },
] as const;
const STEPS = 10;
const byLoss = [...RUNS].sort((a, b) => a.loss - b.loss).map((r) => r.name);

/** The run names in the table, top to bottom. */
const shownNames = (page: Page) => page.getByTestId('run-row').getByTestId('run-name').allTextContents();

describe.skipIf(!hasChromium)(e2eTitle('browse experiments and runs (browser mode)'), () => {
  let mode: BrowserMode;
  let seed: Seeder;
  let experimentId = '';
  const runIds = new Map<string, string>();

  beforeAll(async () => {
    mode = await startBrowserMode();
    seed = new Seeder(mode.server.url);
    experimentId = await seed.experiment('browse-e2e');
    await seed.experiment('other-experiment');
    for (const r of RUNS) {
      // the loss falls to r.loss at the last step, so the latest value is exactly r.loss
      const id = await seed.run(experimentId, {
        name: r.name,
        params: { lr: r.lr, optimizer: r.optimizer },
        tags: { team: r.team },
        metrics: { loss: (s) => r.loss + (STEPS - 1 - s) * 0.5, accuracy: (s) => 0.5 + s * 0.05 },
        steps: STEPS,
      });
      runIds.set(r.name, id);
    }
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  /** Opens the app and the seeded experiment from the sidebar; waits for all rows. */
  async function openExperiment(): Promise<{ page: Page; errors: string[] }> {
    const opened = await openApp(mode);
    const { page } = opened;
    await page.getByTestId('experiment-link').filter({ hasText: /^browse-e2e$/ }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash.split("?")[0])).toBe(`#/experiments/${experimentId}`); // the view follows after a ?
    await page.getByTestId('run-row').nth(RUNS.length - 1).waitFor();
    return opened;
  }

  it('lists the experiments and shows the runs with their params and latest metrics', async () => {
    const { page, errors } = await openExperiment();
    const links = await page.getByTestId('experiment-link').allTextContents();
    expect(links).toEqual(expect.arrayContaining(['browse-e2e', 'other-experiment']));

    // the sidebar search narrows the list
    await page.getByLabel('Search experiments').fill('other');
    await expect.poll(() => page.getByTestId('experiment-link').allTextContents()).toEqual(['other-experiment']);
    await page.getByLabel('Search experiments').fill('');

    await expect.poll(() => page.getByTestId('experiment-name').textContent()).toBe('browse-e2e');
    expect((await shownNames(page)).sort()).toEqual(RUNS.map((r) => r.name).sort());
    expect(await page.getByTestId('run-count').textContent()).toContain('4 runs');

    // param, metric and tag columns are there by default
    for (const col of ['params.lr', 'params.optimizer', 'metrics.loss', 'metrics.accuracy', 'tags.team']) {
      await expect.poll(() => page.locator(`[data-column-id="${col}"]`).count(), { message: col }).toBe(1);
    }
    for (const r of RUNS) {
      const row = page.locator(`[data-testid="run-row"][data-run-id="${runIds.get(r.name)}"]`);
      const cells = {
        lr: await runCell(page, row, 'params.lr'),
        optimizer: await runCell(page, row, 'params.optimizer'),
        loss: await runCell(page, row, 'metrics.loss'),
        team: await runCell(page, row, 'tags.team'),
      };
      expect(cells, r.name).toEqual({ lr: r.lr, optimizer: r.optimizer, loss: String(r.loss), team: r.team });
      expect(await row.getByTestId('run-name').textContent()).toBe(r.name);
    }
    await screenshot(page, 'browse-experiment');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('narrows the rows with a valid filter; a wrong filter shows where it is wrong and keeps the rows', async () => {
    const { page, errors } = await openExperiment();
    const filter = page.getByTestId('run-filter');

    // wrong: the error says where, the input is marked, and the rows stay as they were
    await filter.fill('metrics.loss << 0.3');
    const error = page.getByTestId('filter-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/at character 14/);
    // the bad part is marked in the message and underlined in the field itself
    expect(await error.locator('mark').textContent()).toBe('<<');
    expect(await page.locator('.fb-mirror .fb-squiggle').textContent()).toBe('<<');
    expect(await filter.getAttribute('aria-invalid')).toBe('true');
    expect((await shownNames(page)).sort()).toEqual(RUNS.map((r) => r.name).sort());
    expect(await page.getByTestId('filter-still-applied').textContent()).toBe('The table shows all runs until the filter is valid.');
    await screenshot(page, 'browse-filter-error');

    // valid: applied after the typing pause (or Enter), the error goes away
    await filter.fill('metrics.loss < 0.3');
    await filter.press('Enter');
    await expect.poll(async () => (await shownNames(page)).sort()).toEqual(['run-beta', 'run-delta']);
    expect(await error.count()).toBe(0);
    expect(await page.getByTestId('run-count').textContent()).toContain('2 runs');

    await filter.fill("params.optimizer = 'adam' and tags.team = 'vision'");
    await filter.press('Enter');
    await expect.poll(async () => (await shownNames(page)).sort()).toEqual(['run-alpha', 'run-gamma']);
    await screenshot(page, 'browse-filtered');

    // a wrong filter on top of a narrowed view keeps the narrowed rows
    await filter.fill("params.optimizer = 'adam' and lr");
    await error.waitFor();
    expect((await shownNames(page)).sort()).toEqual(['run-alpha', 'run-gamma']);
    expect(await page.getByTestId('filter-still-applied').textContent()).toBe("The table still shows the runs of the last valid filter: params.optimizer = 'adam' and tags.team = 'vision'");

    // nothing matches: says so
    await filter.fill('metrics.loss > 100');
    await filter.press('Enter');
    await page.getByTestId('no-runs-match').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('sorts by a metric column when its header is clicked: ascending, then descending', async () => {
    const { page, errors } = await openExperiment();
    const header = page.locator('[data-column-id="metrics.loss"]');
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => shownNames(page)).toEqual(byLoss);
    await screenshot(page, 'browse-sorted');
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => shownNames(page)).toEqual([...byLoss].reverse());
    // a third click goes back to the default order (newest first)
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('none');
    await expect.poll(() => shownNames(page)).toEqual(RUNS.map((r) => r.name).reverse());

    // and by a param (a string column) ascending
    const lr = page.locator('[data-column-id="params.lr"]');
    await lr.click();
    await expect.poll(() => lr.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => shownNames(page)).toEqual([...RUNS].sort((a, b) => a.lr.localeCompare(b.lr)).map((r) => r.name));
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('puts runs without the metric last, sorted either way (as MLflow orders NULLs)', async () => {
    const expId = await seed.experiment('browse-missing-metric');
    await seed.run(expId, { name: 'has-0.2', metrics: { score: () => 0.2 }, steps: 1 });
    await seed.run(expId, { name: 'has-none', params: { note: 'no score' } });
    await seed.run(expId, { name: 'has-0.1', metrics: { score: () => 0.1 }, steps: 1 });
    const { page, errors } = await openApp(mode, `#/experiments/${expId}`);
    await page.getByTestId('run-row').nth(2).waitFor();
    // a score: higher is better, so the first click sorts descending
    const header = page.locator('[data-column-id="metrics.score"]');
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => shownNames(page)).toEqual(['has-0.2', 'has-0.1', 'has-none']);
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => shownNames(page)).toEqual(['has-0.1', 'has-0.2', 'has-none']);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('opens a run from the table: params, metrics and tags are shown', async () => {
    const { page, errors } = await openExperiment();
    const beta = RUNS[1];
    await page.locator(`[data-testid="run-row"][data-run-id="${runIds.get(beta.name)}"]`).getByTestId('run-name').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/runs/${runIds.get(beta.name)}`);
    const runPage = page.getByTestId('run-page');
    await expect.poll(() => runPage.getByTestId('run-name').textContent()).toBe(beta.name);
    expect(await runPage.getByTestId('run-status').textContent()).toMatch(/finished/i);
    expect(await runPage.getByTestId('run-experiment-link').textContent()).toBe('browse-e2e');

    const params = runPage.getByTestId('run-params');
    await expect.poll(() => params.locator('tr').count()).toBe(2);
    expect(await params.locator('tr').allInnerTexts()).toEqual([`lr\t${beta.lr}`, `optimizer\t${beta.optimizer}`]);

    const metrics = runPage.getByTestId('run-metrics');
    const lossRow = metrics.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^loss$/ }) });
    expect(await lossRow.locator('td').first().textContent()).toBe(String(beta.loss));
    expect(await lossRow.locator('td').nth(1).textContent()).toBe(String(STEPS - 1));
    expect(await metrics.locator('tbody tr th').allTextContents()).toEqual(['accuracy', 'loss']);

    const tag = runPage.locator('[data-testid="run-tag"][data-key="team"]');
    expect(await tag.locator('td.value').textContent()).toBe(beta.team);
    await screenshot(page, 'browse-run');

    // back to the experiment through the run's header link
    await runPage.getByTestId('run-experiment-link').click();
    await page.getByTestId('experiment-page').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('creates an experiment and renames it from the sidebar', async () => {
    const { page, errors } = await openApp(mode);
    await page.getByTestId('new-experiment').click();
    const input = page.getByTestId('inline-name-input');
    // a taken name is refused, and the form keeps what was typed to fix it
    await input.fill('other-experiment');
    await input.press('Enter');
    await page.locator('.sidebar .error-note').filter({ hasText: /already exists/ }).waitFor();
    expect(await input.inputValue()).toBe('other-experiment');
    await input.fill('made-in-the-ui');
    await input.press('Enter');
    // the new experiment opens, empty, with the lines that log to it
    await expect.poll(() => page.getByTestId('experiment-name').textContent()).toBe('made-in-the-ui');
    await page.getByTestId('logging-snippet').waitFor();
    const id = await findExperiment(mode.server.url, 'made-in-the-ui');
    expect(id).not.toBeNull();
    expect(page.url()).toContain(`#/experiments/${id}`);
    await screenshot(page, 'browse-new-experiment');

    const item = page.locator('.experiment-list li').filter({ has: page.getByTestId('experiment-link').filter({ hasText: /^made-in-the-ui$/ }) });
    await item.hover();
    await item.getByTitle('Rename').click();
    const rename = page.getByTestId('inline-name-input');
    expect(await rename.inputValue()).toBe('made-in-the-ui');
    await rename.fill('renamed-in-the-ui');
    await rename.press('Enter');
    await expect.poll(() => page.getByTestId('experiment-link').allTextContents()).toContain('renamed-in-the-ui');
    expect(await page.getByTestId('experiment-link').allTextContents()).not.toContain('made-in-the-ui');
    // the open page's header follows, and the server has the new name
    await expect.poll(() => page.getByTestId('experiment-name').textContent()).toBe('renamed-in-the-ui');
    expect(await findExperiment(mode.server.url, 'renamed-in-the-ui')).toBe(id);

    // deleted by a client: the page says so and offers to restore it, not lines that would fail
    await seed.post('experiments/delete', { experiment_id: id });
    await page.getByTestId('experiment-deleted').waitFor();
    expect(await page.getByTestId('logging-snippet').count()).toBe(0);
    await page.getByTestId('restore-experiment').click();
    await page.getByTestId('logging-snippet').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});

/** An experiment's id by exact name, through experiments/search (null when there is none). */
async function findExperiment(base: string, name: string): Promise<string | null> {
  const res = await fetch(`${base}/api/2.0/mlflow/experiments/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ max_results: 100, filter: `name = '${name}'` }),
  });
  const body = (await res.json()) as { experiments?: { experiment_id: string; name: string }[] };
  return body.experiments?.find((e) => e.name === name)?.experiment_id ?? null;
}
