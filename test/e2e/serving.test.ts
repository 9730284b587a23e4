import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port';
import { e2eTitle, hasChromium, openApp, screenshotLooks, startBrowserMode, type BrowserMode } from './support/browser';
import { hasPython, PYTHON, runPython } from './support/python';

// Serve end to end in browser mode: the official Python client logs a sklearn model with an
// input example and registers it (version 1, alias @champion). On the version page a scoring
// server is started (env manager local: the test venv's Python is first on the PATH of
// `sextant serve`), becomes ready, and the request console, pre-filled from the input example,
// gets the model's own predictions back; JSON that does not parse is refused before sending and
// a body of the wrong shape gets the server's 400. The alias chip serves @champion in a dialog;
// the model page lists both servers and stops them.

const MODEL = 'e2e-served';

const TRAIN = String.raw`
import json
import mlflow
import mlflow.sklearn
import pandas as pd
from mlflow import MlflowClient
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

X, y = make_classification(n_samples=80, n_features=4, n_informative=3, n_redundant=0, random_state=3)
X = pd.DataFrame(X, columns=["f0", "f1", "f2", "f3"])
model = LogisticRegression(max_iter=500).fit(X, y)
example = X.head(3)
mlflow.set_experiment("serving-e2e")
with mlflow.start_run() as run:
    info = mlflow.sklearn.log_model(model, name="model", input_example=example, registered_model_name="${MODEL}")
MlflowClient().set_registered_model_alias("${MODEL}", "champion", "1")
print(json.dumps({"run_id": run.info.run_id, "expected": [int(p) for p in model.predict(example)]}))
`;

describe.skipIf(!hasChromium || !hasPython)(e2eTitle('Serve a model version and an alias, with the request console (browser mode)'), () => {
  let mode: BrowserMode;
  let page: Page;
  let errors: string[];
  let expected: number[];
  let versionPort = 0;
  let aliasPort = 0;

  beforeAll(async () => {
    // env manager local: the scoring server runs in the Python first on the server's PATH
    process.env.PATH = `${dirname(PYTHON)}:${process.env.PATH ?? ''}`;
    mode = await startBrowserMode();
    ({ expected } = await runPython<{ expected: number[] }>(TRAIN, mode.server.url));
    ({ page, errors } = await openApp(mode, `#/models/${MODEL}/versions/1`));
    versionPort = await freePort();
    aliasPort = await freePort();
  }, 240_000);

  afterAll(async () => {
    await mode?.stop();
  });

  const answer = async (scope: ReturnType<Page['getByTestId']>) => JSON.parse((await scope.getByTestId('console-answer').textContent()) ?? '') as unknown;
  const reachable = (port: number) => fetch(`http://127.0.0.1:${port}/ping`).then((r) => r.ok, () => false);

  it('starts a server on a version page; the console, filled from the input example, gets the model’s predictions', async () => {
    const section = page.getByTestId('version-serve');
    await page.getByTestId('version-serve-jump').click();
    await section.getByTestId('serve-start-form').waitFor();
    await screenshotLooks(page, 'serving-version-start');
    await section.getByTestId('serve-port').fill('70000');
    await section.getByTestId('serve-start').click();
    expect(await section.getByTestId('serve-start-error').textContent()).toBe('The port is a whole number from 1 to 65535.');
    await section.getByTestId('serve-port').fill(String(versionPort));
    await section.getByTestId('serve-env-manager').selectOption('local');
    await section.getByTestId('serve-start').click();

    const card = section.getByTestId('server-card');
    await card.waitFor();
    expect(await card.getByTestId('server-url').textContent()).toBe(`http://127.0.0.1:${versionPort}`);
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 180_000, interval: 500 }).toBe('ready');
    expect(await reachable(versionPort)).toBe(true);

    const consoleEl = card.getByTestId('request-console');
    await expect.poll(() => consoleEl.getByTestId('console-source').textContent()).toContain('input example');
    const body = JSON.parse(await consoleEl.getByTestId('console-body').inputValue()) as Record<string, unknown>;
    expect(Object.keys(body)).toHaveLength(1);
    await consoleEl.getByTestId('console-send').click();
    await expect.poll(() => consoleEl.getByTestId('console-status').textContent(), { timeout: 60_000 }).toMatch(/^200 OK · [\d.]+ ms$/);
    expect(await answer(consoleEl)).toEqual({ predictions: expected });
    await card.locator('.server-log summary').click();
    // the scoring server's own access log streams in, one line per line
    await expect.poll(() => card.getByTestId('server-log').textContent(), { timeout: 30_000 }).toMatch(/"POST \/invocations HTTP\/1\.1" 200/);
    expect(await card.getByTestId('server-log').textContent()).toMatch(/Uvicorn running on http:\/\/127\.0\.0\.1:\d+.*\n/);
    await screenshotLooks(page, 'serving-version-ready');
  }, 300_000);

  it('refuses JSON that does not parse before sending, and shows the server’s 400 for a body of the wrong shape', async () => {
    const consoleEl = page.getByTestId('version-serve').getByTestId('request-console');
    await consoleEl.getByTestId('console-body').fill('{"dataframe_split": ');
    await consoleEl.getByTestId('console-send').click();
    expect(await consoleEl.getByTestId('console-error').textContent()).toMatch(/^Not valid JSON/);
    await consoleEl.getByTestId('console-body').fill('{"no_such_format": [1, 2]}');
    await consoleEl.getByTestId('console-send').click();
    await expect.poll(() => consoleEl.getByTestId('console-status').textContent(), { timeout: 60_000 }).toMatch(/^400 /);
    expect(JSON.stringify(await answer(consoleEl))).toContain('error_code');
    await screenshotLooks(page, 'serving-version-400');
  }, 120_000);

  it('serves @champion from its chip, lists both servers on the model page and stops them there', async () => {
    await page.evaluate((hash) => (window.location.hash = hash), `#/models/${MODEL}`);
    await page.getByTestId('model-servers').waitFor();
    expect(await page.getByTestId('model-server-row').count()).toBe(1);
    await page.getByTestId('model-aliases').getByTestId('alias-serve').click();
    const dialog = page.getByTestId('serve-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('serve-port').fill(String(aliasPort));
    await dialog.getByTestId('serve-start').click();
    const card = dialog.getByTestId('server-card');
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 180_000, interval: 500 }).toBe('ready');
    expect(await card.textContent()).toContain('version 1');
    await expect.poll(() => card.getByTestId('console-source').textContent()).toContain('input example');
    await card.getByTestId('console-send').click();
    await expect.poll(() => card.getByTestId('console-status').textContent(), { timeout: 60_000 }).toMatch(/^200 /);
    expect(await answer(card)).toEqual({ predictions: expected });
    await screenshotLooks(page, 'serving-alias-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    const rows = page.getByTestId('model-server-row');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['ready', 'ready']);
    await screenshotLooks(page, 'serving-model-servers');
    for (let i = 0; i < 2; i++) {
      await page.getByTestId('model-server-stop').first().click();
      await expect.poll(() => page.getByTestId('model-server-stop').count(), { timeout: 60_000 }).toBe(1 - i);
    }
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['stopped', 'stopped']);
    expect(await reachable(versionPort)).toBe(false);
    expect(await reachable(aliasPort)).toBe(false);
    expect(errors).toEqual([]);
  }, 300_000);
});
