// @vitest-environment node
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSourceFile, SourceError, type ImportSource, type SourceRun } from '../../../../../electron/sync/import/import-source';
import { parseMetricLine, readMetricFile } from '../../../../../electron/sync/import/mlruns/metric-lines';
import { looksLikeMlruns, openMlruns } from '../../../../../electron/sync/import/mlruns/open-mlruns';
import { useTempDirs } from '../../../../support/temp-dir';

const RUN = '0123456789abcdef0123456789abcdef';

function put(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const expMeta = (id: string, name: string, extra = '') =>
  `artifact_location: file:///old/mlruns/${id}\ncreation_time: 1000\nexperiment_id: '${id}'\nlast_update_time: 2000\nlifecycle_stage: active\n${extra}name: ${name}\n`;
const runMeta = (exp: string, extra = '') =>
  `artifact_uri: file:///old/mlruns/${exp}/${RUN}/artifacts\nend_time: 6000\nentry_point_name: ''\nexperiment_id: '${exp}'\nlifecycle_stage: active\nrun_id: ${RUN}\nrun_name: first\nrun_uuid: ${RUN}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 5000\nstatus: 3\ntags: []\n${extra}user_id: ann\n`;

/** A small file store, written as MLflow's FileStore lays it out. */
function sampleStore(root: string): void {
  put(root, {
    '0/meta.yaml': expMeta('0', 'Default'),
    '1/meta.yaml': expMeta('1', 'sweep'),
    '1/tags/team': 'vision',
    [`1/${RUN}/meta.yaml`]: runMeta('1'),
    [`1/${RUN}/params/lr`]: '0.1',
    [`1/${RUN}/tags/mlflow.runName`]: 'first',
    [`1/${RUN}/tags/nested/key`]: 'v',
    [`1/${RUN}/metrics/loss`]: '1000 0.5 0\n1001 nan 1\n1002 inf 2\n1003 -inf 3\n1004 1e-05 4\n',
    [`1/${RUN}/metrics/train/acc`]: '1000 0.25\n',
    [`1/${RUN}/inputs/abc/meta.yaml`]: `destination_id: ${RUN}\ndestination_type: 1\nsource_id: d1\nsource_type: 2\ntags:\n  mlflow.data.context: training\n`,
    '1/datasets/d1/meta.yaml': "digest: ff00\nname: digits\nprofile: '{}'\nschema: '{}'\nsource: '{\"uri\": \"x\"}'\nsource_type: local\n",
    '.trash/2/meta.yaml': expMeta('2', 'gone').replace('lifecycle_stage: active', 'lifecycle_stage: deleted'),
    'models/clf/meta.yaml': 'creation_timestamp: 100\ndescription: a model\nlast_updated_timestamp: 200\nname: clf\n',
    'models/clf/aliases/champion': '1',
    'models/clf/tags/k': 'v',
    'models/clf/version-1/meta.yaml': `creation_timestamp: 150\ncurrent_stage: Production\ndescription: null\nlast_updated_timestamp: 160\nname: clf\nrun_id: ${RUN}\nrun_link: null\nsource: file:///old/mlruns/1/${RUN}/artifacts/model\nstatus: READY\nuser_id: null\nversion: 1\n`,
  });
}

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

const useTemp = useTempDirs();

describe('metric lines', () => {
  it('reads every spelling MLflow writes, and the legacy and logged-model layouts', () => {
    expect(parseMetricLine('1000 nan 3')).toEqual({ timestamp: 1000, value: Number.NaN, step: 3 });
    expect(parseMetricLine('1000 inf 0')!.value).toBe(Number.POSITIVE_INFINITY);
    expect(parseMetricLine('1000 -Infinity 0')!.value).toBe(Number.NEGATIVE_INFINITY);
    expect(parseMetricLine('1000 1e-05 2')).toEqual({ timestamp: 1000, value: 1e-5, step: 2 });
    expect(parseMetricLine('1000 0.5')).toEqual({ timestamp: 1000, value: 0.5, step: 0 });
    expect(parseMetricLine(`1000 0.5 7 ${RUN} ds ff`)).toEqual({ timestamp: 1000, value: 0.5, step: 7 });
    expect(parseMetricLine('1000 banana 1')).toBeNull();
    expect(parseMetricLine('garbage')).toBeNull();
  });

  it('refuses a file whose last line MLflow was still writing', async () => {
    const dir = useTemp();
    put(dir, { m: '1 0.5 0\n2 0.' });
    await expect(collect(readMetricFile(join(dir, 'm'), 'run x'))).rejects.toThrow(/half-written line/);
  });
});

describe('openMlruns', () => {
  const read = async (root: string, opts = {}): Promise<{ src: ImportSource; run: SourceRun }> => {
    const src = await openMlruns(root, opts);
    const [run] = await collect(src.runs('1'));
    return { src, run: run! };
  };

  it('reads experiments (deleted ones from .trash), runs, params, tags, histories and inputs', async () => {
    const root = useTemp();
    sampleStore(root);
    expect(await looksLikeMlruns(root)).toBe(true);
    const { src, run } = await read(root);
    const exps = await collect(src.experiments());
    expect(exps.map((e) => [e.id, e.name, e.lifecycle])).toEqual([['0', 'Default', 'active'], ['1', 'sweep', 'active'], ['2', 'gone', 'deleted']]);
    expect(exps[1]!.tags).toEqual([{ key: 'team', value: 'vision' }]);
    expect(run).toMatchObject({ runId: RUN, name: 'first', status: 'FINISHED', startTime: 5000, endTime: 6000, userId: 'ann', lifecycle: 'active' });
    expect(run.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(run.tags).toContainEqual({ key: 'nested/key', value: 'v' });
    expect(run.metricKeys.sort()).toEqual(['loss', 'train/acc']);
    expect(run.datasets).toEqual([{ name: 'digits', digest: 'ff00', sourceType: 'local', source: '{"uri": "x"}', schema: '{}', profile: '{}', tags: [{ key: 'mlflow.data.context', value: 'training' }] }]);
    const loss = (await collect(src.history(run, 'loss'))).flat();
    expect(loss.map((p) => p.value)).toEqual([0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-5]);
    expect((await collect(src.history(run, 'train/acc'))).flat()).toEqual([{ timestamp: 1000, value: 0.25, step: 0 }]);
  });

  it('reads the registry: models, versions, stages, aliases, tags', async () => {
    const root = useTemp();
    sampleStore(root);
    const [m] = await collect((await openMlruns(root)).registeredModels());
    expect(m).toMatchObject({ name: 'clf', description: 'a model', creationTime: 100, aliases: [{ alias: 'champion', version: 1 }], tags: [{ key: 'k', value: 'v' }] });
    expect(m!.versions[0]).toMatchObject({ version: 1, stage: 'Production', runId: RUN, description: '', lifecycle: 'active' });
  });

  it('finds artifacts of a copied folder in it, and of a moved root with --artifacts', async () => {
    const root = useTemp();
    sampleStore(root);
    put(root, { [`1/${RUN}/artifacts/model/weights.bin`]: 'abc' });
    const { src, run } = await read(root);
    const files = (await collect(src.artifacts(run))).filter(isSourceFile);
    expect(files.map((f) => [f.path, f.size])).toEqual([['model/weights.bin', 3]]);

    const moved = useTemp();
    const elsewhere = useTemp();
    sampleStore(moved);
    put(elsewhere, { [`1/${RUN}/artifacts/notes.txt`]: 'hello' });
    const viaMoved = await read(moved, { artifactsDir: elsewhere });
    expect((await collect(viaMoved.src.artifacts(viaMoved.run))).filter(isSourceFile).map((f) => f.path)).toEqual(['notes.txt']);
  });

  it('never follows a symbolic link among the artifacts: it is listed as missing', async () => {
    const root = useTemp();
    sampleStore(root);
    put(root, { [`1/${RUN}/artifacts/ok.txt`]: 'ok' });
    symlinkSync('/etc/hostname', join(root, '1', RUN, 'artifacts', 'outside'));
    const { src, run } = await read(root);
    const listed = await collect(src.artifacts(run));
    expect(listed.filter(isSourceFile).map((f) => f.path)).toEqual(['ok.txt']);
    expect(listed.filter((f) => !isSourceFile(f))).toEqual([{ missing: 'outside', reason: expect.stringContaining('symbolic link') }]);
  });

  it("finds a served run's files (mlflow-artifacts:) in the mlartifacts folder next to mlruns", async () => {
    const top = useTemp();
    const root = join(top, 'mlruns');
    sampleStore(root);
    put(root, { [`1/${RUN}/meta.yaml`]: runMeta('1').replace(`file:///old/mlruns/1/${RUN}/artifacts`, `mlflow-artifacts:/1/${RUN}/artifacts`) });
    put(top, { [`mlartifacts/1/${RUN}/artifacts/served.txt`]: 'served' });
    const { src, run } = await read(root);
    expect((await collect(src.artifacts(run))).filter(isSourceFile).map((f) => [f.path, f.size])).toEqual([['served.txt', 6]]);
  });

  it('lists artifacts on another scheme as missing', async () => {
    const root = useTemp();
    sampleStore(root);
    put(root, { [`1/${RUN}/meta.yaml`]: runMeta('1').replace(`file:///old/mlruns/1/${RUN}/artifacts`, `s3://bucket/${RUN}`) });
    const { src, run } = await read(root);
    expect(await collect(src.artifacts(run))).toEqual([{ missing: `s3://bucket/${RUN}`, reason: expect.stringContaining("'s3:'") }]);
  });

  it('refuses a cut-short meta.yaml, naming the file', async () => {
    const root = useTemp();
    sampleStore(root);
    put(root, { [`1/${RUN}/meta.yaml`]: runMeta('1').slice(0, 120) + '\n' });
    const src = await openMlruns(root);
    const err = await collect(src.runs('1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toContain(join(root, '1', RUN, 'meta.yaml'));
    put(root, { '1/meta.yaml': expMeta('1', 'sweep').slice(0, 40) });
    await expect(openMlruns(root)).rejects.toThrow(/cut short/);
  });

  it('keeps ids PyYAML wrote unquoted as the strings they are (no YAML 1.2 number guessing)', async () => {
    const root = useTemp();
    sampleStore(root);
    const id = '123e4567123456781234567812345678';
    put(root, { [`1/${id}/meta.yaml`]: runMeta('1').replaceAll(RUN, id), [`1/${id}/metrics/m`]: '1 2 3\n' });
    const src = await openMlruns(root);
    const runs = await collect(src.runs('1'));
    const run = runs.find((r) => r.name === 'first' && r.runId === id)!;
    expect(run.runId).toBe(id);
    expect((await collect(src.history(run, 'm'))).flat()).toEqual([{ timestamp: 1, value: 2, step: 3 }]);
  });

  it('passes over folders that are not runs, and refuses a run folder MLflow left without its meta.yaml', async () => {
    const root = useTemp();
    sampleStore(root);
    put(root, { '1/.ipynb_checkpoints/x': '', '1/notes/readme.txt': 'x' });
    expect((await collect((await openMlruns(root)).runs('1'))).map((r) => r.runId)).toEqual([RUN]);
    const half = 'f'.repeat(32);
    put(root, { [`1/${half}/params/lr`]: '1' });
    await expect(collect((await openMlruns(root)).runs('1'))).rejects.toThrow(`${join(root, '1', half, 'meta.yaml')} is missing`);
  });

  it('does not take a folder without experiment folders for a file store', async () => {
    const root = useTemp();
    put(root, { 'notes/readme.txt': 'x' });
    expect(await looksLikeMlruns(root)).toBe(false);
  });
});
