import { join } from 'node:path';
import type { DatasetInput } from '../../../store/ops/op-types';
import { SourceError, type Lifecycle, type SourceRun } from '../import-source';
import { entries, int, isDir, num, readKeyValues, readMeta, str, walkFiles, type YamlMap } from './mlruns-files';

const STATUSES = ['', 'RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
/** Folders of an experiment that are not runs. */
const RESERVED = new Set(['tags', 'datasets', 'traces', 'models', 'meta.yaml']);
/** MLflow names a run's folder by its id, 32 hex characters. */
const RUN_ID = /^[0-9a-f]{32}$/;

const lifecycle = (v: unknown): Lifecycle => (str(v) === 'deleted' ? 'deleted' : 'active');
const status = (v: unknown) => (int(v) !== null ? STATUSES[int(v)!] || 'RUNNING' : str(v) || 'RUNNING');
const vertex = (v: unknown, names: Record<number, string>) => (int(v) !== null ? names[int(v)!] ?? str(v) : str(v).toUpperCase());

/**
 * The runs of an experiment folder, each read whole (meta, params, tags, inputs, outputs, metric
 * keys); `folders` learns each run's folder, by run id.
 */
export async function* readRuns(expDir: string, experimentId: string, folders: Map<string, string>): AsyncGenerator<SourceRun> {
  for (const name of await entries(expDir)) {
    if (RESERVED.has(name) || name.startsWith('.') || !(await isDir(join(expDir, name)))) continue;
    // A folder that is not named as a run and has no meta.yaml is not one (MLflow lists it as nothing either).
    if (!RUN_ID.test(name) && !(await entries(join(expDir, name))).includes('meta.yaml')) continue;
    const run = await readRun(expDir, join(expDir, name), experimentId, name);
    folders.set(run.runId, join(expDir, name));
    yield run;
  }
}

async function readRun(expDir: string, dir: string, experimentId: string, runId: string): Promise<SourceRun> {
  const item = `run ${runId} of experiment ${experimentId}`;
  const meta = await readMeta(join(dir, 'meta.yaml'), item, 'user_id').catch((err: unknown) => {
    if (err instanceof SourceError && !(err.message.includes('ENOENT'))) throw err;
    throw new SourceError(item, `${join(dir, 'meta.yaml')} is missing (a half-written run folder)`);
  });
  const id = str(meta.run_id ?? meta.run_uuid) || runId;
  const tags = await readKeyValues(join(dir, 'tags'), item);
  const name = str(meta.run_name) || tags.find((t) => t.key === 'mlflow.runName')?.value || '';
  return {
    runId: id,
    experimentId,
    name,
    userId: str(meta.user_id),
    status: status(meta.status),
    startTime: num(meta.start_time),
    endTime: num(meta.end_time),
    lifecycle: lifecycle(meta.lifecycle_stage),
    artifactUri: str(meta.artifact_uri),
    params: await readKeyValues(join(dir, 'params'), item),
    tags,
    metricKeys: (await walkFiles(join(dir, 'metrics'))).filter((f) => !f.link).map((f) => f.rel),
    datasets: await readDatasetInputs(expDir, dir, item),
    modelInputs: await readModelInputs(dir, item),
    modelOutputs: await readModelOutputs(dir, item),
  };
}

async function inputMetas(dir: string, item: string): Promise<YamlMap[]> {
  const out: YamlMap[] = [];
  for (const name of await entries(join(dir, 'inputs'))) out.push(await readMeta(join(dir, 'inputs', name, 'meta.yaml'), item, 'source_type'));
  return out;
}

async function readDatasetInputs(expDir: string, dir: string, item: string): Promise<DatasetInput[]> {
  const out: DatasetInput[] = [];
  for (const input of await inputMetas(dir, item)) {
    if (vertex(input.source_type, { 1: 'RUN', 2: 'DATASET', 3: 'MODEL' }) !== 'DATASET') continue;
    const ds = await readMeta(join(expDir, 'datasets', str(input.source_id), 'meta.yaml'), item, 'name');
    const tags = input.tags && typeof input.tags === 'object' ? Object.entries(input.tags as Record<string, unknown>).map(([key, value]) => ({ key, value: str(value) })) : [];
    out.push({
      name: str(ds.name), digest: str(ds.digest), sourceType: str(ds.source_type), source: str(ds.source),
      ...(ds.schema !== undefined && ds.schema !== null ? { schema: str(ds.schema) } : {}),
      ...(ds.profile !== undefined && ds.profile !== null ? { profile: str(ds.profile) } : {}),
      tags,
    });
  }
  return out;
}

async function readModelInputs(dir: string, item: string): Promise<string[]> {
  return (await inputMetas(dir, item)).filter((i) => vertex(i.source_type, { 1: 'RUN', 2: 'DATASET', 3: 'MODEL' }) === 'MODEL').map((i) => str(i.source_id));
}

async function readModelOutputs(dir: string, item: string): Promise<{ modelId: string; step: number }[]> {
  const out: { modelId: string; step: number }[] = [];
  for (const name of await entries(join(dir, 'outputs'))) {
    const m = await readMeta(join(dir, 'outputs', name, 'meta.yaml'), item, '');
    out.push({ modelId: str(m.destination_id) || name, step: num(m.step) ?? 0 });
  }
  return out;
}
