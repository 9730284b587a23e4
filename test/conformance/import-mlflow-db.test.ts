// An mlflow.db written by the real MLflow client (3.x through `mlflow server`, so artifacts are
// mlflow-artifacts: folders in mlartifacts/; 2.x straight to sqlite:///, so they are plain
// folders in mlruns/), read by Sextant's reader and compared field by field with what the
// official client reads through `mlflow server` on a COPY of it (a 3.x server migrates a 2.x
// database in place; the source must stay untouched).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSourceFile, type ImportSource, type SourceFile, type SourceRun } from '../../electron/sync/import/import-source';
import { openMlflowDb } from '../../electron/sync/import/mlflow-db/open-mlflow-db';
import { repoRoot, venvBin, type MlflowLine } from '../support/paths';
import { runCli } from '../support/run-cli';
import { startMlflow, startSextant } from '../support/servers';
import { experimentNamesIn } from '../support/store-experiments';

const scripts = join(repoRoot, 'test', 'conformance', 'import');
const MODEL = 'import-db-clf';
const LOGGED_MODEL_STATUS: Record<number, string> = { 0: 'UNSPECIFIED', 1: 'PENDING', 2: 'READY', 3: 'FAILED' };

type Json = Record<string, unknown>;

function python(line: MlflowLine, script: string, args: string[], env: Record<string, string>, cwd: string): Promise<string> {
  const fullEnv = { ...process.env, MLFLOW_DISABLE_TELEMETRY: 'true', DO_NOT_TRACK: 'true', MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0', ...env };
  return new Promise((resolve, reject) => {
    execFile(venvBin('python', line), [join(scripts, script), ...args], { env: fullEnv, cwd, maxBuffer: 256 * 1024 * 1024, timeout: 300_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${script}: ${err.message}\n${stderr.slice(-3000)}`)) : resolve(stdout.trim().split('\n').at(-1) ?? ''),
    );
  });
}

/** (The last line of a script's output is its JSON: the 3.x client prints links to the runs before it.) */

/** Fills <dir>/mlflow.db with make_mlflow_db.py: 3.x through an `mlflow server`, 2.x on sqlite:/// directly. */
async function makeFixture(line: MlflowLine, dir: string): Promise<Json> {
  if (line === 'mlflow2') {
    return JSON.parse(await python(line, 'make_mlflow_db.py', [join(dir, 'scratch')], { MLFLOW_TRACKING_URI: `sqlite:///${join(dir, 'mlflow.db')}` }, dir)) as Json;
  }
  const server = await startMlflow({ dataDir: dir });
  try {
    return JSON.parse(await python(line, 'make_mlflow_db.py', [join(dir, 'scratch')], { MLFLOW_TRACKING_URI: server.url }, dir)) as Json;
  } finally {
    await server.stop({ keepData: true });
  }
}

/** What the official 3.x client reads through `mlflow server` on a copy of the database (and its artifacts). */
async function officialDump(dir: string): Promise<Json> {
  const copy = await mkdtemp(join(tmpdir(), 'mlflow-db-copy-'));
  await cp(dir, copy, { recursive: true });
  const server = await startMlflow({ dataDir: copy });
  try {
    return JSON.parse(await python('mlflow3', 'make_mlflow_db_dump.py', ['--predict', `${MODEL}@champion`], { MLFLOW_TRACKING_URI: server.url }, copy)) as Json;
  } finally {
    await server.stop();
    await rm(copy, { recursive: true, force: true });
  }
}

/** What the official 3.x client reads through `sextant serve` on a store. */
async function storeDump(store: string, cwd: string): Promise<Json> {
  const server = await startSextant({ dataDir: store });
  try {
    return JSON.parse(await python('mlflow3', 'make_mlflow_db_dump.py', ['--predict', `${MODEL}@champion`], { MLFLOW_TRACKING_URI: server.url }, cwd)) as Json;
  } finally {
    await server.stop({ keepData: true });
  }
}

/** Both sides but the store's own Default experiment's times (it was there before the import). */
function comparable(dump: Json): Json {
  const copy = structuredClone(dump);
  const def = (copy.experiments as Record<string, Json>).Default;
  if (def) {
    delete def.creation_time;
    delete def.last_update_time;
  }
  return copy;
}

type Report = { summary: string; problems: unknown[]; details: { counts: Record<string, number> } };

async function importDb(source: string, store: string, ...more: string[]) {
  const r = await runCli(['import', source, '--store', store, ...more]);
  return { ...r, report: more.includes('--json') && r.stdout ? (JSON.parse(r.stdout) as Report) : null };
}

const sha256 = (path: string) => readFile(path).then((b) => createHash('sha256').update(b).digest('hex'));

async function hashOf(file: SourceFile): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await file.open()) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function artifactHashes(items: AsyncIterable<unknown>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const item of items as AsyncIterable<SourceFile>) {
    if (!isSourceFile(item)) throw new Error(`missing artifact: ${JSON.stringify(item)}`);
    out[item.path] = await hashOf(item);
  }
  return out;
}

const value = (v: number) => (Number.isNaN(v) ? 'NaN' : v);
const kv = (pairs: { key: string; value: string }[]) => Object.fromEntries(pairs.map((p) => [p.key, p.value]));

async function runDump(src: ImportSource, run: SourceRun, experiment: string): Promise<Json> {
  const metrics: Record<string, unknown[]> = {};
  for (const key of run.metricKeys) {
    const points: [number, number, number | string][] = [];
    for await (const batch of src.history(run, key)) for (const p of batch) points.push([p.timestamp, p.step, value(p.value)]);
    metrics[key] = points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }
  return {
    experiment,
    name: run.name,
    user_id: run.userId,
    status: run.status,
    start_time: run.startTime,
    end_time: run.endTime,
    lifecycle: run.lifecycle,
    params: kv(run.params),
    tags: kv(run.tags),
    metrics,
    inputs: run.datasets.map((d) => [d.name, d.digest, d.sourceType, d.source, d.schema ?? null, d.profile ?? null, d.tags.map((t) => [t.key, t.value]).sort()]),
    artifacts: await artifactHashes(src.artifacts(run)),
    model_inputs: [...run.modelInputs].sort(),
    model_outputs: run.modelOutputs.map((o) => [o.modelId, o.step]).sort(),
  };
}

/** The reader's view in the shape of make_mlflow_db_dump.py's with a 3.x client (without what only a server computes: latest values). */
async function readerDump(src: ImportSource): Promise<Json> {
  const experiments: Json = {};
  const runs: Json = {};
  const loggedModels: Json = {};
  for await (const e of src.experiments()) {
    experiments[e.name] = { lifecycle: e.lifecycle, tags: kv(e.tags), creation_time: e.creationTime, last_update_time: e.lastUpdateTime };
    for await (const r of src.runs(e.id)) runs[r.runId] = await runDump(src, r, e.name);
    for await (const m of src.loggedModels(e.id)) {
      loggedModels[m.modelId] = {
        name: m.name,
        model_type: m.modelType,
        source_run_id: m.sourceRunId ?? '',
        status: LOGGED_MODEL_STATUS[m.status],
        creation_timestamp: m.creationTime,
        params: kv(m.params),
        tags: kv(m.tags),
        metrics: m.metrics.map((x) => [x.key, value(x.value), x.timestamp, x.step, x.runId, x.datasetName || null, x.datasetDigest || null]).sort(),
        artifacts: await artifactHashes(src.modelArtifacts(m)),
      };
    }
  }
  const registry: Json = {};
  for await (const rm of src.registeredModels()) {
    registry[rm.name] = {
      description: rm.description,
      tags: kv(rm.tags),
      aliases: Object.fromEntries(rm.aliases.map((a) => [a.alias, String(a.version)])),
      versions: Object.fromEntries(rm.versions.map((v) => [String(v.version), { stage: v.stage, status: v.status, description: v.description, tags: kv(v.tags), run_id: v.runId }])),
    };
  }
  return { experiments, runs, registry, logged_models: loggedModels };
}

/** The official dump without what the reader does not produce (latest values are the store's to compute). */
function withoutServerOnly(dump: Json): Json {
  const runs = Object.fromEntries(Object.entries(dump.runs as Record<string, Json>).map(([id, r]) => {
    const { latest: _latest, ...rest } = r;
    return [id, rest];
  }));
  const { predictions: _predictions, ...rest } = dump;
  return { ...rest, runs };
}

describe.each<MlflowLine>(['mlflow3', 'mlflow2'])('an mlflow.db written by %s', (line) => {
  let dir = '';
  let fixture: Json = {};
  let official: Json = {};
  let sourceHash = '';
  let store = '';
  let imported: Json = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `mlflow-db-${line}-`));
    fixture = await makeFixture(line, dir);
    sourceHash = await sha256(join(dir, 'mlflow.db'));
    official = await officialDump(dir);
    store = join(dir, 'store');
    const r = await importDb(join(dir, 'mlflow.db'), store);
    if (r.code !== 0) throw new Error(`sextant import failed (${r.code}): ${r.stdout}${r.stderr}`);
    imported = await storeDump(store, dir);
  }, 900_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the fixture has what the import must bring in', () => {
    const runs = official.runs as Record<string, Json>;
    const parent = runs[fixture.run_id as string]!;
    expect((parent.metrics as Record<string, unknown[]>).loss).toHaveLength(6000);
    expect((parent.metrics as Record<string, unknown[]>).odd).toEqual([
      [expect.any(Number), 0, 'NaN'], [expect.any(Number), 1, 1.7976931348623157e308], [expect.any(Number), 2, -1.7976931348623157e308], [expect.any(Number), 3, 2.5],
    ]);
    expect(Object.values(runs).filter((r) => (r.tags as Json)['mlflow.parentRunId'] === fixture.run_id)).toHaveLength(2);
    expect(Object.keys(parent.artifacts as Json)).toContain('blobs/weights.bin');
    expect((official.registry as Record<string, Json>)[MODEL]).toMatchObject({ aliases: { champion: '1' }, versions: { 1: { stage: 'Staging' } } });
    expect(official.predictions).toEqual([0, 1]);
  });

  it('the reader yields what the official client reads through mlflow server, field by field, and leaves the file as it was', async () => {
    const src = await openMlflowDb(join(dir, 'mlflow.db'));
    try {
      expect(src.kind).toBe('mlflow-db');
      expect(await readerDump(src)).toEqual(withoutServerOnly(official));
    } finally {
      await src.close();
    }
    expect(await sha256(join(dir, 'mlflow.db'))).toBe(sourceHash);
  });

  it('sextant import: the official client reads the same through sextant serve as through mlflow server, and the model predicts', () => {
    expect(comparable(imported)).toEqual(comparable(official));
    expect(imported.predictions).toEqual([0, 1]);
  });

  it('importing the same database again changes nothing', async () => {
    const again = await importDb(join(dir, 'mlflow.db'), store, '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(again.report!.details.counts).toMatchObject({ runsNew: 0, runsUpdated: 0, points: 0, artifacts: 0, params: 0, tags: 0, versions: 0, loggedModels: 0 });
    expect(await sha256(join(dir, 'mlflow.db'))).toBe(sourceHash);
  }, 120_000);

  it('brings in only what MLflow logged since', async () => {
    const more = JSON.parse(await python(line, 'make_mlflow_db.py', [join(dir, 'scratch'), '--more', fixture.run_id as string], { MLFLOW_TRACKING_URI: `sqlite:///${join(dir, 'mlflow.db')}` }, dir)) as { later_run_id: string };
    const r = await importDb(join(dir, 'mlflow.db'), store, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.report!.details.counts).toMatchObject({ runsNew: 1, runsUpdated: 1, points: 60, params: 1, artifacts: 0, versions: 0 });
    const server = await startSextant({ dataDir: store });
    try {
      const history = async (runId: string) => ((await (await fetch(`${server.url}/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=loss&max_results=25000`)).json()) as { metrics: unknown[] }).metrics;
      expect(await history(fixture.run_id as string)).toHaveLength(6010);
      expect(await history(more.later_run_id)).toHaveLength(50);
    } finally {
      await server.stop({ keepData: true });
    }
  }, 180_000);

  it('finds moved artifacts with --artifacts DIR, and reports them missing without it', async () => {
    const original = join(dir, line === 'mlflow3' ? 'mlartifacts' : 'mlruns');
    const moved = join(dir, 'moved-artifacts');
    const files = Object.values(official.runs as Record<string, Json>).reduce((n, r) => n + Object.keys(r.artifacts as Json).length, 0)
      + Object.values((official.logged_models ?? {}) as Record<string, Json>).reduce((n, m) => n + Object.keys(m.artifacts as Json).length, 0);
    await rename(original, moved);
    try {
      const found = await importDb(join(dir, 'mlflow.db'), join(dir, 'store-moved'), '--json', '--artifacts', moved);
      expect(found.code, found.stderr).toBe(0);
      expect(found.report!.problems).toEqual([]);
      expect(found.report!.details.counts.artifacts).toBe(files);
      const lost = await importDb(join(dir, 'mlflow.db'), join(dir, 'store-lost'), '--json');
      expect(lost.code).toBe(1);
      expect(lost.report!.problems.length).toBeGreaterThan(0);
      expect(JSON.stringify(lost.report!.problems)).toContain('--artifacts DIR');
    } finally {
      await rename(moved, original);
    }
  }, 180_000);

  it('a damaged database is refused with one clear line before anything is written', async () => {
    const damaged = join(dir, 'damaged.db');
    const bytes = await readFile(join(dir, 'mlflow.db'));
    const pageSize = bytes.readUInt16BE(16);
    const middle = Math.floor(bytes.length / pageSize / 2);
    bytes.fill(0x5a, middle * pageSize + 8, (middle + 2) * pageSize - 8);
    await writeFile(damaged, bytes);
    const fresh = join(dir, 'fresh-store');
    const r = await importDb(damaged, fresh);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mlflow.db at ${damaged}: is damaged (SQLite`);
    expect(await experimentNamesIn(fresh)).toEqual(['Default']);
  }, 120_000);
});
