import type { Database } from '../../store/database';
import { findLoggedModel } from '../../store/repos/logged-models-repo';
import { findRun } from '../../store/repos/runs-repo';
import type { SourceModelVersion } from './import-source';

/** Where the source kept the files it imported, by run and logged model id. */
export interface SourceLocations {
  runArtifactUris: ReadonlyMap<string, string>;
  modelLocations: ReadonlyMap<string, string>;
}

const under = (uri: string, root: string) => (uri === root ? '' : uri.startsWith(`${root}/`) ? uri.slice(root.length + 1) : null);
const join = (root: string, rest: string) => (rest ? `${root}/${rest}` : root);

/**
 * Where a model version's files are in this store (an mlflow-artifacts:/ URI), from the source's
 * `source`: `models:/<model id>`, `runs:/<run>/<path>`, or a path or URI inside the artifact root
 * of a run or logged model that came in (as MLflow 2 records it, e.g. file:///…/mlruns/1/<run>/artifacts/model).
 * Null when the files are not among what was imported.
 */
export function versionLocation(db: Database, v: Pick<SourceModelVersion, 'source' | 'runId' | 'modelId'>, seen: SourceLocations): string | null {
  const model = /^models:\/+(m-[^/]+)\/?$/.exec(v.source);
  if (model) return findLoggedModel(db, model[1]!)?.artifact_uri ?? null;
  const runs = /^runs:\/+([^/]+)\/?(.*)$/.exec(v.source);
  if (runs) {
    const run = findRun(db, runs[1]!);
    return run ? join(run.artifact_uri, runs[2]!.replace(/\/+$/, '')) : null;
  }
  for (const [modelId, root] of seen.modelLocations) {
    const rest = under(v.source, root);
    const local = rest !== null ? findLoggedModel(db, modelId) : undefined;
    if (local) return join(local.artifact_uri, rest!);
  }
  const byRun = (runId: string) => {
    const run = findRun(db, runId);
    if (!run) return null;
    const root = seen.runArtifactUris.get(runId);
    const rest = root === undefined ? null : under(v.source, root);
    if (rest !== null) return join(run.artifact_uri, rest);
    // A moved or renamed root: the part after <run id>/artifacts/ still says where the files are.
    const at = v.source.indexOf(`/${runId}/artifacts`);
    if (at < 0) return null;
    return join(run.artifact_uri, v.source.slice(at + runId.length + '/artifacts'.length + 2).replace(/\/+$/, ''));
  };
  if (v.runId) {
    const found = byRun(v.runId);
    if (found) return found;
  }
  if (v.modelId) return findLoggedModel(db, v.modelId)?.artifact_uri ?? null;
  return null;
}
