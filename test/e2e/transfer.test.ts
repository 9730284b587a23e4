import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSextant, type RunningServer } from '../support/servers';
import { e2eTitle, hasChromium, openApp, screenshot, startBrowserMode, type BrowserMode } from './support/browser';
import { hasPython, PYTHON, runPython } from './support/python';
import { Seeder } from './support/seed';

// Import and export from the UI, in Chromium through browser mode: an mlruns folder written by the
// real MLflow client comes in through Import MLflow data… (preview, a name clash renamed, the
// summary's link to what came in); an experiment goes out through Export bundle… (an existing file
// is never overwritten; encrypted) and into a second server's store through Import bundle…
// (the passphrase asked for, a wrong one refused).

/**
 * An mlruns folder written by the real client: 'baseline' (2 runs), 'mnist-sweep' (6 runs) and
 * 'cloud-runs' (2 runs with an S3 artifact location that never got a file).
 */
const MLRUNS_SCRIPT = `
import os, json
os.environ['MLFLOW_ALLOW_FILE_STORE'] = 'true'
import mlflow
for name, n in [('baseline', 2), ('mnist-sweep', 6)]:
    eid = mlflow.create_experiment(name)
    for i in range(n):
        with mlflow.start_run(experiment_id=eid, run_name=f'trial-{i:02d}'):
            mlflow.log_params({'lr': 0.1 / (i + 1), 'optimizer': 'adam' if i % 2 else 'sgd'})
            for s in range(30):
                mlflow.log_metric('loss', 2.0 * 0.9 ** s + i / 100, step=s)
            mlflow.log_text(f'trial {i}', 'notes/readme.txt')
cloud = mlflow.create_experiment('cloud-runs', artifact_location='s3://team-bucket/mlflow/cloud-runs')
for i in range(2):
    with mlflow.start_run(experiment_id=cloud, run_name=f'gpu-{i}'):
        mlflow.log_param('batch_size', 64 * (i + 1))
        mlflow.log_metric('accuracy', 0.9 + i / 100)
print(json.dumps({'ok': True}))
`;

async function shoot(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [w, h] of [[1400, 900], [1024, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await screenshot(page, `transfer-${name}-${scheme}-${w}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1400, height: 900 });
}

const openDialog = async (page: Page, command: 'import-mlflow' | 'import-bundle' | 'export-bundle') => {
  await page.getByTestId('transfer-menu-button').click();
  await page.getByTestId(`transfer-${command}`).click();
};

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

describe.skipIf(!hasChromium || !hasPython)(e2eTitle(`import and export from the UI (browser mode)${hasPython ? '' : `: skipped, no MLflow venv at ${PYTHON}`}`), () => {
  let mode: BrowserMode;
  let second: RunningServer;
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sextant-transfer-e2e-'));
    const started = await Promise.all([startBrowserMode(), startSextant(), runPython(MLRUNS_SCRIPT, `file://${join(dir, 'mlruns')}`)]);
    [mode, second] = [started[0], started[1]];
    // an experiment of the same name, made here (not from the source): a clash
    const seed = new Seeder(mode.server.url);
    const baseline = await seed.experiment('baseline');
    await seed.run(baseline, { name: 'local-run', params: { lr: '0.5' }, metrics: { loss: (s) => 1 / (s + 1) }, steps: 10 });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([mode?.stop(), second?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports an mlruns folder through the dialog: preview, the clash renamed, the summary linking what came in', async () => {
    const { page, errors } = await openApp(mode);
    await page.getByTestId('transfer-menu-button').click();
    await page.getByTestId('transfer-menu').waitFor();
    await shoot(page, 'menu');
    await page.getByTestId('transfer-import-mlflow').click();
    const dialog = page.getByTestId('import-dialog-mlflow');
    await dialog.waitFor();
    // browser mode: a path field with its hint, no Browse button (no server-side file browser)
    expect(await text(page, 'import-source-hint')).toMatch(/full path on the machine running Sextant/);
    expect(await dialog.locator('[data-testid^="import-source-browse"]').count()).toBe(0);

    await page.getByTestId('import-source').fill('mlruns');
    await page.getByTestId('import-preview-button').click();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/full path/);
    await page.getByTestId('import-source').fill(join(dir, 'nothing-here'));
    await page.getByTestId('import-preview-button').click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/^Nothing is at .*nothing-here/);

    await page.getByTestId('import-source').fill(join(dir, 'mlruns'));
    await page.getByTestId('import-preview-button').click();
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    expect(await text(page, 'import-source-kind')).toMatch(/MLflow file store \(mlruns\)/);
    expect(await text(page, 'import-counts')).toMatch(/10 new runs/);
    expect(await text(page, 'import-clashes')).toMatch(/baseline/);
    expect(await page.locator('[data-testid="import-experiment"][data-clash="true"]').textContent()).toMatch(/into the existing “baseline”/);
    await shoot(page, 'import-preview');

    // rename instead: the dry run runs again with that choice
    await page.getByTestId('clash-rename').check();
    await expect.poll(() => page.locator('[data-testid="import-experiment"][data-clash="true"]').textContent(), { timeout: 60_000 }).toMatch(/new, as “baseline \(imported\)”/);
    await page.getByTestId('import-run').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 90_000 });
    expect(await summary.getAttribute('data-state')).toBe('ok');
    expect(await text(page, 'import-summary-line')).toMatch(/^✓ Imported .*10 new runs/);
    const links = page.getByTestId('import-result-link');
    expect((await links.allTextContents()).sort()).toEqual(['baseline (imported)', 'cloud-runs', 'mnist-sweep']);
    await shoot(page, 'import-summary');

    await page.getByTestId('import-result-link').filter({ hasText: 'mnist-sweep' }).click();
    await page.getByTestId('import-dialog-mlflow').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('run-row').count(), { timeout: 20_000 }).toBe(6);
    // the store's own 'baseline' is untouched; the imported one is beside it
    await expect.poll(async () => (await page.getByTestId('experiment-link').allTextContents()).sort()).toEqual(['Default', 'baseline', 'baseline (imported)', 'cloud-runs', 'mnist-sweep']);
    expect(errors).toEqual([]);
  }, 300_000);

  it('exports an experiment to a bundle (never over an existing file, encrypted) and imports it into a second store', async () => {
    const { page, errors } = await openApp(mode);
    // from an experiment's page, the export starts with that experiment ticked
    await page.getByTestId('experiment-link').filter({ hasText: /^mnist-sweep$/ }).click();
    await page.getByTestId('run-row').first().waitFor();
    await openDialog(page, 'export-bundle');
    await page.getByTestId('export-dialog').waitFor();
    const ticked = page.locator('[data-testid="export-experiments-item"]:checked');
    expect(await ticked.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual(['mnist-sweep']);
    const taken = join(dir, 'taken.sxb');
    await writeFile(taken, 'precious');
    await page.getByTestId('export-out').fill(taken);
    await page.getByTestId('export-run').click();
    await expect.poll(() => page.getByTestId('export-dialog').getByRole('alert').textContent()).toMatch(/already exists; Sextant does not overwrite files/);

    const bundle = join(dir, 'week49.sxb');
    await page.getByTestId('export-out').fill(bundle);
    await page.getByTestId('export-encrypt').check();
    await page.getByTestId('export-passphrase').fill('correct horse battery');
    await page.getByTestId('export-passphrase-confirm').fill('correct horse battery');
    await shoot(page, 'export-form');
    await page.getByTestId('export-run').click();
    const exported = page.getByTestId('export-summary');
    await exported.waitFor({ timeout: 90_000 });
    expect(await exported.getAttribute('data-state')).toBe('succeeded');
    expect(await page.getByTestId('export-dialog').getByRole('alert').count()).toBe(0);
    expect(await text(page, 'export-summary-line')).toMatch(/^✓ Wrote 1 experiment, 6 runs.* encrypted bundle .*week49\.sxb/);
    await shoot(page, 'export-summary');
    await page.getByTestId('export-done').click();

    // a client logs one more run; an incremental bundle since week49 carries only it
    const seed = new Seeder(mode.server.url);
    const sweepId = /#\/experiments\/([^/?]+)/.exec(page.url())![1]!;
    await seed.run(sweepId, { name: 'trial-06', params: { lr: '0.01' }, metrics: { loss: (s) => 1 / (s + 2) }, steps: 30 });
    await openDialog(page, 'export-bundle');
    await page.getByTestId('export-since').check();
    await page.getByTestId('export-since-path').fill(bundle);
    await page.getByTestId('export-encrypt').check();
    await page.getByTestId('export-passphrase').fill('correct horse battery');
    await page.getByTestId('export-passphrase-confirm').fill('correct horse battery');
    const increment = join(dir, 'week49-b.sxb');
    await page.getByTestId('export-out').fill(increment);
    await page.getByTestId('export-run').click();
    await page.getByTestId('export-summary').waitFor({ timeout: 90_000 });
    expect(await text(page, 'export-summary-line')).toMatch(/^✓ Wrote 1 experiment, 1 run, 30 metric points to the incremental encrypted bundle .*week49-b\.sxb/);
    await page.getByTestId('export-done').click();
    expect(errors).toEqual([]);

    // the second server's UI: Import bundle… asks for the passphrase the engine says it needs
    const url = /Open the app in a browser: (\S+)/.exec(second.output())![1]!;
    const other = await openApp({ ...mode, server: second, appUrl: url });
    const p2 = other.page;
    await openDialog(p2, 'import-bundle');
    await p2.getByTestId('import-source').fill(bundle);
    await p2.getByTestId('import-preview-button').click();
    await p2.getByTestId('import-passphrase').waitFor({ timeout: 60_000 });
    expect(await p2.getByTestId('import-dialog-bundle').getByRole('alert').textContent()).toBe('This bundle is encrypted: enter the passphrase it was exported with.');
    await p2.getByTestId('import-passphrase').fill('wrong horse');
    await p2.getByTestId('import-preview-button').click();
    await expect.poll(() => p2.getByTestId('import-dialog-bundle').getByRole('alert').textContent(), { timeout: 60_000 }).toMatch(/wrong passphrase/i);
    await shoot(p2, 'import-bundle-passphrase');
    await p2.getByTestId('import-passphrase').fill('correct horse battery');
    await p2.getByTestId('import-preview-button').click();
    await p2.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    expect(await text(p2, 'import-source-kind')).toMatch(/Sextant bundle/);
    expect(await text(p2, 'import-counts')).toMatch(/6 new runs/);
    await p2.getByTestId('import-run').click();
    await p2.getByTestId('import-summary').waitFor({ timeout: 90_000 });
    expect(await p2.getByTestId('import-summary').getAttribute('data-state')).toBe('ok');
    await shoot(p2, 'import-bundle-summary');
    await p2.getByTestId('import-result-link').filter({ hasText: 'mnist-sweep' }).click();
    await expect.poll(() => p2.getByTestId('run-row').count(), { timeout: 20_000 }).toBe(6);

    // then the incremental bundle: only the new run comes in
    await openDialog(p2, 'import-bundle');
    await p2.getByTestId('import-source').fill(increment);
    await p2.getByTestId('import-preview-button').click();
    await p2.getByTestId('import-passphrase').fill('correct horse battery');
    await p2.getByTestId('import-preview-button').click();
    await p2.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    expect(await text(p2, 'import-counts')).toMatch(/1 new run/);
    await p2.getByTestId('import-run').click();
    await p2.getByTestId('import-summary').waitFor({ timeout: 90_000 });
    await p2.getByTestId('import-done').click();
    await expect.poll(() => p2.getByTestId('run-row').count(), { timeout: 20_000 }).toBe(7);
    expect(other.errors).toEqual([]);
  }, 300_000);
});
