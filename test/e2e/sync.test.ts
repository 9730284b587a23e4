import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSextant, type RunningServer } from '../support/servers';
import { e2eTitle, hasChromium, openApp, screenshot, startBrowserMode, type BrowserMode } from './support/browser';
import { Seeder } from './support/seed';

// Sync from the UI, in Chromium through browser mode, against a second `sextant serve` as the
// remote MLflow server: add and test a remote, push an experiment, watch the panel and the badges,
// log more ("changed since push"), then push with the remote down (one calm message).

const row = (page: Page, runId: string) => page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
const iconState = (page: Page, runId: string) => row(page, runId).getByTestId('sync-icon').getAttribute('data-state');

async function shoot(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [w, label] of [[1400, 'wide'], [760, 'narrow']] as const) {
      await page.setViewportSize({ width: w, height: 900 });
      await screenshot(page, `sync-${name}-${scheme}-${label}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1400, height: 900 });
}

describe.skipIf(!hasChromium)(e2eTitle('sync from the UI (browser mode)'), () => {
  let mode: BrowserMode;
  let remote: RunningServer;
  let seed: Seeder;
  let experimentId = '';
  const runIds: string[] = [];

  beforeAll(async () => {
    [mode, remote] = await Promise.all([startBrowserMode(), startSextant()]);
    seed = new Seeder(mode.server.url);
    experimentId = await seed.experiment('resnet-sweep');
    const parent = await seed.run(experimentId, { name: 'sweep', params: { search: 'grid' }, metrics: { best_acc: (s) => 0.5 + s / 100 }, steps: 20 });
    runIds.push(parent);
    for (let i = 0; i < 24; i++) {
      const lr = [0.1, 0.03, 0.01, 0.003][i % 4]!;
      runIds.push(
        await seed.run(experimentId, {
          name: `trial-${String(i).padStart(2, '0')}`,
          params: { lr: String(lr), depth: String(18 + 16 * (i % 3)), optimizer: i % 2 ? 'adam' : 'sgd' },
          tags: i < 8 ? { 'mlflow.parentRunId': parent } : {},
          metrics: { loss: (s) => 2 * Math.exp(-s * lr) + i / 100, acc: (s) => 1 - Math.exp(-s * lr * 2) },
          steps: 40,
        }),
      );
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all([mode?.stop(), remote?.stop()]);
  });

  it('adds a remote, tests it, pushes an experiment, shows pushed and changed-since-push badges, and stays calm when the remote is down', async () => {
    const { page, errors } = await openApp(mode, '#/remotes');
    await page.getByTestId('remotes-page').waitFor();
    await page.getByTestId('add-remote').click();
    await page.getByTestId('remote-name').fill('team');
    await page.getByTestId('remote-url').fill(remote.url);
    await page.getByTestId('remote-test').click();
    await expect.poll(() => page.getByTestId('remote-test-result').textContent(), { timeout: 20_000 }).toMatch(/^Connected: MLflow \d/);
    await shoot(page, 'remote-form');
    await page.getByTestId('remote-save').click();
    await page.locator('[data-testid="remote-row"][data-remote="team"]').waitFor();
    expect(await page.getByTestId('remote-last-sync').textContent()).toBe('never');

    // push the experiment from its page
    await page.evaluate((id) => (window.location.hash = `#/experiments/${id}`), experimentId);
    await page.getByTestId('run-row').first().waitFor();
    await expect.poll(() => iconState(page, runIds[0]!)).toBe('local');
    await page.getByTestId('experiment-sync-button').click();
    await page.getByTestId('experiment-sync-push').click();
    const card = page.getByTestId('job-card').first();
    await card.waitFor();
    expect(await card.locator('.job-title').textContent()).toBe('Push to team: resnet-sweep');
    await expect.poll(() => card.getAttribute('data-job-state'), { timeout: 90_000 }).toBe('succeeded');
    expect(await card.getByTestId('job-line').textContent()).toMatch(/team/);
    await expect.poll(() => iconState(page, runIds[0]!), { timeout: 20_000 }).toBe('pushed');
    const icons = page.getByTestId('sync-icon');
    for (let i = 0; i < (await icons.count()); i++) expect(await icons.nth(i).getAttribute('data-state')).toBe('pushed');
    await shoot(page, 'pushed');

    // a client logs more: that run is "changed since push", the others stay pushed
    const trial = runIds[12]!;
    await seed.logMetric(trial, 'loss', 0.01, 99);
    await expect.poll(() => iconState(page, trial), { timeout: 20_000 }).toBe('changed');
    expect(await iconState(page, runIds[0]!)).toBe('pushed');

    // the run page: badge and the link to the run on the remote
    await page.evaluate((id) => (window.location.hash = `#/runs/${id}`), trial);
    const badge = page.getByTestId('sync-badge');
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 20_000 }).toBe('changed');
    const link = await page.getByTestId('open-on-remote').getAttribute('href');
    expect(link).toMatch(new RegExp(`^${remote.url.replace(/[.]/g, '\\.')}/#/experiments/[^/]+/runs/[0-9a-f]+$`));
    await shoot(page, 'run-page');

    // the Remotes page now says when and how the last sync went
    await page.evaluate(() => (window.location.hash = '#/remotes'));
    await expect.poll(() => page.getByTestId('remote-last-sync').textContent()).toMatch(/just now/);
    await shoot(page, 'remotes');

    // the remote goes down: a push ends with one calm line, and the app goes on working
    await remote.stop();
    await page.evaluate((id) => (window.location.hash = `#/experiments/${id}`), experimentId);
    await page.getByTestId('run-row').first().waitFor();
    await page.getByTestId('experiment-sync-button').click();
    await page.getByTestId('experiment-sync-push').click();
    // a remote that refuses connections is known at once: no retries, nothing sent
    const ended = page.locator('[data-testid="job-card"][data-job-tone="offline"]');
    await ended.waitFor({ timeout: 30_000 });
    await page.evaluate(() => (window.location.hash = '#/remotes')); // the panel survives navigation
    await page.getByTestId('remotes-page').waitFor();
    await ended.waitFor();
    expect(await ended.getByTestId('job-line').textContent()).toMatch(/cannot be reached right now, so nothing was sent/);
    expect(await page.getByTestId('job-problems').count()).toBe(0);
    await shoot(page, 'offline');
    await page.evaluate((id) => (window.location.hash = `#/experiments/${id}`), experimentId);
    await expect.poll(() => iconState(page, runIds[0]!), { timeout: 20_000 }).toBe('pushed');
    expect(errors).toEqual([]);
  }, 400_000);
});
