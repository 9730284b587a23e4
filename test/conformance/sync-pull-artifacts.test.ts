// Pulling again notices what happened to the files of runs already pulled, against a real
// `mlflow server`: a file logged to a finished remote run (whose run info does not change) is
// fetched, lazily or eagerly; an eager pull downloads the files earlier pulls left lazy; a file
// deleted on the remote (removed from the server's artifact folder, in this test's temp dir) is
// removed here, while a file added here stays and a copy changed here is kept and reported, and a
// push then sends those back; a remote file the store cannot take is reported, the others copied. Both sides are read with the official Python client
// (sync/dump_experiment.py; the local side through an in-process Sextant server).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/domain/tracking';
import { openTracking, type RunningTracking } from '../../electron/open-tracking';
import { addRemote } from '../../electron/services/remotes-service';
import { pull, type PullReport } from '../../electron/sync/pull';
import { push } from '../../electron/sync/push';
import { RemoteClient } from '../../electron/sync/remote-client';
import { lazyArtifact, lazyArtifactsOf, pulledRun } from '../../electron/store/sync/pull-repo';
import { getRun } from '../../electron/store/repos/runs-repo';
import { startMlflow, type RunningServer } from '../support/servers';
import { dumpExperiment, py } from './sync/mlflow-py';

const logs: string[] = [];

describe('pulling again brings the files of pulled runs in line with the remote', () => {
  let mlflow: RunningServer;
  let local: RunningTracking;
  let client: RemoteClient;
  const storeDir = mkdtempSync(join(tmpdir(), 'sextant-pull-files-'));

  beforeAll(async () => {
    mlflow = await startMlflow();
    local = await openTracking({ storeDir, host: '127.0.0.1', port: 0, log: (m) => logs.push(m), version: 'test' });
    await addRemote(local.services, { name: 'team', url: mlflow.url });
    client = new RemoteClient({ url: mlflow.url, auth: { kind: 'none' }, retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 200 } });
    // Two copies of a nested sweep, every run finished (`more` finishes the running trial).
    await Promise.all(['lazy', 'eager'].map(async (name) => {
      await py('seed_sweep.py', mlflow.url, [name]);
      await py('seed_sweep.py', mlflow.url, [name, 'more']);
    }));
  }, 240_000);

  afterAll(async () => {
    await local?.close();
    await mlflow?.stop();
    rmSync(storeDir, { recursive: true, force: true });
  });

  const pullOf = (name: string, artifacts: 'lazy' | 'eager'): Promise<PullReport> => pull({ svc: local.services, remote: 'team', client, experiments: [name], artifacts });
  const runNamed = async (exp: string, name: string): Promise<Run> => {
    const { experiment } = await client.get<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: exp });
    const { runs } = await client.post<{ runs: Run[] }>('runs/search', { experiment_ids: [experiment.experiment_id], run_view_type: 'ALL' });
    return runs.find((r) => r.info.run_name === name)!;
  };
  /** The remote's copy of a run's file on disk (the server's --artifacts-destination). */
  const remoteFile = (runId: string, path: string) => join(mlflow.dataDir, 'mlartifacts', pulledRun(local.store.db, runId)!.artifactRoot, path);
  const localRoot = (runId: string) => getRun(local.store.db, runId).info.artifact_uri.replace(/^mlflow-artifacts:\/+/, '');
  const localFile = (runId: string, path: string) => join(local.store.artifactsDir, localRoot(runId), path);
  /** Logs a file to a run as the Python client does with the artifact proxy (the run stays finished). */
  const putFile = async (base: string, root: string, path: string, body: string) => {
    const res = await fetch(`${base}/api/2.0/mlflow-artifacts/artifacts/${root}/${path}`, { method: 'PUT', body });
    expect(res.status, await res.text()).toBe(200);
  };
  const putRemote = (runId: string, path: string, body: string) => putFile(mlflow.url, pulledRun(local.store.db, runId)!.artifactRoot, path, body);
  const putLocal = (runId: string, path: string, body: string) => putFile(local.server.url, localRoot(runId), path, body);

  it('notices a file logged to a finished remote run: recorded lazily, or downloaded with --artifacts eager', async () => {
    expect((await pullOf('lazy', 'lazy')).details).toMatchObject({ created: 4, artifacts: 4 });
    expect((await pullOf('eager', 'eager')).details).toMatchObject({ created: 4, artifacts: 4 });
    const [lazyTrial, eagerTrial] = [await runNamed('lazy', 'trial-0'), await runNamed('eager', 'trial-0')];
    expect(lazyTrial.info.status).toBe('FINISHED');
    const report = 'epoch 3000: loss 0.0003\n';
    await putRemote(lazyTrial.info.run_id, 'eval/report.txt', report);
    await putRemote(eagerTrial.info.run_id, 'eval/report.txt', report);
    expect((await runNamed('lazy', 'trial-0')).info).toEqual(lazyTrial.info); // nothing a search shows changed

    const lazily = await pullOf('lazy', 'lazy');
    expect(lazily.problems).toEqual([]);
    expect(lazily.details).toMatchObject({ created: 0, updated: 1, unchanged: 3, points: 0, artifacts: 1, removed: 0, bytes: 0 });
    expect(lazyArtifact(local.store.db, lazyTrial.info.run_id, 'eval/report.txt')).toMatchObject({ remote: 'team', size: report.length });
    const listed = await (await fetch(`${local.server.url}/api/2.0/mlflow/artifacts/list?run_id=${lazyTrial.info.run_id}&path=eval`)).json();
    expect(listed).toMatchObject({ files: [{ path: 'eval/report.txt', is_dir: false, file_size: report.length }] });

    const eagerly = await pullOf('eager', 'eager');
    expect(eagerly.problems).toEqual([]);
    expect(eagerly.details).toMatchObject({ created: 0, updated: 1, unchanged: 3, artifacts: 1, bytes: report.length });
    expect(readFileSync(localFile(eagerTrial.info.run_id, 'eval/report.txt'), 'utf8')).toBe(report);

    for (const [name, mode] of [['lazy', 'lazy'], ['eager', 'eager']] as const) {
      expect((await pullOf(name, mode)).details).toMatchObject({ created: 0, updated: 0, unchanged: 4, points: 0, artifacts: 0, removed: 0 });
    }
  }, 300_000);

  it('an eager pull downloads the files earlier pulls left lazy, of unchanged runs too; the copy then equals the remote', async () => {
    const runs = await Promise.all(['parent', 'trial-0', 'trial-1'].map((n) => runNamed('lazy', n)));
    expect(runs.flatMap((r) => lazyArtifactsOf(local.store.db, r.info.run_id))).toHaveLength(5);
    const report = await pullOf('lazy', 'eager');
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ created: 0, updated: 3, unchanged: 1, points: 0, artifacts: 5 });
    expect(runs.flatMap((r) => lazyArtifactsOf(local.store.db, r.info.run_id))).toEqual([]);
    expect(readFileSync(localFile(runs[0]!.info.run_id, 'configs/config.yaml'), 'utf8')).toBe('lr: 0.1\n');
    const [here, there] = [await dumpExperiment(local.server.url, 'lazy'), await dumpExperiment(mlflow.url, 'lazy')];
    expect(Object.keys(here.runs)).toHaveLength(4);
    expect(here).toEqual(there);
    expect((await pullOf('lazy', 'eager')).details).toMatchObject({ updated: 0, unchanged: 4, artifacts: 0 });
  }, 300_000);

  it('removes here a file deleted on the remote; keeps a file added here, and keeps and reports a copy changed here, which a push sends back', async () => {
    const [parent, trial] = [(await runNamed('eager', 'parent')).info.run_id, (await runNamed('eager', 'trial-0')).info.run_id];
    await putLocal(trial, 'mine/notes.md', 'looked at offline\n');
    await putLocal(parent, 'configs/config.yaml', 'lr: 0.2 # tuned offline\n');
    rmSync(remoteFile(trial, 'model/data/weights.bin'));
    rmSync(remoteFile(trial, 'eval/report.txt'));
    rmSync(remoteFile(parent, 'configs/config.yaml'));

    const report = await pullOf('eager', 'eager');
    expect(report.details).toMatchObject({ created: 0, updated: 1, unchanged: 3, artifacts: 0, removed: 2 });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.item).toContain(parent);
    expect(report.problems[0]!.message).toMatch(/^artifact 'configs\/config.yaml' was deleted on the remote, but it changed here since the last sync; kept this one \(the next push sends it back\)$/);
    expect(existsSync(localFile(trial, 'model'))).toBe(false); // the file, and the folders it leaves empty
    expect(existsSync(localFile(trial, 'eval'))).toBe(false);
    expect(readFileSync(localFile(trial, 'mine/notes.md'), 'utf8')).toBe('looked at offline\n');
    expect(readFileSync(localFile(parent, 'configs/config.yaml'), 'utf8')).toBe('lr: 0.2 # tuned offline\n');

    const [here, there] = [await dumpExperiment(local.server.url, 'eager'), await dumpExperiment(mlflow.url, 'eager')];
    expect(Object.keys(here.runs[trial]!.artifacts as object)).toEqual(['mine/notes.md']);
    expect(Object.keys(there.runs[trial]!.artifacts as object)).toEqual([]);
    expect(Object.keys(here.runs[parent]!.artifacts as object)).toEqual(['configs/config.yaml']);

    const again = await pullOf('eager', 'eager'); // reported once: the remote's deletion is recorded
    expect(again.problems).toEqual([]);
    expect(again.details).toMatchObject({ updated: 0, unchanged: 4, artifacts: 0, removed: 0 });

    const pushed = await push({ svc: local.services, remote: 'team', client, experiments: ['eager'] });
    expect(pushed.problems).toEqual([]);
    expect(pushed.details).toMatchObject({ created: 0, artifacts: 2 });
    expect(await dumpExperiment(mlflow.url, 'eager')).toEqual(await dumpExperiment(local.server.url, 'eager'));
    expect((await pullOf('eager', 'eager')).details).toMatchObject({ updated: 0, unchanged: 4, artifacts: 0, removed: 0 });
  }, 300_000);

  it('reports a remote file that cannot be written here (a file stands where its folder goes) and copies the others', async () => {
    const trial = (await runNamed('eager', 'trial-1')).info.run_id;
    await putLocal(trial, 'extra', 'a local file named like a remote folder\n');
    await putRemote(trial, 'extra/x.txt', 'x\n');
    await putRemote(trial, 'zz.txt', 'zz\n');
    const report = await pullOf('eager', 'eager');
    expect(report.details).toMatchObject({ updated: 1, artifacts: 1 });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.item).toContain(trial);
    expect(report.problems[0]!.message).toMatch(/^artifact 'extra\/x.txt' was not copied: Cannot write artifact/);
    expect(readFileSync(localFile(trial, 'zz.txt'), 'utf8')).toBe('zz\n');
    expect(readFileSync(localFile(trial, 'extra'), 'utf8')).toBe('a local file named like a remote folder\n');
  }, 120_000);

  it('forgets a lazy file deleted on the remote before it was ever opened (opening it meanwhile says it is gone)', async () => {
    const trial = (await runNamed('lazy', 'trial-1')).info.run_id;
    await putRemote(trial, 'scratch/tmp.csv', 'a,b\n1,2\n');
    expect((await pullOf('lazy', 'lazy')).details).toMatchObject({ updated: 1, artifacts: 1 });
    expect(lazyArtifact(local.store.db, trial, 'scratch/tmp.csv')).toBeDefined();
    rmSync(remoteFile(trial, 'scratch'), { recursive: true });
    const read = await fetch(`${local.server.url}/api/2.0/mlflow-artifacts/artifacts/${localRoot(trial)}/scratch/tmp.csv`);
    expect(read.status).toBe(404); // opened before the next pull: not found, saying why
    expect(await read.json()).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringMatching(/no longer has it \(deleted there\); pull again/) });
    const report = await pullOf('lazy', 'lazy');
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ updated: 1, unchanged: 3, artifacts: 0, removed: 1 });
    expect(lazyArtifact(local.store.db, trial, 'scratch/tmp.csv')).toBeUndefined();
    const listed = await (await fetch(`${local.server.url}/api/2.0/mlflow/artifacts/list?run_id=${trial}`)).json() as { files: { path: string }[] };
    expect(listed.files.map((f) => f.path)).not.toContain('scratch');
    expect(await dumpExperiment(local.server.url, 'lazy')).toEqual(await dumpExperiment(mlflow.url, 'lazy'));
  }, 300_000);
});
