import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshotLooks, startBrowserMode, type BrowserMode } from './support/browser';
import { hasPython, PYTHON, runPython } from './support/python';

// MLflow 3 logged models end to end: the official Python client logs a real sklearn model with a
// signature and an input example (and a metric for it from an evaluation run), registers version
// 1 from it, and logs a second model in a run it then deletes. The UI lists the model in the
// experiment's Models tab, shows its page (flavors, signature, input example, files, source run,
// the run that used it, the version), registers version 2 from the page, links both from the
// run page, offers Register only where there is a model on a live run, and explains a run id
// the store does not have.

const LOG = String.raw`
import json
import mlflow
import mlflow.sklearn
import pandas as pd
from mlflow.models import infer_signature
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

X, y = make_classification(n_samples=80, n_features=4, n_informative=3, n_redundant=0, random_state=3)
df = pd.DataFrame(X, columns=["age", "income", "tenure", "score"])
exp_id = mlflow.set_experiment("logged-models-e2e").experiment_id
model = LogisticRegression(max_iter=500).fit(df, y)
with mlflow.start_run(run_name="train") as train:
    mlflow.log_param("C", 1.0)
    info = mlflow.sklearn.log_model(model, name="churn-model", input_example=df.head(3), signature=infer_signature(df, model.predict(df)), pip_requirements=["scikit-learn"])
with mlflow.start_run(run_name="evaluate") as evaluate:
    mlflow.log_metric("accuracy", float(model.score(df, y)), model_id=info.model_id)
with mlflow.start_run(run_name="plain") as plain:
    mlflow.log_param("nothing", "logged")
with mlflow.start_run(run_name="trashed") as trashed:
    mlflow.sklearn.log_model(model, name="gone-model", pip_requirements=["scikit-learn"])
mlflow.delete_run(trashed.info.run_id)
version = mlflow.register_model(f"models:/{info.model_id}", "churn")
print(json.dumps({"exp": exp_id, "train": train.info.run_id, "evaluate": evaluate.info.run_id, "plain": plain.info.run_id, "trashed": trashed.info.run_id, "model": info.model_id, "version": version.version}))
`;

interface Logged {
  exp: string;
  train: string;
  evaluate: string;
  plain: string;
  trashed: string;
  model: string;
  version: string;
}

if (!hasPython) console.log(`skipped: no Python venv at ${PYTHON} (node test/conformance/python-env.mjs makes it)`);

describe.skipIf(!hasChromium || !hasPython)(e2eTitle('logged models: Models tab, a logged model\'s page, Register from it, the run page (browser mode)'), () => {
  let mode: BrowserMode;
  let logged: Logged;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mode = await startBrowserMode();
    logged = await runPython<Logged>(LOG, mode.server.url);
    ({ page, errors } = await openApp(mode));
  }, 240_000);

  afterAll(async () => {
    await mode?.stop();
  });

  const go = (hash: string) => page.evaluate((h) => (window.location.hash = h), hash);

  it('lists the logged model in the experiment\'s Models tab with its source run and registered version', async () => {
    expect(logged.version).toBe('1');
    await go(`#/experiments/${logged.exp}`);
    await page.getByTestId('tab-models').click();
    const row = page.locator(`[data-testid="logged-model-row"][data-model-id="${logged.model}"]`);
    await row.waitFor();
    // the deleted run's model is listed too (its run is in the trash, not gone)
    expect(await page.getByTestId('logged-model-row').count()).toBe(2);
    expect(await row.getByTestId('logged-model-link').textContent()).toBe('churn-model');
    await expect.poll(() => row.getByTestId('logged-model-source-run').textContent()).toBe('train');
    expect(await row.getByTestId('registered-version').textContent()).toBe('churn v1');
    await screenshotLooks(page, 'logged-models-tab');
    await row.getByTestId('logged-model-link').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/logged-models/${logged.model}`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('says so when an experiment has no logged models', async () => {
    const post = async <T,>(path: string, body: unknown): Promise<T> => {
      const res = await fetch(`${mode.server.url}/api/2.0/mlflow/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    const { experiment_id: exp } = await post<{ experiment_id: string }>('experiments/create', { name: 'no-models-here' });
    await post('runs/create', { experiment_id: exp, run_name: 'just-a-run' });
    await go(`#/experiments/${exp}`);
    await page.getByTestId('tab-models').click();
    expect(await page.getByTestId('no-logged-models').textContent()).toContain('No run of this experiment has logged a model yet');
    await go(`#/logged-models/${logged.model}`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows the model\'s flavors, signature, input example, files, source run, the run that used it and its version', async () => {
    const p = page.getByTestId('logged-model-page');
    await expect.poll(() => p.getByTestId('logged-model-name').textContent()).toBe('churn-model');
    expect(await p.getByTestId('logged-model-status').textContent()).toBe('Ready');
    expect(await p.getByTestId('model-source-run').textContent()).toBe('train');
    expect(await p.getByTestId('model-source-run').getAttribute('href')).toBe(`#/runs/${logged.train}`);
    expect(await p.getByTestId('model-used-by-run').allTextContents()).toEqual(['evaluate']);
    expect(await p.getByTestId('logged-model-versions').getByTestId('registered-version').allTextContents()).toEqual(['churn v1']);
    expect(await p.getByTestId('flavor').locator('h3').allTextContents()).toEqual(expect.arrayContaining(['python_function', 'sklearn']));
    const inputs = p.getByTestId('logged-model-signature').getByTestId('schema-table').first();
    await expect.poll(() => inputs.locator('tbody tr th, tbody tr td:first-child').allTextContents()).toEqual(expect.arrayContaining(['age', 'income', 'tenure', 'score']));
    const example = p.getByTestId('input-example');
    await example.waitFor();
    expect(await example.getAttribute('data-kind')).toBe('table');
    expect(await example.locator('thead th').allTextContents()).toEqual(['age', 'income', 'tenure', 'score']);
    expect(await example.locator('tbody tr').count()).toBe(3);
    expect(await p.getByTestId('logged-model-load').textContent()).toContain(`mlflow.sklearn.load_model("models:/${logged.model}")`);
    // its metric, logged by the evaluation run
    expect(await p.getByTestId('logged-model-metrics').locator('tbody th').allTextContents()).toEqual(['accuracy']);

    // the files: MLmodel is listed and previews
    const files = p.getByTestId('logged-model-files');
    const mlmodel = files.locator('[data-testid="artifact-entry"][data-path="MLmodel"]');
    await mlmodel.waitFor();
    expect(await files.locator('[data-testid="artifact-entry"][data-path="input_example.json"]').count()).toBe(1);
    await mlmodel.click();
    const preview = files.locator('[data-testid="artifact-preview"][data-path="MLmodel"]');
    await expect.poll(() => preview.getAttribute('data-viewer')).toBe('mlmodel');
    expect(await preview.getByTestId('mlmodel-flavor').locator('h4').allTextContents()).toEqual(expect.arrayContaining(['python_function', 'sklearn']));
    await p.locator('.reg-crumbs').scrollIntoViewIfNeeded();
    await screenshotLooks(page, 'logged-model-page');
    await files.scrollIntoViewIfNeeded();
    await screenshotLooks(page, 'logged-model-files');
    expect(errors).toEqual([]);
  }, 60_000);

  it('registers version 2 from the model\'s page', async () => {
    const p = page.getByTestId('logged-model-page');
    await p.getByTestId('open-register-model').click();
    const dialog = page.getByTestId('register-model-dialog');
    await dialog.getByTestId('register-model-name').fill('churn');
    await expect.poll(() => dialog.getByTestId('register-hint').textContent()).toBe('Adds a new version to "churn".');
    await dialog.getByTestId('register-model-button').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/models/churn/versions/2');
    const version = page.getByTestId('version-page');
    await expect.poll(() => version.getByTestId('source-run').textContent()).toBe('train');
    expect(await version.getByTestId('logged-model-link').getAttribute('href')).toBe(`#/logged-models/${logged.model}`);
    await screenshotLooks(page, 'logged-models-version-page');
    // the model's versions table names the source run
    await go('#/models/churn');
    await expect.poll(() => page.getByTestId('version-source-run').allTextContents()).toEqual(['train', 'train']);
    await screenshotLooks(page, 'logged-models-registered-model');
    const res = await fetch(`${mode.server.url}/api/2.0/mlflow/model-versions/get?name=churn&version=2`);
    expect(((await res.json()) as { model_version: { model_id: string; source: string } }).model_version).toMatchObject({ model_id: logged.model, source: `models:/${logged.model}` });
    expect(errors).toEqual([]);
  }, 60_000);

  it('links the model and both versions from its run\'s page, and offers Register there', async () => {
    await go(`#/runs/${logged.train}`);
    const run = page.getByTestId('run-page');
    await expect.poll(() => run.getByTestId('run-name').textContent()).toBe('train');
    const link = run.getByTestId('run-model-link');
    await expect.poll(() => link.textContent()).toBe('churn-model');
    expect(await link.getAttribute('href')).toBe(`#/logged-models/${logged.model}`);
    await expect.poll(() => run.getByTestId('run-model').getByTestId('registered-version').allTextContents()).toEqual(['churn v2', 'churn v1']);
    await expect.poll(() => run.locator('.run-actions').getAttribute('data-register')).toBe('offered');
    expect(await run.getByTestId('open-register-model').count()).toBe(1);
    await screenshotLooks(page, 'logged-models-run-page');

    // the evaluation run shows the model it used
    await go(`#/runs/${logged.evaluate}`);
    await expect.poll(() => run.getByTestId('run-name').textContent()).toBe('evaluate');
    await expect.poll(() => run.getByTestId('run-input-model').getByTestId('run-model-link').getAttribute('href')).toBe(`#/logged-models/${logged.model}`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('offers no Register on a run with nothing to register, nor on a deleted run', async () => {
    const run = page.getByTestId('run-page');
    await go(`#/runs/${logged.plain}`);
    await expect.poll(() => run.getByTestId('run-name').textContent()).toBe('plain');
    await expect.poll(() => run.locator('.run-actions').getAttribute('data-register')).toBe('nothing-to-register');
    expect(await run.getByTestId('open-register-model').count()).toBe(0);

    await go(`#/runs/${logged.trashed}`);
    await expect.poll(() => run.getByTestId('run-name').textContent()).toBe('trashed');
    await expect.poll(() => run.locator('.run-actions').getAttribute('data-register')).toBe('deleted');
    expect(await run.getByTestId('open-register-model').count()).toBe(0);
    expect(await run.getByTestId('run-model').count()).toBe(1); // its model is still linked
    expect(errors).toEqual([]);
  }, 60_000);

  it('explains a run id the store does not have, with a way back', async () => {
    await go('#/runs/0123456789abcdef0123456789abcdef');
    const missing = page.getByTestId('run-missing');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('No run with id 0123456789abcdef0123456789abcdef in this store');
    await screenshotLooks(page, 'logged-models-missing-run');
    await missing.getByTestId('run-missing-home').click();
    // the home route opens the most recently updated experiment
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/experiments\//);
    await page.getByTestId('experiment-page').waitFor();

    await go('#/logged-models/m-0123456789abcdef0123456789abcdef');
    await page.getByTestId('logged-model-missing').waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
