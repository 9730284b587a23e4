// The app's serving methods over a real model-serve job: a sklearn model saved by MLflow (the
// project's venv, whose Python is put first on PATH as the app would find it) is put into a
// store, started, invoked through main, and stopped, with serving.changed / serving.output events.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../../shared/ipc/contract';
import type { ServerView } from '../../../../shared/ipc/serving-types';
import { servingHandlers } from '../../../../electron/ipc/handlers/serving-handlers';
import { JobsFeed } from '../../../../electron/ipc/jobs-feed';
import { JobRunner } from '../../../../electron/jobs/job-runner';
import { createModel, createVersion, setAlias } from '../../../../electron/services/registry-service';
import { forwardServingEvents } from '../../../../electron/serving/serving-events';
import { MODEL_SERVE_JOB, servingJobHandlers } from '../../../../electron/serving/serving-jobs';
import { freePort } from '../../../support/free-port';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { venvBin } from '../../../support/paths';
import { seedLoggedModel } from './serving-fixtures';

const ipc = { transport: 'ipc' as const };

const SAVE_MODEL = `
import sys, numpy as np, pandas as pd, mlflow
from sklearn.linear_model import LinearRegression
X = pd.DataFrame({"x": [0.0, 1.0, 2.0, 3.0], "y": [1.0, 0.0, 1.0, 0.0]})
model = LinearRegression().fit(X, 2 * X["x"] + 1)
mlflow.sklearn.save_model(model, sys.argv[1], input_example=X.head(2))
`;

function filesOf(dir: string, rel = ''): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const name of readdirSync(join(dir, rel))) {
    const path = rel ? `${rel}/${name}` : name;
    if (statSync(join(dir, path)).isDirectory()) Object.assign(out, filesOf(dir, path));
    else out[path] = readFileSync(join(dir, path));
  }
  return out;
}

describe('serving handlers', () => {
  let root: string;
  let t: TestStore;
  let jobs: JobRunner;
  let feed: JobsFeed;
  const events: EventMessage[] = [];
  const savedPath = process.env.PATH;

  beforeAll(async () => {
    process.env.PATH = `${dirname(venvBin('python'))}:${savedPath ?? ''}`;
    root = mkdtempSync(join(tmpdir(), 'sextant-serving-'));
    execFileSync(venvBin('python'), ['-c', SAVE_MODEL, join(root, 'saved')], { env: { ...process.env, MLFLOW_DISABLE_TELEMETRY: 'true' }, stdio: 'pipe' });
    t = await openTestStore(join(root, 'store'));
    const { runId, modelId } = await seedLoggedModel(t, filesOf(join(root, 'saved')));
    await createModel(t.svc, { name: 'line', tags: [] });
    await createVersion(t.svc, { name: 'line', source: `models:/${modelId}`, runId, modelId, tags: [] });
    await setAlias(t.svc, 'line', 'prod', '1');
    jobs = new JobRunner({ handlers: servingJobHandlers({ store: t.store, services: t.svc, log: () => {} }), log: () => {} });
    feed = new JobsFeed(jobs, () => {});
  }, 120_000);

  afterAll(async () => {
    await jobs?.close({ cancel: true });
    feed?.close();
    await t?.store.close();
    process.env.PATH = savedPath;
    rmSync(root, { recursive: true, force: true });
  });

  const waitFor = async (id: string, states: ServerView['state'][]) => {
    for (let i = 0; i < 1200; i++) {
      const last = events.filter((e): e is Extract<EventMessage, { event: 'serving.changed' }> => e.event === 'serving.changed' && e.payload.server.id === id).at(-1);
      if (last && states.includes(last.payload.server.state)) return last.payload.server;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server ${id} never got to ${states.join('/')}`);
  };

  it('starts a server, forwards invocations to it, and stops it, telling the app at each step', async () => {
    const stopForwarding = forwardServingEvents(t.store, (m) => events.push(m));
    const h = servingHandlers(t.svc, { jobs, feed });
    const example = await h['serving.example']({ modelUri: 'models:/line@prod' }, ipc);
    expect(example.source).toBe('input_example');
    expect(JSON.parse(example.body)).toEqual({ dataframe_split: { columns: ['x', 'y'], data: [[0, 1], [1, 0]] } });

    const port = await freePort();
    const started = await h['serving.start']({ modelUri: 'models:/line@prod', port }, ipc);
    expect(started).toMatchObject({ modelUri: 'models:/line@prod', host: '127.0.0.1', port, url: `http://127.0.0.1:${port}`, state: 'starting' });
    const ready = await waitFor(started.id, ['ready', 'failed']);
    expect(ready).toMatchObject({ state: 'ready', resolved: { name: 'line', version: '1' } });
    expect(ready.lines).toContain(`serving models:/line@prod at http://127.0.0.1:${port} (POST http://127.0.0.1:${port}/invocations)`);
    expect(events.filter((e) => e.event === 'serving.output' && e.payload.id === started.id).length).toBeGreaterThan(3);
    expect((await h['serving.list']({}, ipc)).map((s) => [s.id, s.state])).toEqual([[started.id, 'ready']]);

    const json = await h['serving.invoke']({ id: started.id, body: example.body, contentType: 'application/json' }, ipc);
    expect(json.status).toBe(200);
    expect((JSON.parse(json.body) as { predictions: number[] }).predictions.map((p) => Math.round(p * 1000) / 1000)).toEqual([1, 3]);
    expect(json.ms).toBeGreaterThanOrEqual(0);
    const csv = await h['serving.invoke']({ id: started.id, body: 'x,y\n2,0\n', contentType: 'text/csv' }, ipc);
    expect([csv.status, Math.round((JSON.parse(csv.body) as { predictions: number[] }).predictions[0]! * 1000) / 1000]).toEqual([200, 5]);
    const bad = await h['serving.invoke']({ id: started.id, body: '{"dataframe_split": [', contentType: 'application/json' }, ipc);
    expect([bad.status, (JSON.parse(bad.body) as { error_code: string }).error_code]).toEqual([400, 'BAD_REQUEST']);

    // a second server on its port is refused, and so is a port another program listens on; the first goes on
    await expect(h['serving.start']({ modelUri: 'models:/line/1', port }, ipc)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE', message: `models:/line@prod is already served on port ${port}: stop it first, or choose another port.` });
    const blocker = createServer();
    const taken = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as { port: number }).port)));
    await expect(h['serving.start']({ modelUri: 'models:/line/1', port: taken }, ipc)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE', message: `Port ${taken} on 127.0.0.1 is taken by another program: choose another port, or stop what listens there.` });
    // a port taken after that check (here: a job started directly, which does not check again) fails the server, saying why
    const { id: lateId } = jobs.start({ kind: MODEL_SERVE_JOB, args: { modelUri: 'models:/line/1', port: taken } });
    const failed = await waitFor(lateId, ['ready', 'failed']);
    blocker.close();
    expect(failed).toMatchObject({ state: 'failed', error: expect.stringMatching(/^The scoring server exited with status \d+ before it was ready\.$/) });
    expect(failed.lines.some((l) => /address already in use/i.test(l))).toBe(true);
    expect((await h['serving.invoke']({ id: started.id, body: example.body, contentType: 'application/json' }, ipc)).status).toBe(200);

    const stopped = await h['serving.stop']({ id: started.id }, ipc);
    expect(stopped).toMatchObject({ state: 'stopped', endedAt: expect.any(Number) });
    expect(jobs.get(started.id)?.state).toBe('cancelled');
    await expect(h['serving.invoke']({ id: started.id, body: example.body, contentType: 'application/json' }, ipc)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('is stopped, not ready') });
    expect(await fetch(`http://127.0.0.1:${port}/ping`).then(() => 'answered', () => 'down')).toBe('down');
    stopForwarding();
  }, 180_000);

  it('refuses a model that is not in the store before starting anything', async () => {
    const h = servingHandlers(t.svc, { jobs, feed });
    const before = jobs.list().length;
    await expect(h['serving.start']({ modelUri: 'models:/line@staging' }, ipc)).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', message: 'Cannot serve models:/line@staging: Registered model alias staging not found for model line.' });
    await expect(h['serving.example']({ modelUri: 'models:/nothing/1' }, ipc)).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
    await expect(h['serving.stop']({ id: 'no-such-server' }, ipc)).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
    expect(jobs.list().length).toBe(before);
  });
});
