// The files of pulled MLflow 3 logged models follow --artifacts as a run's do, against a real
// `mlflow server` and the official Python client: `sextant pull --experiment` (lazy, the default)
// records a logged model's files without downloading them, the listing shows them, and
// load_model('models:/NAME@champion') through `sextant serve` downloads the files it reads (kept)
// and predicts as the remote does; an eager pull downloads the files left lazy; a file added to a
// logged model on the remote comes with the next pull and one deleted there goes (a lazy one read
// after its deletion is not found, saying so); a fresh eager pull downloads every file at pull time.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullReport } from '../../electron/sync/pull';
import { RemoteClient } from '../../electron/sync/remote-client';
import { jsonReport, runCli } from '../support/run-cli';
import { startMlflow, startSextant, type RunningServer } from '../support/servers';
import { py } from './sync/mlflow-py';

interface RemoteModel {
  info: { model_id: string; artifact_uri: string; experiment_id: string };
}
interface ModelDump {
  predictions: number[];
  versions: { version: string; source: string }[];
}

/** Every file below `dir`, relative to it, sorted ([] when there is no such folder). */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe("pulled logged models' files follow --artifacts lazy|eager", () => {
  let mlflow: RunningServer;
  let client: RemoteClient;
  let models: RemoteModel[];
  const dirs: string[] = [];
  const tempStore = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  const storeDir = tempStore('sextant-pull-model-files-');

  beforeAll(async () => {
    mlflow = await startMlflow();
    client = new RemoteClient({ url: mlflow.url, auth: { kind: 'none' }, retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 200 } });
    await py('pulled_models.py', mlflow.url, ['seed', 'pmf']);
    const { experiment } = await client.get<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: 'pmf-train' });
    models = (await client.post<{ models: RemoteModel[] }>('logged-models/search', { experiment_ids: [experiment.experiment_id] })).models;
    expect(models).toHaveLength(2);
  }, 300_000);

  afterAll(async () => {
    await mlflow?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const remoteRoot = (m: RemoteModel) => m.info.artifact_uri.replace(/^mlflow-artifacts:\/+/, '');
  /** The remote's files of a logged model (the server's --artifacts-destination). */
  const remoteFiles = (m: RemoteModel) => filesBelow(join(mlflow.dataDir, 'mlartifacts', remoteRoot(m)));
  /** The local experiment 'pmf-train' of a store, as `sextant serve` answers it. */
  const localExperiment = async (url: string) =>
    ((await (await fetch(`${url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=pmf-train`)).json()) as { experiment: { experiment_id: string } }).experiment.experiment_id;
  const localExp = new Map<string, string>();
  /** A pulled logged model's folder in the mlflow-artifacts namespace of a store (it keeps the remote's model id). */
  const localRootOf = (dir: string, m: RemoteModel) => `${localExp.get(dir)!}/models/${m.info.model_id}/artifacts`;
  const localDir = (dir: string, m: RemoteModel) => join(dir, 'artifacts', localRootOf(dir, m));
  /** The store's files of a pulled logged model, on disk. */
  const localFiles = (dir: string, m: RemoteModel) => filesBelow(localDir(dir, m));
  /** Every file on disk of a store's artifacts that belongs to a logged model of the remote. */
  const anyModelFiles = (dir: string) => filesBelow(join(dir, 'artifacts')).filter((p) => models.some((m) => p.includes(m.info.model_id)));
  const pullCli = async (dir: string, extra: string[] = []) => {
    const r = await runCli(['pull', mlflow.url, '--store', dir, '--experiment', 'pmf-train', '--json', ...extra]);
    expect(r.code, r.stderr).toBe(0);
    return jsonReport<PullReport>(r);
  };
  const served = async <T>(dir: string, use: (url: string) => Promise<T>): Promise<T> => {
    const s = await startSextant({ dataDir: dir });
    try {
      localExp.set(dir, await localExperiment(s.url));
      return await use(s.url);
    } finally {
      await s.stop();
    }
  };
  const artifactUrl = (url: string, path: string) => `${url}/api/2.0/mlflow-artifacts/artifacts/${path}`;

  it('a lazy pull records the files without downloading them; load_model by alias through sextant serve downloads what it reads, and predicts the same', async () => {
    const report = await pullCli(storeDir);
    expect(report.problems).toEqual([]);
    const all = models.flatMap(remoteFiles);
    expect(all.length).toBeGreaterThanOrEqual(2 * 4); // MLmodel, model.pkl, conda.yaml, requirements.txt... of each
    expect(report.details).toMatchObject({ artifactsMode: 'lazy', loggedModels: { created: 2, files: all.length, removed: 0 } });
    expect(report.details.bytes).toBe(0); // nothing downloaded: no run of the seed logs files of its own
    expect(anyModelFiles(storeDir)).toEqual([]); // recorded only

    const [here, there] = await Promise.all([
      served(storeDir, async (url) => {
        const listed = (await (await fetch(`${url}/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(localRootOf(storeDir, models[0]!))}`)).json()) as { files: { path: string; is_dir: boolean; file_size?: number }[] };
        expect(listed.files.filter((f) => !f.is_dir).map((f) => f.path).sort()).toEqual(remoteFiles(models[0]!).filter((p) => !p.includes('/')));
        return JSON.parse(await py('pulled_models.py', url, ['model', 'pmf'])) as ModelDump;
      }),
      py('pulled_models.py', mlflow.url, ['model', 'pmf']).then((s) => JSON.parse(s) as ModelDump),
    ]);
    expect(here.predictions).toHaveLength(3);
    expect(here.predictions).toEqual(there.predictions);
    // The champion (version 1)'s logged model: what load_model read is here now, with the remote's bytes; the other model's files are still not.
    const champion = models.find((m) => there.versions.find((v) => v.version === '1')!.source === `models:/${m.info.model_id}`)!;
    const other = models.find((m) => m !== champion)!;
    const got = localFiles(storeDir, champion);
    expect(got).toContain('MLmodel');
    expect(got).toContain('model.pkl');
    for (const p of got) expect(readFileSync(join(localDir(storeDir, champion), p))).toEqual(readFileSync(join(mlflow.dataDir, 'mlartifacts', remoteRoot(champion), p)));
    expect(localFiles(storeDir, other)).toEqual([]);
  }, 600_000);

  it('an eager pull downloads the files an earlier lazy pull left lazy; the copies equal the remote', async () => {
    const lazyLeft = models.flatMap(remoteFiles).length - models.map((m) => localFiles(storeDir, m).length).reduce((a, b) => a + b, 0);
    expect(lazyLeft).toBeGreaterThan(0);
    const report = await pullCli(storeDir, ['--artifacts', 'eager']);
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ loggedModels: { created: 0, files: lazyLeft, removed: 0 } });
    for (const m of models) {
      expect(localFiles(storeDir, m)).toEqual(remoteFiles(m));
      for (const p of remoteFiles(m)) expect(readFileSync(join(localDir(storeDir, m), p))).toEqual(readFileSync(join(mlflow.dataDir, 'mlartifacts', remoteRoot(m), p)));
    }
    expect((await pullCli(storeDir, ['--artifacts', 'eager'])).details).toMatchObject({ loggedModels: { created: 0, updated: 0, unchanged: 2, files: 0, removed: 0 } });
  }, 600_000);

  it('a re-pull brings a file added to a logged model on the remote and removes one deleted there; a lazy file deleted on the remote before its first read is not found, saying so', async () => {
    const m = models[0]!;
    const put = async (path: string, body: string) => expect((await fetch(artifactUrl(mlflow.url, `${remoteRoot(m)}/${path}`), { method: 'PUT', body })).status).toBe(200);
    const del = async (path: string) => expect((await fetch(artifactUrl(mlflow.url, `${remoteRoot(m)}/${path}`), { method: 'DELETE' })).status).toBe(200);
    await put('notes/card.md', '# model card');
    await put('notes/draft.md', 'draft');
    await del('requirements.txt');
    const report = await pullCli(storeDir);
    expect(report.problems).toEqual([]);
    expect(report.details).toMatchObject({ loggedModels: { created: 0, files: 2, removed: 1 } });
    expect(report.summary).toMatch(/1 logged model \(0 new, 1 updated, 2 files, 1 removed\)/);
    expect(localFiles(storeDir, m)).not.toContain('requirements.txt');
    expect(localFiles(storeDir, m)).not.toContain('notes/card.md'); // lazy: recorded, not downloaded

    await del('notes/draft.md');
    const root = localRootOf(storeDir, m);
    await served(storeDir, async (url) => {
      const card = await fetch(artifactUrl(url, `${root}/notes/card.md`));
      expect(card.status).toBe(200);
      expect(await card.text()).toBe('# model card');
      const draft = await fetch(artifactUrl(url, `${root}/notes/draft.md`));
      expect(draft.status).toBe(404);
      expect(await draft.text()).toMatch(new RegExp(`of logged model ${m.info.model_id} was not downloaded, and remote '[^']+' no longer has it \\(deleted there\\)`));
    });
    expect(readFileSync(join(localDir(storeDir, m), 'notes/card.md'), 'utf8')).toBe('# model card'); // kept
    const again = await pullCli(storeDir);
    expect(again.problems).toEqual([]);
    expect(again.details).toMatchObject({ loggedModels: { files: 0, removed: 1 } }); // the lazy draft, no longer listed
    expect(localFiles(storeDir, m)).toEqual(remoteFiles(m));
  }, 600_000);

  it('a fresh eager pull downloads every file of the logged models at pull time', async () => {
    const dir = tempStore('sextant-pull-model-files-eager-');
    const report = await pullCli(dir, ['--artifacts', 'eager']);
    expect(report.problems).toEqual([]);
    await served(dir, async () => undefined); // learns the local experiment's id
    expect(report.details).toMatchObject({ artifactsMode: 'eager', loggedModels: { created: 2, files: models.flatMap(remoteFiles).length } });
    for (const m of models) expect(localFiles(dir, m)).toEqual(remoteFiles(m));
  }, 600_000);
});
