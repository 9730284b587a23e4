// Pull of registered models and MLflow 3 logged models from a real `mlflow server`: a model
// logged there with mlflow.sklearn.log_model(..., registered_model_name=...) (two versions, a
// stage, aliases, tags, descriptions) is pulled with --model; the official Python client then
// reads the model, its versions, the logged models and the runs' links to them through Sextant as
// through the remote (test/conformance/sync/pulled_models.py), and load_model('models:/NAME@alias')
// predicts the same. Then: a second pull fetches nothing; a new version and a moved alias come as
// exactly that delta; a local model of that name not from the remote is a conflict; a push after
// the pull sends nothing back; a pull cut at any step (a failed commit, a SIGKILLed `sextant pull`)
// and run again ends exactly as an uninterrupted one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../shared/domain/registry';
import { openTracking, type RunningTracking } from '../../electron/open-tracking';
import { addRemote } from '../../electron/services/remotes-service';
import { pull, type PullReport } from '../../electron/sync/pull';
import { push } from '../../electron/sync/push';
import { RemoteClient } from '../../electron/sync/remote-client';
import type { Op } from '../../electron/store/ops/op-types';
import { jsonReport, runCli } from '../support/run-cli';
import { startMlflow, startSextant, type RunningServer } from '../support/servers';
import { dumpExperiment, py } from './sync/mlflow-py';

interface VersionDump {
  version: string;
  model_id: string | null;
  source: string;
  [field: string]: unknown;
}
interface ModelDump {
  versions: VersionDump[];
  predictions: number[];
  [field: string]: unknown;
}
interface LoggedDump {
  models: Record<string, Record<string, unknown>>;
  runs: Record<string, { model_inputs: string[]; model_outputs: string[] }>;
}

const logs: string[] = [];
const modelDump = async (url: string, name: string) => JSON.parse(await py('pulled_models.py', url, ['model', name])) as ModelDump;
const loggedDump = async (url: string, exp: string) => JSON.parse(await py('pulled_models.py', url, ['logged', exp])) as LoggedDump;

/**
 * MLflow's server leaves model_id out of its model version answers, where Sextant's may answer it
 * (the logged model of a `models:/<id>` source, as MLflow's proto has it): either is accepted,
 * nothing else, then it is left out of the comparison.
 */
function withoutModelId(d: ModelDump): ModelDump {
  for (const v of d.versions) {
    const fromSource = /^models:\/(m-[^/]+)$/.exec(v.source)?.[1] ?? null;
    expect([null, fromSource]).toContain(v.model_id);
  }
  return { ...d, versions: d.versions.map(({ model_id: _, ...v }) => v as VersionDump) };
}

describe('pull registered models and logged models from a real mlflow server', () => {
  let mlflow: RunningServer;
  let local: RunningTracking;
  let client: RemoteClient;
  const dirs: string[] = [];
  const tempStore = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    mlflow = await startMlflow();
    local = await openTracking({ storeDir: tempStore('sextant-pull-models-'), host: '127.0.0.1', port: 0, log: (m) => logs.push(m), version: 'test' });
    await addRemote(local.services, { name: 'team', url: mlflow.url });
    client = new RemoteClient({ url: mlflow.url, auth: { kind: 'none' }, retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 200 } });
    await py('pulled_models.py', mlflow.url, ['seed', 'reg']);
  }, 300_000);

  afterAll(async () => {
    await local?.close();
    await mlflow?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const pullModel = (svc = local.services, extra: Partial<Parameters<typeof pull>[0]> = {}): Promise<PullReport> =>
    pull({ svc, remote: 'team', client, experiments: [], models: ['reg'], artifacts: 'lazy', ...extra });
  const remoteVersions = async (name: string) =>
    (await client.get<{ model_versions?: ModelVersion[] }>('model-versions/search', { filter: `name = '${name}'`, max_results: 1000 })).model_versions ?? [];
  const expectSameAsRemote = async (url: string) => {
    const [here, there] = await Promise.all([modelDump(url, 'reg'), modelDump(mlflow.url, 'reg')]);
    expect(here.predictions).toHaveLength(3);
    expect(withoutModelId(here)).toEqual(withoutModelId(there));
    expect(await loggedDump(url, 'reg-train')).toEqual(await loggedDump(mlflow.url, 'reg-train'));
    expect(await dumpExperiment(url, 'reg-train')).toEqual(await dumpExperiment(mlflow.url, 'reg-train'));
  };

  it('pull --model copies the model, every version, aliases, stage, tags, the runs and logged models; it loads and predicts the same', async () => {
    const report = await pullModel();
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({
      created: 2,
      models: { created: 1, updated: 0 },
      versions: { created: 2, updated: 0 },
      loggedModels: { created: 2, updated: 0 },
    });
    expect(report.details.loggedModels!.files).toBeGreaterThanOrEqual(2 * 4); // MLmodel, model.pkl, conda.yaml, requirements.txt... of each
    expect(report.summary).toMatch(/1 registered model \(1 new, 0 updated\), 2 model versions \(2 new, 0 updated\), 2 logged models \(2 new, 0 updated, \d+ files\)/);
    const here = await modelDump(local.server.url, 'reg');
    expect(here).toMatchObject({ aliases: { champion: '1', candidate: '2' }, description: 'Predicts y from x', tags: { task: 'regression' } });
    expect(here.versions.map((v) => [v.version, v.stage])).toEqual([['1', 'Staging'], ['2', 'None']]);
    await expectSameAsRemote(local.server.url);
  }, 300_000);

  it('pulls nothing new the second time', async () => {
    const seq = local.store.lastSeq;
    const report = await pullModel();
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({
      created: 0,
      updated: 0,
      points: 0,
      artifacts: 0,
      models: { created: 0, updated: 0 },
      versions: { created: 0, updated: 0 },
      loggedModels: { created: 0, updated: 0, unchanged: 2, files: 0 },
    });
    expect(local.store.lastSeq).toBe(seq + 1); // only the last-sync summary
  }, 120_000);

  it('a push after the pull sends nothing back: no duplicate versions or logged models on the remote', async () => {
    const before = (await remoteVersions('reg')).sort((a, b) => Number(a.version) - Number(b.version));
    const report = await push({ svc: local.services, remote: 'team', client, experiments: [], models: ['reg'] });
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ created: 0, updated: 0, loggedModels: 0, versions: 0 });
    expect((await remoteVersions('reg')).sort((a, b) => Number(a.version) - Number(b.version))).toEqual(before);
    const exp = await client.get<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: 'reg-train' });
    expect((await client.post<{ models: unknown[] }>('logged-models/search', { experiment_ids: [exp.experiment.experiment_id] })).models).toHaveLength(2);
  }, 120_000);

  it('brings exactly the delta after a new version and a moved alias on the remote', async () => {
    await py('pulled_models.py', mlflow.url, ['more', 'reg']);
    const report = await pullModel();
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({
      created: 1,
      updated: 0,
      models: { created: 0, updated: 1 },
      versions: { created: 1, updated: 0 },
      loggedModels: { created: 1, updated: 0, unchanged: 2 },
    });
    expect((await modelDump(local.server.url, 'reg')).aliases).toEqual({ champion: '3', candidate: '2' });
    await expectSameAsRemote(local.server.url);
    expect((await pullModel()).details).toMatchObject({ created: 0, versions: { created: 0, updated: 0 }, models: { created: 0, updated: 0 } });
  }, 300_000);

  it('keeps a local edit through a pull and reports a change on both sides', async () => {
    const { services: svc } = local;
    await svc.store.commit({ type: 'registry.setVersionTag', name: 'reg', version: 2, tag: { key: 'reviewed', value: 'here' }, time: svc.now() });
    await svc.store.commit({ type: 'registry.updateVersion', name: 'reg', version: 1, description: 'mine', time: svc.now() });
    await client.patch('model-versions/update', { name: 'reg', version: '1', description: 'theirs' });
    await client.post('registered-models/set-tag', { name: 'reg', key: 'owner', value: 'team' });
    const report = await pullModel();
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ item: "version 1 of 'reg'", message: expect.stringMatching(/the description changed on both sides .*here: 'mine', remote: 'theirs'/) });
    const here = await modelDump(local.server.url, 'reg');
    expect(here.tags).toEqual({ task: 'regression', owner: 'team' });
    expect(here.versions[0]!.description).toBe('mine');
    expect(here.versions[1]!.tags).toMatchObject({ reviewed: 'here' });
    // The next push sends the local edits, and nothing else.
    const pushed = await push({ svc, remote: 'team', client, experiments: [], models: ['reg'] });
    expect(pushed.problems).toEqual([]);
    const after = (await remoteVersions('reg')).sort((a, b) => Number(a.version) - Number(b.version));
    expect(after.map((v) => [v.version, v.description, v.tags?.find((t) => t.key === 'reviewed')?.value])).toEqual([['1', 'mine', undefined], ['2', '', 'here'], ['3', '', undefined]]);
  }, 300_000);

  it('a model this store pushed is the same model when pulled back: versions mapped, not duplicated, remote edits taken', async () => {
    await py('pulled_models.py', local.server.url, ['local', 'mine']);
    const pushed = await push({ svc: local.services, remote: 'team', client, experiments: [], models: ['mine'] });
    expect(pushed.problems).toEqual([]);
    expect(pushed.details).toMatchObject({ versions: 1 });
    const [remoteV] = await remoteVersions('mine');
    await client.post('model-versions/set-tag', { name: 'mine', version: remoteV!.version, key: 'seen', value: 'by the team' });
    const report = await pull({ svc: local.services, remote: 'team', client, experiments: [], models: ['mine'], artifacts: 'lazy' });
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ created: 0, own: 1, models: { created: 0, updated: 1 }, versions: { created: 0, updated: 1 }, loggedModels: { created: 0, updated: 0 } });
    const here = await modelDump(local.server.url, 'mine');
    expect(here.versions).toHaveLength(1);
    expect(here.versions[0]!.tags).toEqual({ seen: 'by the team' }); // the remote's lineage tag stays on the remote
    expect(await remoteVersions('mine')).toHaveLength(1);
    expect((await push({ svc: local.services, remote: 'team', client, experiments: [], models: ['mine'] })).details).toMatchObject({ versions: 0 });
  }, 300_000);

  it('pull --experiment copies its logged models field by field, brings the registered model of its runs, and takes remote tag changes', async () => {
    const fresh = await openTracking({ storeDir: tempStore('sextant-pull-models-exp-'), host: '127.0.0.1', port: 0, log: (m) => logs.push(m), version: 'test' });
    try {
      await addRemote(fresh.services, { name: 'team', url: mlflow.url });
      const byExperiment = () => pull({ svc: fresh.services, remote: 'team', client, experiments: ['reg-train'], artifacts: 'eager' });
      const first = await byExperiment();
      expect(first.problems).toEqual([]);
      expect(first.details).toMatchObject({ created: 3, loggedModels: { created: 3 }, models: { created: 1 }, versions: { created: 3 } });
      expect(await loggedDump(fresh.server.url, 'reg-train')).toEqual(await loggedDump(mlflow.url, 'reg-train'));
      expect(withoutModelId(await modelDump(fresh.server.url, 'reg'))).toEqual(withoutModelId(await modelDump(mlflow.url, 'reg')));
      const [model] = (await client.post<{ models: { info: { model_id: string } }[] }>('logged-models/search', { experiment_ids: [(await client.get<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: 'reg-train' })).experiment.experiment_id] })).models;
      const id = model!.info.model_id;
      await client.patch(`logged-models/${id}/tags`, { model_id: id, tags: [{ key: 'reviewed', value: 'yes' }] });
      await client.delete(`logged-models/${id}/tags/family`);
      const again = await byExperiment();
      expect(again.problems).toEqual([]);
      expect(again.details).toMatchObject({ created: 0, loggedModels: { created: 0, updated: 1, unchanged: 2, files: 0 }, models: { created: 0, updated: 0 }, versions: { created: 0, updated: 0 } });
      const here = await loggedDump(fresh.server.url, 'reg-train');
      expect(here.models[id]!.tags).toMatchObject({ reviewed: 'yes' });
      expect(here.models[id]!.tags).not.toHaveProperty('family');
      expect(here).toEqual(await loggedDump(mlflow.url, 'reg-train'));
    } finally {
      await fresh.close();
    }
  }, 300_000);

  it("a version whose source is its run's folder (as MLflow 2 made them) loads here, its lazily pulled files downloaded on first read", async () => {
    await py('pulled_models.py', mlflow.url, ['legacy', 'legacy']);
    const report = await pull({ svc: local.services, remote: 'team', client, experiments: [], models: ['legacy'], artifacts: 'lazy' });
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ models: { created: 1 }, versions: { created: 1 } });
    const runId = (await remoteVersions('legacy'))[0]!.run_id!;
    const lazy = () => local.store.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM lazy_artifacts WHERE run_id = ? AND path LIKE 'model/%'", [runId])!.n;
    expect(lazy()).toBeGreaterThan(0); // recorded, not downloaded
    const [here, there] = await Promise.all([modelDump(local.server.url, 'legacy'), modelDump(mlflow.url, 'legacy')]);
    expect(here.versions[0]!.source).toMatch(new RegExp(`^mlflow-artifacts:/\\d+/${runId}/artifacts/model$`));
    expect(withoutModelId({ ...here, versions: here.versions.map(({ source: _, ...v }) => v as VersionDump) })).toEqual(withoutModelId({ ...there, versions: there.versions.map(({ source: _, ...v }) => v as VersionDump) }));
    expect(lazy()).toBe(0); // load_model read them: downloaded and kept
  }, 300_000);

  it('a local model of that name that did not come from the remote is a conflict: reported, non-zero exit, nothing overwritten', async () => {
    const other = await startSextant();
    try {
      await py('pulled_models.py', other.url, ['local', 'reg']);
      await other.stop({ keepData: true });
      const r = await runCli(['pull', mlflow.url, '--store', other.dataDir, '--model', 'reg', '--json']);
      expect(r.code).toBe(1);
      const report = jsonReport<{ problems: { item: string; message: string }[] }>(r);
      expect(report.problems).toEqual([{ item: "registered model 'reg'", message: expect.stringMatching(/exists here and was never pushed to or pulled from/) }]);
      const again = await startSextant({ dataDir: other.dataDir });
      try {
        const kept = await modelDump(again.url, 'reg');
        expect(kept).toMatchObject({ description: 'made here', versions: [{ version: '1' }] });
        expect(kept.versions).toHaveLength(1);
      } finally {
        await again.stop();
      }
    } finally {
      await other.stop();
    }
  }, 300_000);

  it('a pull cut at any model step, then run again, ends exactly as an uninterrupted one', async () => {
    // Each cut fails the 2nd op of one kind, as a process killed right before it would; a fresh store each.
    for (const type of ['pull.loggedModel', 'pull.version', 'pull.model'] as Op['type'][]) {
      const cut = await openTracking({ storeDir: tempStore('sextant-pull-models-cut-'), host: '127.0.0.1', port: 0, log: (m) => logs.push(m), version: 'test' });
      try {
        await addRemote(cut.services, { name: 'team', url: mlflow.url });
        const store = cut.store;
        const commit = store.commit.bind(store);
        let seen = 0;
        store.commit = ((op: Op | (() => Op), read?: (op: Op) => unknown) => {
          const built = typeof op === 'function' ? op() : op;
          if (built.type === type && ++seen === 2) return Promise.reject(new Error(`cut before ${type}`));
          return commit(built, read);
        }) as typeof store.commit;
        const report = await pullModel(cut.services);
        store.commit = commit;
        expect(report.problems.map((p) => p.message).join('\n')).toContain(`cut before ${type}`);
        const finished = await pullModel(cut.services);
        expect(finished.problems).toEqual([]);
        if (type === 'pull.model') await expectSameAsRemote(cut.server.url);
        else expect(withoutModelId(await modelDump(cut.server.url, 'reg'))).toEqual(withoutModelId(await modelDump(mlflow.url, 'reg')));
        expect(store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM logged_model_metrics')!.n).toBe(3); // one rmse point per logged model, none twice
        expect(store.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM model_versions WHERE name = 'reg'")!.n).toBe(3);
        expect((await pullModel(cut.services)).details).toMatchObject({ created: 0, versions: { created: 0, updated: 0 }, models: { created: 0, updated: 0 }, loggedModels: { created: 0, updated: 0 } });
      } finally {
        await cut.close();
      }
    }
  }, 600_000);

  it('sextant pull --model killed at random moments, then run to the end: exactly once, and sync status counts it', async () => {
    const storeDir = tempStore('sextant-pull-models-kill-');
    const args = ['pull', mlflow.url, '--store', storeDir, '--model', 'reg', '--json'];
    for (const killAfterMs of [900, 1600, 2400]) {
      const r = await runCli(args, { killAfterMs });
      if (!r.killed) expect(r.code).toBe(0);
    }
    const last = await runCli(args);
    expect(last.code).toBe(0);
    const again = jsonReport<{ details: PullReport['details'] }>(await runCli(args));
    expect(again.details).toMatchObject({ created: 0, versions: { created: 0, updated: 0 }, models: { created: 0, updated: 0 } });
    const status = await runCli(['sync', 'status', '--store', storeDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/: 0 runs pushed, 3 pulled \(0 changed since their last sync\), 0 local only; last sync .*: pulled 0 runs .*, 0 registered models \(0 new, 0 updated\), 0 model versions/);
    const served = await startSextant({ dataDir: storeDir });
    try {
      await expectSameAsRemote(served.url);
    } finally {
      await served.stop();
    }
  }, 900_000);
});
