import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceError, type Lifecycle, type SourceLoggedModel, type SourceModelVersion, type SourceRegisteredModel } from '../import-source';
import { entries, int, isDir, num, readKeyValues, readMeta, str, walkFiles } from './mlruns-files';
import { parseMetricLine } from './metric-lines';

const lifecycle = (v: unknown): Lifecycle => (str(v) === 'deleted' ? 'deleted' : 'active');

/** MLflow 3 logged models of an experiment folder (`<exp>/models/<m-…>/`). */
export async function* readLoggedModels(expDir: string, experimentId: string): AsyncGenerator<SourceLoggedModel> {
  const root = join(expDir, 'models');
  for (const name of await entries(root)) {
    const dir = join(root, name);
    if (!(await isDir(dir))) continue;
    const item = `logged model ${name} of experiment ${experimentId}`;
    const meta = await readMeta(join(dir, 'meta.yaml'), item, 'model_id');
    const metrics: SourceLoggedModel['metrics'] = [];
    for (const f of await walkFiles(join(dir, 'metrics'))) {
      if (f.link) continue;
      const text = await readFile(f.file, 'utf8');
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        const p = parseMetricLine(line);
        if (!p) throw new SourceError(item, `${f.file} has a line that is not a metric point ('${line.slice(0, 80)}')`);
        const [, , , runId, datasetName, datasetDigest] = line.trim().split(' ');
        metrics.push({ key: f.rel, ...p, runId: runId || null, datasetName: datasetName ?? '', datasetDigest: datasetDigest ?? '' });
      }
    }
    yield {
      modelId: str(meta.model_id) || name,
      experimentId,
      name: str(meta.name),
      modelType: str(meta.model_type),
      sourceRunId: str(meta.source_run_id) || null,
      status: int(meta.status) ?? statusNumber(str(meta.status)),
      creationTime: num(meta.creation_timestamp),
      lastUpdatedTime: num(meta.last_updated_timestamp),
      artifactLocation: str(meta.artifact_location),
      lifecycle: lifecycle(meta.lifecycle_stage),
      params: await readKeyValues(join(dir, 'params'), item),
      tags: await readKeyValues(join(dir, 'tags'), item),
      metrics,
    };
  }
}

const statusNumber = (s: string) => Math.max(0, ['LOGGED_MODEL_STATUS_UNSPECIFIED', 'LOGGED_MODEL_PENDING', 'LOGGED_MODEL_READY', 'LOGGED_MODEL_UPLOAD_FAILED'].indexOf(s));

/** The registry of a file store (`mlruns/models/<name>/`). */
export async function* readRegistry(root: string): AsyncGenerator<SourceRegisteredModel> {
  const dir = join(root, 'models');
  for (const folder of await entries(dir)) {
    const mdir = join(dir, folder);
    if (!(await isDir(mdir))) continue;
    const item = `registered model '${folder}'`;
    const meta = await readMeta(join(mdir, 'meta.yaml'), item, 'name');
    const versions: SourceModelVersion[] = [];
    for (const v of await entries(mdir)) {
      if (!/^version-\d+$/.test(v)) continue;
      const vm = await readMeta(join(mdir, v, 'meta.yaml'), `version ${v.slice(8)} of ${item}`, 'version');
      const stage = str(vm.current_stage) || 'None';
      versions.push({
        version: Number(vm.version), source: str(vm.source), runId: str(vm.run_id), modelId: str(vm.model_id), status: str(vm.status) || 'READY', stage,
        description: str(vm.description), userId: str(vm.user_id), runLink: str(vm.run_link), creationTime: num(vm.creation_timestamp),
        lastUpdatedTime: num(vm.last_updated_timestamp), lifecycle: stage === 'Deleted_Internal' ? 'deleted' : 'active', tags: await readKeyValues(join(mdir, v, 'tags'), item),
      });
    }
    const aliases = [];
    for (const a of await readKeyValues(join(mdir, 'aliases'), item)) aliases.push({ alias: a.key, version: Number(a.value.trim()) });
    yield {
      name: str(meta.name) || folder, description: str(meta.description), creationTime: num(meta.creation_timestamp), lastUpdatedTime: num(meta.last_updated_timestamp),
      tags: await readKeyValues(join(mdir, 'tags'), item), aliases, versions,
    };
  }
}
