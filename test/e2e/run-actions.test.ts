import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshot, startBrowserMode, type BrowserMode } from './support/browser';
import { Seeder } from './support/seed';

// Acting on selected runs from the table: moving a parent run (its nested run goes with it) to
// another experiment, after which its artifacts are still served and both tables show it where
// it now is.

describe.skipIf(!hasChromium)(e2eTitle('move runs to another experiment (browser mode)'), () => {
  let mode: BrowserMode;
  let seed: Seeder;
  let fromId = '';
  let toId = '';
  const ids: Record<'parent' | 'child' | 'stays', string> = { parent: '', child: '', stays: '' };

  beforeAll(async () => {
    mode = await startBrowserMode();
    seed = new Seeder(mode.server.url);
    fromId = await seed.experiment('move-from');
    toId = await seed.experiment('move-to');
    ids.parent = await seed.run(fromId, { name: 'sweep-parent', params: { lr: '0.1' } });
    ids.child = await seed.run(fromId, { name: 'sweep-child', tags: { 'mlflow.parentRunId': ids.parent } });
    ids.stays = await seed.run(fromId, { name: 'stays-here' });
    await seed.artifact(fromId, ids.parent, 'notes.txt', 'kept across the move', 'text/plain');
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
  });

  const row = (page: Page, runId: string) => page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
  /** The run's experiment, through the REST API. */
  async function fetchRun(runId: string): Promise<string> {
    const res = await fetch(`${mode.server.url}/api/2.0/mlflow/runs/get?run_id=${runId}`);
    return ((await res.json()) as { run: { info: { experiment_id: string } } }).run.info.experiment_id;
  }

  it('moves a selected parent run and its nested run; the artifacts stay readable', async () => {
    const { page, errors } = await openApp(mode);
    await page.getByTestId('experiment-link').filter({ hasText: /^move-from$/ }).click();
    await row(page, ids.parent).waitFor();
    await row(page, ids.parent).getByTestId('run-select').click();
    await expect.poll(() => page.getByTestId('selection-actions').textContent()).toContain('1 selected');

    await page.getByTestId('move-runs-button').click();
    const form = page.getByTestId('move-runs-form');
    // only the other active experiments are offered
    const offered = await form.locator('option:not([value=""])').allTextContents();
    expect(offered.sort()).toEqual(['Default (ID 0)', `move-to (ID ${toId})`]);
    await form.locator('select').selectOption(toId);
    await screenshot(page, 'run-actions-move');
    await form.getByRole('button', { name: 'Move' }).click();

    // the parent and its child leave this table; the other run stays
    await expect.poll(() => row(page, ids.parent).count()).toBe(0);
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(1);
    expect(await row(page, ids.stays).count()).toBe(1);
    expect(await fetchRun(ids.parent)).toBe(toId);
    expect(await fetchRun(ids.child)).toBe(toId);
    expect(await fetchRun(ids.stays)).toBe(fromId);

    // the target's table has the parent, and its artifact is still served
    await page.getByTestId('experiment-link').filter({ hasText: /^move-to$/ }).click();
    await row(page, ids.parent).waitFor();
    const list = await fetch(`${mode.server.url}/api/2.0/mlflow/artifacts/list?run_id=${ids.parent}`);
    expect(((await list.json()) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['notes.txt']);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
