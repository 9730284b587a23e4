import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, recordRequests, screenshot, startBrowserMode, type BrowserMode, type RequestLog } from './support/browser';
import { canvasInk } from './support/canvas';
import { Seeder } from './support/seed';
import { runCell } from './support/table';

// Everything is live: a run logged by a client while the page is open shows up, with its new
// metric points and its status, through the event stream — without a reload and without polling.

/** How long the page is watched doing nothing: any request in this window is polling. */
const IDLE_WINDOW_MS = 3_000;
/** Quiet time that shows the page has finished re-reading after the last event. */
const SETTLE_MS = 1_500;

/**
 * The requests a page makes while idle. Live views re-read at most once a second after an event
 * (a throttle), so the page first gets to finish what the last events asked for: it must go
 * quiet for SETTLE_MS (a page that polls more often than that never does, and fails here).
 * Then it is watched for IDLE_WINDOW_MS: whatever it requests in that window is polling.
 */
async function idleRequests(requests: RequestLog): Promise<string[]> {
  await expect.poll(() => requests.quietFor(), { message: 'the page never stopped sending requests (polling?)', timeout: 20_000 }).toBeGreaterThan(SETTLE_MS);
  const before = requests.paths.length;
  await new Promise((r) => setTimeout(r, IDLE_WINDOW_MS)); // an observation window, not a wait for the app
  return requests.paths.slice(before);
}

/** Marks the page's JS world; a reload or navigation away would lose the mark. */
const markWorld = (page: Page) => page.evaluate(() => void ((window as unknown as { __sameWorld: boolean }).__sameWorld = true));
const sameWorld = (page: Page) => page.evaluate(() => (window as unknown as { __sameWorld?: boolean }).__sameWorld === true);

describe.skipIf(!hasChromium)(e2eTitle('live updates (browser mode)'), () => {
  let mode: BrowserMode;
  let seed: Seeder;
  let experimentId = '';

  beforeAll(async () => {
    mode = await startBrowserMode();
    seed = new Seeder(mode.server.url);
    experimentId = await seed.experiment('live-e2e');
    await seed.run(experimentId, { name: 'finished-before', params: { lr: '0.1' }, metrics: { loss: () => 0.9 }, steps: 3 });
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  it('shows a run logged while the experiment page is open, its metrics and its end, without reload or polling', async () => {
    const { page, errors } = await openApp(mode, `#/experiments/${experimentId}`);
    await page.getByTestId('run-row').first().waitFor();
    expect(await page.getByTestId('run-row').count()).toBe(1);
    await markWorld(page);
    const requests = recordRequests(page);

    // a training script starts a run ...
    const runId = await seed.startRun(experimentId, 'logged-while-open', { team: 'live' });
    const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('run-name').textContent()).toBe('logged-while-open');
    await expect.poll(() => row.locator('.rt-cell.status-RUNNING').count()).toBe(1);
    await screenshot(page, 'live-run-appeared');

    // ... logs a param and metric points: a new column, then the latest value follows
    await seed.logParam(runId, 'batch_size', '64');
    await seed.logMetric(runId, 'live_loss', 0.5, 0);
    const lossHeader = page.locator('[data-column-id="metrics.live_loss"]');
    await lossHeader.waitFor({ timeout: 30_000 });
    const lossCell = () => runCell(page, row, 'metrics.live_loss');
    await expect.poll(lossCell, { timeout: 30_000 }).toBe('0.5');
    await seed.logMetric(runId, 'live_loss', 0.25, 1);
    await expect.poll(lossCell, { timeout: 30_000 }).toBe('0.25');
    await expect.poll(() => runCell(page, row, 'params.batch_size'), { timeout: 30_000 }).toBe('64');

    // ... and ends
    await seed.finishRun(runId);
    await expect.poll(() => row.locator('.rt-cell.status-FINISHED').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('run-count').textContent()).toContain('2 runs');
    await screenshot(page, 'live-run-finished');

    // all of it arrived in the same page: no reload, one event stream, no navigation
    expect(await sameWorld(page)).toBe(true);
    expect(requests.count('/events')).toBe(0); // the stream opened before we started counting
    expect(requests.paths.filter((p) => p === '/' || p === '/index.html')).toEqual([]);

    // idle: nothing is logged, and the page asks the server for nothing
    const idle = await idleRequests(requests);
    expect(idle.filter((p) => p === '/rpc/runs.search'), 'runs.search while idle (polling?)').toEqual([]);
    expect(idle.filter((p) => p.startsWith('/rpc/')), 'RPC calls while idle').toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('keeps a filtered, sorted view live: matching new runs land in their sorted place, others stay out', async () => {
    const expId = await seed.experiment('live-sorted-e2e');
    for (const [name, acc] of [['acc-30', 0.3], ['acc-60', 0.6], ['acc-90', 0.9]] as const) {
      await seed.run(expId, { name, params: { kind: 'seeded' }, metrics: { acc: () => acc }, steps: 2 });
    }
    const { page, errors } = await openApp(mode, `#/experiments/${expId}`);
    await page.getByTestId('run-row').nth(2).waitFor();
    const names = () => page.getByTestId('run-row').getByTestId('run-name').allTextContents();
    await page.getByTestId('run-filter').fill('metrics.acc > 0.5');
    await page.getByTestId('run-filter').press('Enter');
    await expect.poll(names).toEqual(expect.arrayContaining(['acc-60', 'acc-90']));
    await expect.poll(async () => (await names()).length).toBe(2);
    const header = page.locator('[data-column-id="metrics.acc"]');
    await header.click(); // an accuracy: the first click sorts descending
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(names).toEqual(['acc-90', 'acc-60']);
    await markWorld(page);

    // a new run that matches goes between the two; one that does not match stays out
    const mid = await seed.startRun(expId, 'acc-75-live');
    await seed.logMetric(mid, 'acc', 0.75, 0);
    const low = await seed.startRun(expId, 'acc-10-live');
    await seed.logMetric(low, 'acc', 0.1, 0);
    await expect.poll(names, { timeout: 30_000 }).toEqual(['acc-90', 'acc-75-live', 'acc-60']);
    // a later point moves a run: the view re-sorts, and a run that stops matching leaves it
    await seed.logMetric(mid, 'acc', 0.95, 1);
    await expect.poll(names, { timeout: 30_000 }).toEqual(['acc-75-live', 'acc-90', 'acc-60']);
    await seed.logMetric(mid, 'acc', 0.2, 2);
    await expect.poll(names, { timeout: 30_000 }).toEqual(['acc-90', 'acc-60']);
    await seed.logMetric(low, 'acc', 0.7, 1);
    await expect.poll(names, { timeout: 30_000 }).toEqual(['acc-90', 'acc-10-live', 'acc-60']);
    await screenshot(page, 'live-sorted-filtered');
    expect(await sameWorld(page)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows experiments created, renamed and deleted by a client in the sidebar', async () => {
    const { page, errors } = await openApp(mode, `#/experiments/${experimentId}`);
    await page.getByTestId('run-row').first().waitFor();
    await markWorld(page);
    const links = () => page.getByTestId('experiment-link').allTextContents();
    const id = await seed.experiment('appears-live');
    await expect.poll(links, { timeout: 30_000 }).toContain('appears-live');
    await seed.post('experiments/update', { experiment_id: id, new_name: 'renamed-live' });
    await expect.poll(links, { timeout: 30_000 }).toContain('renamed-live');
    expect(await links()).not.toContain('appears-live');
    await seed.post('experiments/delete', { experiment_id: id });
    await expect.poll(links, { timeout: 30_000 }).not.toContain('renamed-live');
    expect(await sameWorld(page)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('follows a running run on its page: new metric keys get a chart, new points redraw it, the status changes', async () => {
    const runId = await seed.startRun(experimentId, 'watched-run');
    await seed.logMetric(runId, 'acc', 0.1, 0);
    await seed.logMetric(runId, 'acc', 0.22, 1); // two points: a metric logged once is drawn as a bar
    const { page, errors } = await openApp(mode, `#/runs/${runId}`);
    await expect.poll(() => page.getByTestId('run-status').textContent()).toMatch(/running/i);
    await page.getByTestId('run-tab-charts').click();
    const acc = page.locator('[data-metric-key="acc"]');
    await acc.waitFor();
    await markWorld(page);
    const requests = recordRequests(page);

    // points for a key the page has not seen: its chart appears and draws
    for (let s = 0; s < 20; s++) await seed.logMetric(runId, 'live/grad_norm', Math.sin(s / 3) + 2, s);
    const grad = page.locator('[data-metric-key="live/grad_norm"]').getByTestId('echart');
    await grad.waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await canvasInk(grad)).coloured, { timeout: 30_000 }).toBeGreaterThan(100);

    // more points of a shown key: the line grows
    const inkBefore = (await canvasInk(acc.getByTestId('echart'))).coloured;
    for (let s = 2; s < 60; s++) await seed.logMetric(runId, 'acc', 0.1 + (s % 7) * 0.12, s);
    await expect.poll(async () => (await canvasInk(acc.getByTestId('echart'))).coloured, { timeout: 30_000 }).toBeGreaterThan(inkBefore * 2);
    await screenshot(page, 'live-run-charts');

    await seed.finishRun(runId, 'FAILED');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/failed/i);
    expect(await sameWorld(page)).toBe(true);
    // the series were re-read a few times for 80 points, not once per point
    expect(requests.count('/rpc/metrics.series')).toBeLessThan(20);

    expect((await idleRequests(requests)).filter((p) => p.startsWith('/rpc/')), 'RPC calls while idle').toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
