import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eTitle, hasChromium, openApp, screenshotLooks, startBrowserMode, type BrowserMode } from './support/browser';
import { hasPython, PYTHON } from './support/python';

// Run project… end to end in browser mode: a project folder made here (an MLproject whose entry
// points run `python`, given in the form as the test venv's, or that venv's Python by full path,
// and log through mlflow) is opened from the sidebar; its
// typed parameters are a form (a float that is not a number is marked and nothing runs); the run
// page opens and streams the output, the run ends FINISHED with the params and the metric the
// script logged; Rerun opens the form with the run's values; a slow entry point is cancelled
// from its run page and ends KILLED.

const MLPROJECT = `name: e2e-demo
entry_points:
  main:
    parameters:
      alpha: {type: float, default: 0.5}
      label: {type: string, default: base}
      data: path
    command: "python train.py --alpha {alpha} --label {label} --data {data}"
  fail:
    command: "${PYTHON} fail.py"
  slow:
    parameters:
      seconds: {type: float, default: 120}
    command: "${PYTHON} slow.py {seconds}"
`;

const TRAIN = `import argparse, sys, time
import mlflow
p = argparse.ArgumentParser()
p.add_argument("--alpha", type=float)
p.add_argument("--label")
p.add_argument("--data")
a = p.parse_args()
with mlflow.start_run():
    for step in range(4):
        print(f"step {step} loss={1 / (step + 1) * a.alpha:.3f}", flush=True)
        mlflow.log_metric("loss", 1 / (step + 1) * a.alpha, step=step)
        time.sleep(0.3)
    rows = sum(1 for _ in open(a.data))
    print(f"done alpha={a.alpha} label={a.label} rows={rows}", flush=True)
    print("a warning on stderr", file=sys.stderr, flush=True)
`;

const FAIL = `import sys
print("about to fail", flush=True)
sys.exit(3)
`;

const SLOW = `import sys, time
print("sleeping", flush=True)
time.sleep(float(sys.argv[1]))
print("woke up", flush=True)
`;

interface RestRun {
  info: { status: string; run_name: string };
  data: { params?: { key: string; value: string }[]; tags?: { key: string; value: string }[]; metrics?: { key: string; value: number }[] };
}

describe.skipIf(!hasChromium || !hasPython)(e2eTitle('Run project… and Rerun (browser mode)'), () => {
  let mode: BrowserMode;
  let page: Page;
  let errors: string[];
  let folder: string;
  let firstRunId = '';

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sextant-e2e-project-'));
    writeFileSync(join(folder, 'MLproject'), MLPROJECT);
    writeFileSync(join(folder, 'train.py'), TRAIN);
    writeFileSync(join(folder, 'slow.py'), SLOW);
    writeFileSync(join(folder, 'fail.py'), FAIL);
    writeFileSync(join(folder, 'data.csv'), 'x,y\n1,2\n3,4\n');
    mode = await startBrowserMode();
    ({ page, errors } = await openApp(mode));
  }, 120_000);

  afterAll(async () => {
    await mode?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const getRun = async (runId: string): Promise<RestRun> =>
    ((await (await fetch(`${mode.server.url}/api/2.0/mlflow/runs/get?run_id=${runId}`)).json()) as { run: RestRun }).run;
  const hashRunId = async () => /#\/runs\/([^/?]+)/.exec(await page.evaluate(() => window.location.hash))?.[1] ?? '';
  const dialog = () => page.getByTestId('run-project-dialog');

  it('opens a project from the sidebar, marks a float that is not a number, runs it and streams its output on the run page', async () => {
    await page.getByTestId('sidebar-run-project').click();
    await dialog().waitFor();
    // a folder that is not there: one sentence, no stack, nothing to run
    await dialog().getByTestId('project-uri').fill(`${folder}-missing`);
    await dialog().getByTestId('project-open').click();
    const refusal = dialog().getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`${folder}-missing`);
    expect(await refusal.textContent()).not.toMatch(/\bat .*\.(js|ts):\d+/);
    expect(await dialog().getByTestId('project-run').isDisabled()).toBe(true);
    await dialog().getByTestId('project-uri').fill(folder);
    await dialog().getByTestId('project-open').click();
    await dialog().getByTestId('project-opened').waitFor();
    expect(await dialog().getByTestId('project-entry').locator('option').allTextContents()).toEqual(['main', 'fail', 'slow']);
    // defaults filled, the required path empty
    expect(await dialog().getByTestId('project-param-alpha').inputValue()).toBe('0.5');
    expect(await dialog().getByTestId('project-param-label').inputValue()).toBe('base');
    expect(await dialog().getByTestId('project-param-data').inputValue()).toBe('');

    await dialog().getByTestId('project-param-alpha').fill('fast');
    expect(await dialog().getByTestId('project-param-alpha-problem').textContent()).toBe('alpha must be a number');
    await dialog().getByTestId('project-run').click();
    // refused before anything runs: both problems shown, the dialog stays
    expect(await dialog().getByTestId('project-param-data-problem').textContent()).toBe('data is required');
    expect(await dialog().getByTestId('project-problem-count').textContent()).toBe('2 parameters need fixing.');
    await screenshotLooks(page, 'projects-form-problems');

    await dialog().getByTestId('project-param-alpha').fill('0.25');
    await dialog().getByTestId('project-param-data').fill('data.csv');
    await dialog().getByTestId('project-experiment').fill('projects-e2e');
    await dialog().getByTestId('project-run-name').fill('first try');
    await dialog().getByTestId('project-env-manager').selectOption('local');
    // the entry point says `python`: the test venv's, given as the form's Python
    await dialog().getByTestId('project-python').fill(PYTHON);
    await screenshotLooks(page, 'projects-form');
    await dialog().getByTestId('project-run').click();

    // the run page opens and the output streams in
    await expect.poll(hashRunId, { timeout: 30_000 }).not.toBe('');
    firstRunId = await hashRunId();
    const output = page.getByTestId('project-output');
    await output.waitFor();
    await expect.poll(() => page.getByTestId('project-log').textContent(), { timeout: 90_000 }).toContain('done alpha=0.25 label=base rows=3');
    await expect.poll(() => output.getAttribute('data-state'), { timeout: 30_000 }).toBe('succeeded');
    // it came as projects.output events, not from the job's last lines or the artifact afterwards
    expect(await output.getAttribute('data-log-source')).toBe('events');
    // once ended, the whole output is there (streamed, or read back from the run's project-output.log)
    await expect.poll(() => page.getByTestId('project-log').textContent(), { timeout: 30_000 }).toMatch(/step 0 loss=0\.250[\s\S]*step 3 loss=0\.062[\s\S]*done alpha=0\.25/);
    // the page itself follows the run to its end, with the logged metric
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/finished/i);
    await expect.poll(() => page.getByTestId('run-metrics').textContent()).toContain('loss');
    expect(await page.getByTestId('run-name').textContent()).toBe('first try');
    expect(await page.getByTestId('run-params').textContent()).toContain('0.25');
    await screenshotLooks(page, 'projects-run-output');

    const run = await getRun(firstRunId);
    expect(run.info.status).toBe('FINISHED');
    const params = Object.fromEntries((run.data.params ?? []).map((p) => [p.key, p.value]));
    expect(params).toMatchObject({ alpha: '0.25', label: 'base' });
    const tags = Object.fromEntries((run.data.tags ?? []).map((t) => [t.key, t.value]));
    expect(tags).toMatchObject({ 'mlflow.source.type': 'PROJECT', 'mlflow.project.entryPoint': 'main' });
  }, 240_000);

  it('Rerun opens the form with the run’s entry point and values; a cancelled run ends KILLED', async () => {
    await page.getByTestId('run-rerun').click();
    await dialog().getByTestId('project-opened').waitFor();
    expect(await dialog().getByTestId('project-uri').inputValue()).toBe(folder);
    expect(await dialog().getByTestId('project-entry').inputValue()).toBe('main');
    expect(await dialog().getByTestId('project-param-alpha').inputValue()).toBe('0.25');
    expect(await dialog().getByTestId('project-param-data').inputValue()).not.toBe('');
    expect(await dialog().getByTestId('project-experiment').inputValue()).toBe('projects-e2e');
    // the Python given last time (a run does not record it)
    expect(await dialog().getByTestId('project-python').inputValue()).toBe(PYTHON);
    await screenshotLooks(page, 'projects-rerun-form');

    await dialog().getByTestId('project-entry').selectOption('slow');
    expect(await dialog().getByTestId('project-param-seconds').inputValue()).toBe('120');
    await dialog().getByTestId('project-env-manager').selectOption('local');
    await dialog().getByTestId('project-run').click();
    await expect.poll(async () => { const id = await hashRunId(); return id !== '' && id !== firstRunId; }, { timeout: 30_000 }).toBe(true);
    const slowRunId = await hashRunId();
    await expect.poll(() => page.getByTestId('project-log').textContent(), { timeout: 60_000 }).toContain('sleeping');
    await page.getByTestId('project-cancel').click();
    await expect.poll(() => page.getByTestId('project-output').getAttribute('data-state'), { timeout: 30_000 }).toBe('cancelled');
    await expect.poll(async () => (await getRun(slowRunId)).info.status, { timeout: 30_000 }).toBe('KILLED');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/killed/i);
    expect(await page.getByTestId('project-log').textContent()).not.toContain('woke up');
    await screenshotLooks(page, 'projects-cancelled');
  }, 180_000);

  it('lists the project under Recent; a failing entry point ends FAILED saying why; no page errors', async () => {
    await page.getByTestId('experiment-link').filter({ hasText: /^projects-e2e$/ }).click();
    await page.getByTestId('experiment-run-project').click();
    await dialog().getByTestId('project-recent').waitFor();
    expect(await dialog().getByTestId('project-recent-item').first().textContent()).toContain('e2e-demo');
    await screenshotLooks(page, 'projects-recent');
    await dialog().getByTestId('project-recent-item').first().click();
    await dialog().getByTestId('project-opened').waitFor();
    await dialog().getByTestId('project-entry').selectOption('fail');
    expect(await dialog().getByTestId('project-params').textContent()).toContain('takes no parameters');
    await dialog().getByTestId('project-run').click();
    const output = page.getByTestId('project-output');
    await expect.poll(() => output.getAttribute('data-state'), { timeout: 60_000 }).toBe('failed');
    expect(await output.getByTestId('project-output-state').textContent()).toMatch(/^Failed: .*3/);
    await expect.poll(() => page.getByTestId('project-log').textContent(), { timeout: 30_000 }).toContain('about to fail');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/failed/i);
    await screenshotLooks(page, 'projects-failed');
    expect(errors).toEqual([]);
  }, 120_000);
});
