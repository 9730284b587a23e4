// An MLflow file store (mlruns/) written by the real MLflow client, 3.x and 2.x (a nested sweep, NaN and
// ±inf, a 6,000-point history, a binary artifact, a model from log_model registered with an alias
// and a stage, a deleted run, a deleted experiment in .trash), imported with `sextant import`, then
// read with the official client through `sextant serve` and through MLflow on the folder itself:
// the same, field by field; the imported model loads and predicts. Importing again changes
// nothing; after MLflow logged more, only that comes in; a damaged folder is refused. The 2.x
// layout differs where it matters here (no logged models; a version's source is the run's artifact
// folder as a file: URI), so it runs the same comparison; the delta and damage cases, which do not
// depend on the layout, run on 3.x only.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMetricHistory } from '../../electron/services/history-service';
import { listLocalArtifacts } from '../../electron/sync/local-artifacts';
import { importedRun } from '../../electron/store/repos/imports-repo';
import { getRun } from '../../electron/store/repos/runs-repo';
import { openTestStore } from '../support/open-test-store';
import { repoRoot, sextantBin, venvBin, type MlflowLine } from '../support/paths';
import { runCli } from '../support/run-cli';
import { startSextant } from '../support/servers';
import { experimentNamesIn } from '../support/store-experiments';

const scripts = join(repoRoot, 'test', 'conformance', 'import');

type Dump = {
  experiments: Record<string, Record<string, unknown>>;
  runs: Record<string, Record<string, unknown>>;
  models: Record<string, { versions: Record<string, Record<string, unknown>> }>;
  prediction?: number[];
};

function python(line: MlflowLine, script: string, args: string[], env: Record<string, string>, cwd: string): Promise<string> {
  const fullEnv = { ...process.env, MLFLOW_DISABLE_TELEMETRY: 'true', DO_NOT_TRACK: 'true', MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0', MLFLOW_ALLOW_FILE_STORE: 'true', ...env };
  return new Promise((resolve, reject) => {
    execFile(venvBin('python', line), [join(scripts, script), ...args], { env: fullEnv, cwd, maxBuffer: 256 * 1024 * 1024, timeout: 300_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${script}: ${err.message}\n${stderr.slice(-3000)}`)) : resolve(stdout),
    );
  });
}

/** What the official client reads from the mlruns folder itself. */
const sourceDump = async (line: MlflowLine, dir: string) => JSON.parse(await python(line, 'dump_mlruns.py', ['--predict', 'clf@champion'], { MLFLOW_TRACKING_URI: `file:${join(dir, 'mlruns')}` }, dir)) as Dump;

/** What the official client reads through `sextant serve` on the store. */
async function storeDump(line: MlflowLine, store: string, cwd: string): Promise<Dump & { rawVersion: Record<string, unknown> }> {
  const server = await startSextant({ dataDir: store });
  try {
    const dump = JSON.parse(await python(line, 'dump_mlruns.py', ['--predict', 'clf@champion'], { MLFLOW_TRACKING_URI: server.url }, cwd)) as Dump;
    const raw = (await (await fetch(`${server.url}/api/2.0/mlflow/model-versions/get?name=clf&version=1`)).json()) as { model_version: Record<string, unknown> };
    return { ...dump, rawVersion: raw.model_version };
  } finally {
    await server.stop({ keepData: true });
  }
}

/**
 * The parts both sides must agree on: everything but the store's own Default experiment's times
 * (it was there before the import) and a version's model_id, which the 3.x client drops when it
 * reads a version over REST (checked on the server's JSON instead).
 */
function comparable(d: Dump & { rawVersion?: unknown }): Dump {
  const copy = structuredClone(d);
  delete copy.rawVersion;
  const exp0 = copy.experiments['0'];
  if (exp0) {
    delete exp0.creation_time;
    delete exp0.last_update_time;
  }
  for (const m of Object.values(copy.models)) for (const v of Object.values(m.versions)) delete v.model_id;
  return copy;
}

const importJson = async (args: string[]) => {
  const r = await runCli(['import', ...args, '--json']);
  return { ...r, report: r.stdout ? (JSON.parse(r.stdout) as { summary: string; problems: unknown[]; details: { counts: Record<string, number> } }) : null };
};

describe.each<MlflowLine>(['mlflow3', 'mlflow2'])('importing an mlruns folder written by %s', (line) => {
  let dir: string;
  let store: string;
  let ids: { parent: string; deleted: string; trashed: string; experiment: string; gone: string; later?: string };
  let source: Dump;
  let imported: Dump & { rawVersion: Record<string, unknown> };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'import-mlruns-'));
    store = join(dir, 'store');
    await python(line, 'make_mlruns.py', [dir], {}, dir);
    ids = JSON.parse(await readFile(join(dir, 'ids.json'), 'utf8')) as typeof ids;
    source = await sourceDump(line, dir);
    const r = await runCli(['import', join(dir, 'mlruns'), '--store', store]);
    if (r.code !== 0) throw new Error(`sextant import failed (${r.code}): ${r.stdout}${r.stderr}`);
    imported = await storeDump(line, store, dir);
  }, 600_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads the same through sextant serve as MLflow reads from the folder', () => {
    expect(Object.keys(source.runs)).toHaveLength(5);
    expect((source.runs[ids.parent]!.metrics as Record<string, unknown[]>).loss).toHaveLength(6000);
    expect(source.runs[ids.deleted]!.lifecycle).toBe('deleted');
    expect(source.experiments[ids.gone]!.lifecycle).toBe('deleted');
    expect(comparable(imported)).toEqual(comparable(source));
    expect(imported.rawVersion.model_id).toBe(Object.values(source.models.clf!.versions)[0]!.model_id ?? undefined); // 2.x: none
  });

  it('loads and predicts with the imported model through models:/clf@champion', () => {
    expect(source.prediction).toEqual([0, 1]);
    expect(imported.prediction).toEqual(source.prediction);
  });

  it('changes nothing when the same folder is imported again', async () => {
    const again = await importJson([join(dir, 'mlruns'), '--store', store]);
    expect(again.code).toBe(0);
    expect(again.report!.details.counts).toMatchObject({ runsNew: 0, runsUpdated: 0, runsUnchanged: 5, points: 0, artifacts: 0, params: 0, tags: 0, versions: 0, loggedModels: 0 });
  }, 120_000);

  if (line !== 'mlflow3') return; // the rest does not depend on the layout

  it('brings in only what MLflow logged since, and then reads the same again', async () => {
    await python(line, 'make_mlruns.py', [dir, '--more'], {}, dir);
    const more = await importJson([join(dir, 'mlruns'), '--store', store]);
    expect(more.code).toBe(0);
    expect(more.report!.details.counts).toMatchObject({ runsNew: 1, runsUpdated: 1, points: 51, params: 1, artifacts: 0 });
    const [src, now] = [await sourceDump(line, dir), await storeDump(line, store, dir)];
    expect(comparable(now)).toEqual(comparable(src));
  }, 300_000);

  it('refuses a folder with a half-written meta.yaml before writing anything, naming the file', async () => {
    const damaged = join(dir, 'damaged');
    await cp(join(dir, 'mlruns'), join(damaged, 'mlruns'), { recursive: true });
    const meta = join(damaged, 'mlruns', ids.experiment, ids.parent, 'meta.yaml');
    const text = await readFile(meta, 'utf8');
    await writeFile(meta, text.slice(0, Math.floor(text.length / 2)));
    const fresh = join(dir, 'fresh-store');
    const r = await runCli(['import', join(damaged, 'mlruns'), '--store', fresh]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(meta);
    expect(r.stderr).toContain('cut short');
    const expMeta = join(damaged, 'mlruns', ids.experiment, 'meta.yaml');
    await truncate(expMeta, 10);
    const r2 = await runCli(['import', join(damaged, 'mlruns'), '--store', fresh]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(expMeta);
    expect(await experimentNamesIn(fresh)).toEqual(['Default']);
  }, 120_000);
});

/** A file store written by hand in MLflow's layout: runs × metrics × points, and a file per run. */
function writeMlruns(root: string, runs: number, keys: number, points: number): string[] {
  const put = (path: string, text: string | Buffer) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  put('0/meta.yaml', "artifact_location: file:///x/0\ncreation_time: 1\nexperiment_id: '0'\nlast_update_time: 1\nlifecycle_stage: active\nname: Default\n");
  put('4/meta.yaml', "artifact_location: file:///x/4\ncreation_time: 1\nexperiment_id: '4'\nlast_update_time: 1\nlifecycle_stage: active\nname: big\n");
  const ids: string[] = [];
  for (let r = 0; r < runs; r++) {
    const id = `${'0'.repeat(30)}${String(r).padStart(2, '0')}`;
    ids.push(id);
    const meta = `artifact_uri: file://${join(root, '4', id, 'artifacts')}\nend_time: 9\nexperiment_id: '4'\nlifecycle_stage: active\nrun_id: '${id}'\nrun_name: r${r}\nstart_time: 1\nstatus: 3\nuser_id: u\n`;
    put(`4/${id}/meta.yaml`, meta);
    put(`4/${id}/params/p`, String(r));
    put(`4/${id}/tags/mlflow.runName`, `r${r}`);
    for (let k = 0; k < keys; k++) put(`4/${id}/metrics/m${k}`, Array.from({ length: points }, (_, i) => `${1000 + i} ${i % 97 === 0 ? 'nan' : i / 7} ${i}\n`).join(''));
    put(`4/${id}/artifacts/data/blob.bin`, Buffer.alloc(256 * 1024, r));
  }
  return ids;
}

const sizeOf = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? sizeOf(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);

/** Starts `sextant import` and SIGKILLs it once it has written `bytes` of metric histories (well before it ends). */
function importKilledAfter(source: string, store: string, bytes: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [sextantBin, 'import', source, '--store', store], { stdio: 'ignore' });
  const timer = setInterval(() => {
    try {
      if (sizeOf(join(store, 'series')) >= bytes) child.kill('SIGKILL');
    } catch {
      // not created yet
    }
  }, 5);
  return new Promise((resolve) => child.once('close', (_code, signal) => {
    clearInterval(timer);
    resolve(signal);
  }));
}

describe('an import killed half way', () => {
  it('ends, imported again, exactly as one that ran through', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'import-killed-'));
    try {
      const source = join(dir, 'mlruns');
      const ids = writeMlruns(source, 8, 3, 40_000); // 960,000 points, about 23 MB of histories
      const [whole, killed] = [join(dir, 'whole'), join(dir, 'killed')];
      expect((await runCli(['import', source, '--store', whole])).code).toBe(0);
      expect(await importKilledAfter(source, killed, 4 * 1024 * 1024)).toBe('SIGKILL');
      const again = await runCli(['import', source, '--store', killed]);
      expect(again.code, again.stderr).toBe(0);
      const [, fresh, updated, unchanged] = /\((\d+) new, (\d+) updated, (\d+) unchanged\)/.exec(again.stdout)!.map(Number);
      expect(fresh! + updated! + unchanged!).toBe(8);
      expect(fresh! + updated!).toBeGreaterThan(0); // killed at 4 of about 23 MB of histories: the rest came in now
      const [a, b] = [await openTestStore(whole), await openTestStore(killed)];
      try {
        for (const id of ids) {
          expect(getRun(b.store.db, id)).toEqual(getRun(a.store.db, id));
          expect(importedRun(b.store.db, id)).toEqual({ source: importedRun(a.store.db, id)!.source, complete: true });
          for (const key of ['m0', 'm1', 'm2']) expect(getMetricHistory(b.svc, { runId: id, key }).metrics).toEqual(getMetricHistory(a.svc, { runId: id, key }).metrics);
          const files = async (t: typeof a) => (await listLocalArtifacts(join(t.store.artifactsDir, '4', id, 'artifacts'))).map((f) => [f.path, f.size]);
          expect(await files(b)).toEqual(await files(a));
        }
      } finally {
        await a.store.close();
        await b.store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
