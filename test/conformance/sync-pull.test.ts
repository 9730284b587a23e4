// Pull from a real `mlflow server`: a sweep logged there by the official Python client is pulled,
// then both sides are read back with the official client (test/conformance/sync/
// dump_experiment.py; the local side through an in-process Sextant server) and must dump the same.
// Then: a second pull fetches nothing; more remote logging comes as a delta; a local tag edit is
// kept by the next pull and sent back by a push; a tag changed on both sides is reported; a pull
// stopped mid-way and run again ends exactly as an uninterrupted one, and so does one through a proxy
// that cuts requests and responses and answers 503/429; lazy artifacts are listed,
// downloaded on first read, and fail clearly with the remote down.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/domain/tracking';
import { openTracking, type RunningTracking } from '../../electron/open-tracking';
import { logToRun } from '../../electron/services/logging-service';
import { addRemote } from '../../electron/services/remotes-service';
import { pull, type PullReport } from '../../electron/sync/pull';
import { push } from '../../electron/sync/push';
import { RemoteClient } from '../../electron/sync/remote-client';
import { lazyArtifact, pulledRun } from '../../electron/store/sync/pull-repo';
import { dispatch } from '../../electron/ipc/dispatch';
import { getRun } from '../../electron/store/repos/runs-repo';
import { startFaultProxy } from '../support/fault-proxy';
import { startMlflow, type RunningServer } from '../support/servers';
import { dumpExperiment, py } from './sync/mlflow-py';

const logs: string[] = [];



describe('pull from a real mlflow server', () => {
  let mlflow: RunningServer;
  let local: RunningTracking;
  let client: RemoteClient;
  const storeDir = mkdtempSync(join(tmpdir(), 'sextant-pull-'));

  beforeAll(async () => {
    mlflow = await startMlflow();
    local = await openTracking({ storeDir, host: '127.0.0.1', port: 0, log: (m) => logs.push(m), version: 'test' });
    await addRemote(local.services, { name: 'team', url: mlflow.url });
    client = new RemoteClient({ url: mlflow.url, auth: { kind: 'none' }, retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 200 } });
  }, 180_000);

  let mlflowStopped = false;
  afterAll(async () => {
    await local?.close();
    if (!mlflowStopped) await mlflow?.stop();
    rmSync(storeDir, { recursive: true, force: true });
  });

  const pullSweep = (experiments: string[], extra: Partial<Parameters<typeof pull>[0]> = {}): Promise<PullReport> =>
    pull({ svc: local.services, remote: 'team', client, experiments, artifacts: 'eager', ...extra });
  const remoteRuns = async (name: string) => {
    const exp = await client.get<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: name });
    return (await client.post<{ runs: Run[] }>('runs/search', { experiment_ids: [exp.experiment.experiment_id], run_view_type: 'ALL' })).runs;
  };
  const runNamed = async (exp: string, name: string) => (await remoteRuns(exp)).find((r) => r.info.run_name === name)!.info.run_id;

  it('copies every run of a nested sweep under its remote id: info, params, tags, full histories with NaN and ±inf, inputs, artifacts', async () => {
    await py('seed_sweep.py', mlflow.url, ['sweep']);
    const report = await pullSweep(['sweep']);
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ created: 4, updated: 0, points: 6006, artifacts: 3 });
    const [here, there] = await Promise.all([dumpExperiment(local.server.url, 'sweep'), dumpExperiment(mlflow.url, 'sweep')]);
    expect(Object.keys(here.runs)).toHaveLength(4);
    expect(here).toEqual(there);
    for (const id of Object.keys(there.runs)) expect(pulledRun(local.store.db, id)).toMatchObject({ remote: 'team', complete: true });
  }, 300_000);

  it('fetches nothing new the second time (only the still running trial is looked at)', async () => {
    const report = await pullSweep(['sweep']);
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ created: 0, updated: 1, unchanged: 3, points: 0, artifacts: 0 });
  }, 120_000);

  it('fetches only the delta after more remote logging, and the copy stays equal', async () => {
    await py('seed_sweep.py', mlflow.url, ['sweep', 'more']);
    const report = await pullSweep(['sweep']);
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ created: 0, updated: 1, unchanged: 3, points: 500, artifacts: 1 });
    expect(await dumpExperiment(local.server.url, 'sweep')).toEqual(await dumpExperiment(mlflow.url, 'sweep'));
    expect((await pullSweep(['sweep'])).details).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  }, 300_000);

  it('keeps a local tag edit through a pull, and a push sends back only that edit', async () => {
    const parent = await runNamed('sweep', 'parent');
    await logToRun(local.services, { runId: parent, metrics: null, params: [], tags: [{ key: 'team', value: 'vision-offline' }, { key: 'mlflow.note.content', value: 'checked offline' }] });
    const pulled = await pullSweep(['sweep']);
    expect(pulled.problems).toEqual([]);
    expect((await dumpExperiment(local.server.url, 'sweep')).runs[parent]!.tags).toMatchObject({ team: 'vision-offline', 'mlflow.note.content': 'checked offline' });
    const pushed = await push({ svc: local.services, remote: 'team', client, experiments: ['sweep'] });
    expect(pushed.problems).toEqual([]);
    expect(pushed.details).toMatchObject({ created: 0, updated: 1, unchanged: 3, points: 0, artifacts: 0 });
    const there = await dumpExperiment(mlflow.url, 'sweep');
    expect(there.runs[parent]!.tags).toMatchObject({ team: 'vision-offline', 'mlflow.note.content': 'checked offline' });
    expect(there).toEqual(await dumpExperiment(local.server.url, 'sweep'));
    expect((await pullSweep(['sweep'])).details).toMatchObject({ created: 0, updated: 1, unchanged: 3 }); // the push changed the remote run
    expect((await push({ svc: local.services, remote: 'team', client, experiments: ['sweep'] })).details).toMatchObject({ updated: 0, unchanged: 4 });
  }, 300_000);

  it('reports a tag changed on both sides and keeps the local value', async () => {
    const trial = await runNamed('sweep', 'trial-1');
    await logToRun(local.services, { runId: trial, metrics: null, params: [], tags: [{ key: 'verdict', value: 'mine' }] });
    await client.post('runs/set-tag', { run_id: trial, key: 'verdict', value: 'theirs' });
    await client.post('runs/set-tag', { run_id: trial, key: 'reviewed', value: 'yes' });
    const report = await pullSweep(['sweep']);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.item).toContain(trial);
    expect(report.problems[0]!.message).toMatch(/tag 'verdict' changed on both sides .*here: 'mine', remote: 'theirs'/);
    const tags = (await dumpExperiment(local.server.url, 'sweep')).runs[trial]!.tags;
    expect(tags).toMatchObject({ verdict: 'mine', reviewed: 'yes' }); // the clash kept, the other remote edit taken
  }, 300_000);

  it('a pull stopped mid-way and run again ends as an uninterrupted one: no duplicate runs or points', async () => {
    await py('seed_sweep.py', mlflow.url, ['cut']);
    const stop = new AbortController();
    const first = await pullSweep(['cut'], {
      signal: stop.signal,
      concurrency: 2,
      progress: (p) => { if (p.itemsDone >= 1 || p.bytesDone > 0) stop.abort(); },
    });
    expect(first.problems.at(-1)?.message).toMatch(/cancelled/);
    const incomplete = (await remoteRuns('cut')).filter((r) => !pulledRun(local.store.db, r.info.run_id)?.complete);
    expect(incomplete.length).toBeGreaterThan(0);
    const second = await pullSweep(['cut']);
    expect(second.problems).toEqual([]);
    const [here, there] = await Promise.all([dumpExperiment(local.server.url, 'cut'), dumpExperiment(mlflow.url, 'cut')]);
    expect(Object.keys(here.runs)).toHaveLength(4);
    expect(here).toEqual(there);
    for (const run of await remoteRuns('cut')) {
      for (const meta of local.store.ctx.series.forRun(run.info.run_id)) {
        expect(meta.points).toBe((await client.metricHistory(run.info.run_id, meta.key)).length); // nothing appended twice
      }
    }
    expect((await pullSweep(['cut'])).details).toMatchObject({ created: 0, points: 0, artifacts: 0 });
  }, 300_000);

  it('finishes exactly once through a proxy that cuts requests and responses and answers 503/429', async () => {
    await py('seed_sweep.py', mlflow.url, ['faults']);
    const proxy = await startFaultProxy({ target: mlflow.url, rate: 0.3, seed: 11 });
    // the client keeps its connections alive, so the first new ones get a fault each for sure
    proxy.enqueue(
      { kind: 'cut-response', afterBytes: 5_000 },
      { kind: 'cut-request', afterBytes: 100 },
      { kind: 'status-503' },
      { kind: 'cut-response', afterBytes: 60_000, how: 'reset' },
      { kind: 'status-429' },
    );
    try {
      const flaky = new RemoteClient({ url: proxy.url, auth: { kind: 'none' }, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 } });
      let report: PullReport | null = null;
      for (let attempt = 0; attempt < 30 && (!report || report.problems.length); attempt++) {
        report = await pullSweep(['faults'], { client: flaky }).catch(() => null); // a pull that gives up is run again, as a user would
      }
      expect(report?.problems).toEqual([]);
      const stats = proxy.stats();
      expect(stats.cutRequest + stats.cutResponse + stats.status503 + stats.status429).toBeGreaterThan(0);
    } finally {
      await proxy.stop();
    }
    const [here, there] = await Promise.all([dumpExperiment(local.server.url, 'faults'), dumpExperiment(mlflow.url, 'faults')]);
    expect(Object.keys(here.runs)).toHaveLength(4); // no duplicate runs
    expect(here).toEqual(there);
    for (const run of await remoteRuns('faults')) {
      for (const meta of local.store.ctx.series.forRun(run.info.run_id)) {
        expect(meta.points).toBe((await client.metricHistory(run.info.run_id, meta.key)).length); // nothing appended twice
      }
    }
    expect((await pullSweep(['faults'])).details).toMatchObject({ created: 0, points: 0, artifacts: 0 });
  }, 600_000);

  const call = (method: string, input: unknown) => dispatch(local.handlers, method, input, { transport: 'http' }, (m) => logs.push(m));
  const weights = Buffer.from(Array.from({ length: 64 }, () => Array.from({ length: 256 }, (_, i) => i)).flat());
  const localRoot = (runId: string) => getRun(local.store.db, runId).info.artifact_uri.replace(/^mlflow-artifacts:\/+/, '');

  it('lazy: lists pulled files with their size, downloads one on its first read (contract and REST) and keeps it', async () => {
    await py('seed_sweep.py', mlflow.url, ['lazy']);
    const report = await pullSweep(['lazy'], { artifacts: 'lazy' });
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ created: 4, artifacts: 3, bytes: 0 });
    const [trial, parent] = [await runNamed('lazy', 'trial-0'), await runNamed('lazy', 'parent')];
    const listed = (await (await fetch(`${local.server.url}/api/2.0/mlflow/artifacts/list?run_id=${trial}&path=model/data`)).json()) as unknown;
    expect(listed).toMatchObject({ files: [{ path: 'model/data/weights.bin', is_dir: false, file_size: weights.length }] });
    const proxied = (await (await fetch(`${local.server.url}/api/2.0/mlflow-artifacts/artifacts?path=${localRoot(trial)}/model`)).json()) as unknown;
    expect(proxied).toEqual({ files: [{ path: 'data', is_dir: true }] });
    expect(await call('artifacts.list', { runId: trial, path: '' })).toEqual({ ok: true, value: [{ path: 'model', is_dir: true }] });

    const read = await call('artifacts.read', { runId: trial, path: 'model/data/weights.bin', maxBytes: 1 << 20 });
    expect(read.ok && Buffer.from((read.value as { base64: string }).base64, 'base64').equals(weights)).toBe(true);
    expect(lazyArtifact(local.store.db, trial, 'model/data/weights.bin')).toBeUndefined(); // kept: now in the store
    const res = await fetch(`${local.server.url}/api/2.0/mlflow-artifacts/artifacts/${localRoot(parent)}/configs/config.yaml`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('lr: 0.1\n');
    // What was downloaded is recorded as the remote's: a push sends nothing back.
    expect((await push({ svc: local.services, remote: 'team', client, experiments: ['lazy'] })).details).toMatchObject({ updated: 0, unchanged: 4, artifacts: 0 });
  }, 300_000);

  it('lazy: with the remote down, a read of a file not downloaded fails with a clear MLflow error, and nothing changes', async () => {
    const trial = await runNamed('lazy', 'trial-1');
    await mlflow.stop();
    mlflowStopped = true;
    const read = await call('artifacts.read', { runId: trial, path: 'model/data/weights.bin', maxBytes: 1 << 20 });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error.message).toMatch(/^Artifact 'model\/data\/weights.bin' of run \w+ was not downloaded: it was pulled lazily from remote 'team', which cannot be reached/);
    const res = await fetch(`${local.server.url}/api/2.0/mlflow-artifacts/artifacts/${localRoot(trial)}/model/data/weights.bin`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error_code: 'TEMPORARILY_UNAVAILABLE', message: expect.stringMatching(/was not downloaded.*cannot be reached/) });
    expect(lazyArtifact(local.store.db, trial, 'model/data/weights.bin')).toMatchObject({ remote: 'team', size: weights.length });
  }, 120_000);
});
