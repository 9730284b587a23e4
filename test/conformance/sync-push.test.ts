// Push against a real `mlflow server`: a sweep logged into Sextant by the official Python client
// is pushed, then both sides are read back with the official client (test/conformance/sync/
// dump_experiment.py) and must dump the same. Then: a second push sends nothing; more logging
// is pushed as a delta; a push through a proxy that cuts connections finishes exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTracking, type RunningTracking } from '../../electron/open-tracking';
import { addRemote } from '../../electron/services/remotes-service';
import { push, type PushReport } from '../../electron/sync/push';
import { RemoteClient } from '../../electron/sync/remote-client';
import { startFaultProxy } from '../support/fault-proxy';
import { startMlflow, type RunningServer } from '../support/servers';
import { dumpExperiment, py } from './sync/mlflow-py';

const logs: string[] = [];



describe('push to a real mlflow server', () => {
  let mlflow: RunningServer;
  let local: RunningTracking;
  let client: RemoteClient;
  const storeDir = mkdtempSync(join(tmpdir(), 'sextant-push-'));

  beforeAll(async () => {
    mlflow = await startMlflow();
    local = await openTracking({ storeDir, host: '127.0.0.1', port: 0, log: (m) => logs.push(m), version: 'test' });
    await addRemote(local.services, { name: 'team', url: mlflow.url });
    client = new RemoteClient({ url: mlflow.url, auth: { kind: 'none' }, retry: { baseDelayMs: 50, maxDelayMs: 500 } });
  }, 180_000);

  afterAll(async () => {
    await local?.close();
    await mlflow?.stop();
    rmSync(storeDir, { recursive: true, force: true });
  });

  const pushSweep = (experiments: string[], via: RemoteClient = client): Promise<PushReport> => push({ svc: local.services, remote: 'team', client: via, experiments });

  it('copies every run of a nested sweep: info, params, tags, full histories with NaN and ±inf, inputs, artifacts', async () => {
    await py('seed_sweep.py', local.server.url, ['sweep']).catch((err: Error) => Promise.reject(new Error(`${err.message.slice(-2000)}\n--- sextant log ---\n${logs.join('\n')}`)));
    const report = await pushSweep(['sweep']);
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ created: 4, updated: 0, conflicts: 0, points: 6006, artifacts: 3 });
    const [here, there] = await Promise.all([dumpExperiment(local.server.url, 'sweep'), dumpExperiment(mlflow.url, 'sweep')]);
    expect(Object.keys(there.runs)).toHaveLength(4);
    expect(there).toEqual(here);
  }, 300_000);

  it('sends nothing the second time', async () => {
    const report = await pushSweep(['sweep']);
    expect(report.details).toMatchObject({ created: 0, updated: 0, unchanged: 4, points: 0, artifacts: 0 });
    expect(report.summary).toMatch(/^pushed 0 runs to team \(0 new, 0 updated, 4 unchanged\), 0 points, 0 artifacts/);
  }, 120_000);

  it('sends only what changed after more logging, and the copy stays equal', async () => {
    await py('seed_sweep.py', local.server.url, ['sweep', 'more']);
    const report = await pushSweep(['sweep']);
    expect(report.details).toMatchObject({ created: 0, updated: 1, unchanged: 3, points: 500, artifacts: 1 });
    expect(await dumpExperiment(mlflow.url, 'sweep')).toEqual(await dumpExperiment(local.server.url, 'sweep'));
  }, 300_000);

  it('pushes selected runs with the runs they are nested under, and nothing else', async () => {
    await py('seed_sweep.py', local.server.url, ['partial']);
    const db = local.store.db;
    const trial = db.column<string>("SELECT r.run_id FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id WHERE e.name = 'partial' AND r.name = 'trial-0'");
    const report = await push({ svc: local.services, remote: 'team', client, experiments: [], runIds: trial });
    expect(report.problems).toEqual([]);
    const there = await dumpExperiment(mlflow.url, 'partial');
    expect(Object.values(there.runs).map((r) => (r as { name: string }).name).sort()).toEqual(['parent', 'trial-0']);
  }, 300_000);

  it('pushes a registered model with its versions, logged model and aliases; it loads and predicts from the remote', async () => {
    await py('model_registry.py', local.server.url, ['seed', 'regressor']);
    const report = await push({ svc: local.services, remote: 'team', client, experiments: [], models: ['regressor'] });
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ created: 2, loggedModels: 2, versions: 2 });
    const [here, there] = await Promise.all([py('model_registry.py', local.server.url, ['describe', 'regressor']), py('model_registry.py', mlflow.url, ['describe', 'regressor'])]);
    expect(JSON.parse(there)).toEqual(JSON.parse(here));
    const again = await push({ svc: local.services, remote: 'team', client, experiments: [], models: ['regressor'] });
    expect(again.details).toMatchObject({ created: 0, updated: 0, loggedModels: 0, versions: 0 });
  }, 300_000);

  it('finishes exactly once through a proxy that cuts requests and responses', async () => {
    await py('seed_sweep.py', local.server.url, ['cut']);
    const proxy = await startFaultProxy({ target: mlflow.url, rate: 0.3, seed: 7 });
    try {
      const flaky = new RemoteClient({ url: proxy.url, auth: { kind: 'none' }, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 } });
      let report: PushReport | null = null;
      for (let attempt = 0; attempt < 30 && (!report || report.problems.length); attempt++) {
        report = await pushSweep(['cut'], flaky).catch(() => null); // a push that gives up is run again, as a user would
      }
      expect(report?.problems).toEqual([]);
      const stats = proxy.stats();
      expect(stats.cutRequest + stats.cutResponse + stats.status503 + stats.status429).toBeGreaterThan(0);
    } finally {
      await proxy.stop();
    }
    const [here, there] = await Promise.all([dumpExperiment(local.server.url, 'cut'), dumpExperiment(mlflow.url, 'cut')]);
    expect(Object.keys(there.runs)).toHaveLength(4); // no duplicate runs
    expect(there).toEqual(here);
  }, 600_000);
});
