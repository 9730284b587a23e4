import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportSource, SourceExperiment } from '../import-source';
import { listArtifacts } from './mlruns-artifacts';
import { entries, isDir, num, readKeyValues, readMeta, str } from './mlruns-files';
import { readLoggedModels, readRegistry } from './mlruns-models';
import type { MlrunsRoots } from './mlruns-paths';
import { readRuns } from './mlruns-runs';
import { readMetricFile } from './metric-lines';

/** Whether a folder is laid out as an MLflow file store: experiment folders with a meta.yaml, or a registry. */
export async function looksLikeMlruns(dir: string): Promise<boolean> {
  if (!(await isDir(dir))) return false;
  for (const name of await entries(dir)) {
    if (name === '.trash' || name === 'models') {
      if (await isDir(join(dir, name))) return true;
    } else if (/^\d+$/.test(name) && (await isDir(join(dir, name))) && (await entries(join(dir, name))).includes('meta.yaml')) return true;
  }
  return false;
}

/** An experiment folder: in the store's root, or moved to `.trash/` when deleted. */
async function experimentDirs(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const base of [root, join(root, '.trash')]) {
    for (const name of await entries(base)) {
      const dir = join(base, name);
      if (name === '.trash' || name === 'models' || name.startsWith('.') || !(await isDir(dir))) continue;
      if ((await entries(dir)).includes('meta.yaml')) out.push(dir);
    }
  }
  return out;
}

/**
 * Opens an MLflow file store (`mlruns/`) as an import source, read only. Its identity is the
 * oldest experiment's id and creation time (a copied or moved folder is the same source).
 */
export async function openMlruns(path: string, opts: { artifactsDir?: string } = {}): Promise<ImportSource> {
  const root = realpathSync(path);
  const roots: MlrunsRoots = { root, ...(opts.artifactsDir ? { artifactsDir: opts.artifactsDir } : {}) };
  const dirs = new Map<string, string>();
  const runFolders = new Map<string, string>();
  const experiments: SourceExperiment[] = [];
  for (const dir of await experimentDirs(root)) {
    const folder = dir.slice(dir.lastIndexOf('/') + 1);
    const item = `experiment ${folder}`;
    const meta = await readMeta(join(dir, 'meta.yaml'), item, 'name');
    const id = str(meta.experiment_id) || folder;
    dirs.set(id, dir);
    experiments.push({
      id, name: str(meta.name), artifactLocation: str(meta.artifact_location), lifecycle: str(meta.lifecycle_stage) === 'deleted' || dir.includes('/.trash/') ? 'deleted' : 'active',
      creationTime: num(meta.creation_time), lastUpdateTime: num(meta.last_update_time), tags: await readKeyValues(join(dir, 'tags'), item),
    });
  }
  experiments.sort((a, b) => Number(a.id) - Number(b.id) || (a.id < b.id ? -1 : 1));
  const first = experiments[0];
  const identity = `mlruns:${createHash('sha256').update(first ? `${first.id}\u0000${first.creationTime ?? ''}\u0000${first.creationTime === null ? root : ''}` : root).digest('hex').slice(0, 32)}`;
  return {
    kind: 'mlruns',
    identity,
    label: `mlruns at ${root}`,
    async *experiments() {
      yield* experiments;
    },
    runs: (experimentId) => readRuns(dirs.get(experimentId)!, experimentId, runFolders),
    history: (run, key) => readMetricFile(join(runFolders.get(run.runId) ?? join(dirs.get(run.experimentId)!, run.runId), 'metrics', ...key.split('/')), `run ${run.runId} metric '${key}'`),
    artifacts: (run) => listArtifacts(roots, run.artifactUri, run.experimentId, `${run.runId}/artifacts`),
    loggedModels: (experimentId) => readLoggedModels(dirs.get(experimentId)!, experimentId),
    modelArtifacts: (model) => listArtifacts(roots, model.artifactLocation, model.experimentId, `models/${model.modelId}/artifacts`),
    registeredModels: () => readRegistry(root),
    close: async () => undefined,
  };
}
