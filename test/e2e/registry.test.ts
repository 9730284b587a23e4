import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshot, startBrowserMode, type BrowserMode } from './support/browser';
import { runPython } from './support/python';

// The model registry end to end: the official Python client logs two sklearn models (not
// registered); in the UI each is registered from its run's page, version 1 goes to Staging
// and Production, version 2 to Staging and then Production archiving version 1, the alias
// @champion is set on version 1 and moved to version 2; then Python loads
// models:/<name>@champion (and /Production, and /1) and gets the predictions of the model that
// was trained and logged.

const MODEL = 'e2e-classifier';

/** Trains two different classifiers (the second on flipped labels) and logs each in a run. */
const TRAIN = String.raw`
import json
import os
import tempfile
import mlflow
import mlflow.sklearn
from mlflow.models import infer_signature
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

X, y = make_classification(n_samples=120, n_features=5, n_informative=3, random_state=7)
mlflow.set_experiment("registry-e2e")
out = {}
for name, labels in (("model-a", y), ("model-b", 1 - y)):
    model = LogisticRegression(max_iter=500).fit(X, labels)
    predictions = model.predict(X)
    with mlflow.start_run(run_name=name) as run:
        mlflow.log_param("labels", "as generated" if name == "model-a" else "flipped")
        mlflow.log_metric("train_accuracy", float(model.score(X, labels)))
        info = mlflow.sklearn.log_model(
            model,
            name="model",
            signature=infer_signature(X, predictions),
            pip_requirements=["scikit-learn"],
        )
        if name == "model-a":
            # the same model also as a plain artifact folder of the run (registered as runs:/<run>/exported)
            with tempfile.TemporaryDirectory() as tmp:
                folder = os.path.join(tmp, "exported")
                mlflow.sklearn.save_model(model, folder, signature=infer_signature(X, predictions), pip_requirements=["scikit-learn"])
                mlflow.log_artifacts(folder, artifact_path="exported")
    out[name] = {"run_id": run.info.run_id, "model_id": info.model_id, "predictions": [int(p) for p in predictions]}
print(json.dumps(out))
`;

/** Loads each URI given on the command line and predicts on the same data. */
const LOAD = String.raw`
import json
import sys
import numpy as np
import mlflow
from sklearn.datasets import make_classification

X, _ = make_classification(n_samples=120, n_features=5, n_informative=3, random_state=7)
out = {}
for uri in sys.argv[1:]:
    model = mlflow.pyfunc.load_model(uri)
    out[uri] = [int(p) for p in np.asarray(model.predict(X)).ravel()]
print(json.dumps(out))
`;

interface Trained {
  run_id: string;
  model_id: string;
  predictions: number[];
}

describe.skipIf(!hasChromium)(e2eTitle('model registry: register, promote, alias, load from Python (browser mode)'), () => {
  let mode: BrowserMode;
  let trained: Record<'model-a' | 'model-b', Trained>;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mode = await startBrowserMode();
    trained = await runPython(TRAIN, mode.server.url);
    ({ page, errors } = await openApp(mode));
  }, 240_000);

  afterAll(async () => {
    await mode?.stop();
  });

  const versionRow = (v: string) => page.locator(`[data-testid="version-row"][data-version="${v}"]`);
  const stageOf = (v: string) => versionRow(v).getByTestId('stage-badge').getAttribute('data-stage');
  const aliasesOn = (v: string) => versionRow(v).getByTestId('alias-chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-alias')));

  /** Opens a run's page and registers its logged model under MODEL through the dialog. */
  async function registerFromRun(which: 'model-a' | 'model-b', expectedVersion: string, creates: boolean) {
    const { run_id: runId, model_id: modelId } = trained[which];
    await page.evaluate((hash) => (window.location.hash = hash), `#/runs/${runId}`);
    const runPage = page.getByTestId('run-page');
    await expect.poll(() => runPage.getByTestId('run-name').textContent()).toBe(which);
    // the run's logged model is listed on its page
    await expect.poll(() => runPage.getByTestId('run-model').locator('code').allTextContents()).toContain(modelId);

    await runPage.getByTestId('open-register-model').click();
    const dialog = page.getByTestId('register-model-dialog');
    await dialog.waitFor();
    const source = dialog.getByTestId('register-source');
    await source.waitFor();
    // the logged model is offered (and chosen) first
    const chosen = source.locator('label').filter({ has: page.locator('input[type="radio"]:checked') });
    expect(await chosen.innerText()).toContain(modelId);
    await dialog.getByTestId('register-model-name').fill(MODEL);
    expect(await dialog.locator('.reg-hint').textContent()).toBe(creates ? `Creates the registered model "${MODEL}" with this as version 1.` : `Adds a new version to "${MODEL}".`);
    await screenshot(page, `registry-register-${which}`);
    await dialog.getByTestId('register-model-button').click();

    // the new version's page opens
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/models/${MODEL}/versions/${expectedVersion}`);
    const versionPage = page.getByTestId('version-page');
    await expect.poll(() => versionPage.locator('h1').textContent()).toBe(`Version ${expectedVersion}`);
    await expect.poll(() => versionPage.getByTestId('source-run').textContent()).toBe(which); // the run's name arrives after its id
    await expect.poll(() => versionPage.getByTestId('version-signature').getByTestId('schema-table').count()).toBeGreaterThan(0);
  }

  /** On the model page: moves a version to a stage through the transition dialog. */
  async function transition(version: string, stage: 'Staging' | 'Production', archive: boolean, expectHint: RegExp) {
    await versionRow(version).getByTestId('transition-button').click();
    const dialog = page.getByRole('dialog', { name: 'Change stage' });
    await dialog.waitFor();
    await dialog.getByTestId('transition-stage').selectOption(stage);
    const box = dialog.getByTestId('archive-existing');
    if (archive) await box.check();
    else await box.uncheck();
    expect(await dialog.locator('.reg-hint').textContent()).toMatch(expectHint);
    await screenshot(page, `registry-transition-v${version}-${stage.toLowerCase()}`);
    await dialog.getByTestId('transition-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => stageOf(version)).toBe(stage);
  }

  it('registers the logged model of two runs from their pages as versions 1 and 2', async () => {
    await registerFromRun('model-a', '1', true);
    await screenshot(page, 'registry-version-1');
    await registerFromRun('model-b', '2', false);

    // the models list has it, reached from the sidebar
    await page.getByTestId('models-link').click();
    const row = page.locator(`[data-testid="model-row"][data-name="${MODEL}"]`);
    await row.waitFor();
    await screenshot(page, 'registry-models');
    await row.locator('a', { hasText: MODEL }).click();
    await page.getByTestId('model-page').waitFor();
    await expect.poll(() => page.getByTestId('version-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-version')))).toEqual(['2', '1']);
    expect([await stageOf('1'), await stageOf('2')]).toEqual(['None', 'None']);
    expect(errors).toEqual([]);
  }, 120_000);

  it('moves version 1 to Staging then Production, and version 2 to Production archiving version 1', async () => {
    await transition('1', 'Staging', false, /No other version is in Staging now/);
    await transition('1', 'Production', true, /No other version is in Production now/);
    expect(await stageOf('2')).toBe('None');
    await transition('2', 'Staging', false, /No other version is in Staging now/);
    await transition('2', 'Production', true, /In Production now: version 1 — these move to Archived/);
    await expect.poll(() => stageOf('1')).toBe('Archived');
    expect(await stageOf('2')).toBe('Production');
    await screenshot(page, 'registry-stages');

    // the server agrees
    const res = await fetch(`${mode.server.url}/api/2.0/mlflow/registered-models/get?name=${MODEL}`);
    const { registered_model: rm } = (await res.json()) as { registered_model: { latest_versions: { version: string; current_stage: string }[] } };
    expect(Object.fromEntries(rm.latest_versions.map((v) => [v.current_stage, v.version]))).toMatchObject({ Production: '2', Archived: '1' });
    expect(errors).toEqual([]);
  }, 120_000);

  it('sets @champion on version 1 and moves it to version 2', async () => {
    const aliases = page.getByTestId('model-aliases');
    await aliases.getByTestId('alias-input').fill('champion');
    await aliases.getByTestId('alias-version').selectOption('1');
    expect(await aliases.getByTestId('alias-set').textContent()).toBe('Set alias');
    await aliases.getByTestId('alias-set').click();
    await expect.poll(() => aliasesOn('1')).toEqual(['champion']);
    expect(await aliasesOn('2')).toEqual([]);
    await screenshot(page, 'registry-alias-set');

    await aliases.getByTestId('alias-input').fill('champion');
    await aliases.getByTestId('alias-version').selectOption('2');
    expect(await aliases.getByTestId('alias-set').textContent()).toBe('Move alias');
    expect(await aliases.locator('.reg-hint').textContent()).toBe('@champion is on version 1; this moves it to version 2.');
    await aliases.getByTestId('alias-set').click();
    await expect.poll(() => aliasesOn('2')).toEqual(['champion']);
    expect(await aliasesOn('1')).toEqual([]);
    await screenshot(page, 'registry-alias-moved');

    const res = await fetch(`${mode.server.url}/api/2.0/mlflow/registered-models/alias?name=${MODEL}&alias=champion`);
    expect(((await res.json()) as { model_version: { version: string } }).model_version.version).toBe('2');

    // version 2's page shows how to load it by its alias
    await versionRow('2').locator('a', { hasText: 'Version 2' }).click();
    const snippet = page.getByTestId('load-snippet');
    await expect.poll(() => snippet.textContent()).toContain(`models:/${MODEL}@champion`);
    expect(await page.getByTestId('version-aliases').getByTestId('alias-chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-alias')))).toEqual(['champion']);
    await screenshot(page, 'registry-version-2');
    expect(errors).toEqual([]);
  }, 120_000);

  it('loads models:/<name>@champion from Python with the predictions of the model trained for it', async () => {
    const uris = [`models:/${MODEL}@champion`, `models:/${MODEL}/Production`, `models:/${MODEL}/1`, `models:/${MODEL}/2`];
    const loaded = await runPython<Record<string, number[]>>(LOAD, mode.server.url, uris);
    const a = trained['model-a'].predictions;
    const b = trained['model-b'].predictions;
    expect(a).not.toEqual(b); // the two models really differ, so the check below means something
    expect(loaded[`models:/${MODEL}@champion`]).toEqual(b);
    expect(loaded[`models:/${MODEL}/Production`]).toEqual(b);
    expect(loaded[`models:/${MODEL}/2`]).toEqual(b);
    expect(loaded[`models:/${MODEL}/1`]).toEqual(a);
  }, 240_000);

  it('registers an artifact folder holding an MLmodel file (a runs:/ source) and loads it from Python', async () => {
    const a = trained['model-a'];
    await page.evaluate((hash) => (window.location.hash = hash), `#/runs/${a.run_id}`);
    await expect.poll(() => page.getByTestId('run-page').getByTestId('run-name').textContent()).toBe('model-a');
    await page.getByTestId('open-register-model').click();
    const dialog = page.getByTestId('register-model-dialog');
    const folder = dialog.getByTestId('register-source').locator('label').filter({ hasText: 'Artifact folder' });
    await folder.waitFor();
    expect(await folder.locator('code').textContent()).toBe('exported');
    await folder.locator('input[type="radio"]').check();
    await dialog.getByTestId('register-model-name').fill('e2e-from-folder');
    await dialog.getByTestId('register-model-button').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/models/e2e-from-folder/versions/1');
    await expect.poll(() => page.getByTestId('version-page').getByTestId('source-run').textContent()).toBe('model-a');
    await screenshot(page, 'registry-from-folder');

    const res = await fetch(`${mode.server.url}/api/2.0/mlflow/model-versions/get?name=e2e-from-folder&version=1`);
    expect(((await res.json()) as { model_version: { source: string } }).model_version.source).toBe(`runs:/${a.run_id}/exported`);
    const loaded = await runPython<Record<string, number[]>>(LOAD, mode.server.url, ['models:/e2e-from-folder/1']);
    expect(loaded['models:/e2e-from-folder/1']).toEqual(a.predictions);
    expect(errors).toEqual([]);
  }, 240_000);

  it('shows registry changes made by a client while the model page is open', async () => {
    await page.evaluate((hash) => (window.location.hash = hash), `#/models/${MODEL}`);
    await versionRow('2').waitFor();
    await page.evaluate(() => void ((window as unknown as { __sameWorld: boolean }).__sameWorld = true));
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${mode.server.url}/api/2.0/mlflow/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    };
    const a = trained['model-a'];
    await post('model-versions/create', { name: MODEL, source: `models:/${a.model_id}`, run_id: a.run_id, model_id: a.model_id });
    await versionRow('3').waitFor({ timeout: 30_000 });
    await post('registered-models/alias', { name: MODEL, alias: 'canary', version: '3' });
    await expect.poll(() => aliasesOn('3'), { timeout: 30_000 }).toEqual(['canary']);
    await post('model-versions/transition-stage', { name: MODEL, version: '3', stage: 'Production', archive_existing_versions: true });
    await expect.poll(() => stageOf('3'), { timeout: 30_000 }).toBe('Production');
    await expect.poll(() => stageOf('2'), { timeout: 30_000 }).toBe('Archived');
    expect(await page.evaluate(() => (window as unknown as { __sameWorld?: boolean }).__sameWorld)).toBe(true);
    await screenshot(page, 'registry-live');
    expect(errors).toEqual([]);
  }, 120_000);
});
