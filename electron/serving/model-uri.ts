import { invalidParam, MlflowError, notFound } from '../../shared/domain/mlflow-error';
import type { ResolvedModel } from '../../shared/ipc/serving-types';
import { artifactSegments } from '../store/artifact-paths';
import { requireLoggedModel } from '../store/repos/logged-models-repo';
import { requireRun } from '../store/repos/runs-repo';
import { DELETED_STAGE, latestVersions, requireModel, requireVersion, type VersionRow } from '../store/registry/registry-repo';
import type { ServiceContext } from '../services/service-context';

/** A model URI found in the store: what it named, and where its files are. */
export interface ModelLocation {
  resolved: ResolvedModel;
  /** The model folder in the store's mlflow-artifacts namespace (`<exp>/<run>/artifacts/<path>` or `<exp>/models/<id>/artifacts`). */
  artifactPath: string;
}

const STAGE_NAMES = new Set(['none', 'staging', 'production', 'archived']);
const MAX_HOPS = 4;

export const URI_FORMS = 'models:/<name>/<version>, models:/<name>@<alias>, models:/<name>/latest, models:/m-<model_id> or runs:/<run_id>/<path>';

/**
 * Resolves a model URI from the store alone (offline): `models:/name/version`,
 * `models:/name@alias`, `models:/name/latest` or `models:/name/<stage>`, `models:/m-<id>` (a
 * logged model) and `runs:/<run_id>/<path>` (a logged model of that run named <path>, as MLflow 3
 * logs them, else the folder in the run's artifacts). Throws MlflowError naming what is missing.
 */
export function resolveModelUri(ctx: ServiceContext, uri: string): ModelLocation {
  try {
    return resolve(ctx, uri.trim(), 0);
  } catch (err) {
    if (err instanceof MlflowError) throw new MlflowError(err.code, `Cannot serve ${uri.slice(0, 300)}: ${err.message}`);
    throw err;
  }
}

function resolve(ctx: ServiceContext, uri: string, hops: number): ModelLocation {
  const db = ctx.store.db;
  const m = /^(models|runs):\/*(.*)$/i.exec(uri);
  if (!m) throw invalidParam(`not a model URI; use ${URI_FORMS}.`);
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!.replace(/\/+$/, '');
  if (scheme === 'runs') {
    const [runId, ...path] = segmentsOf(rest);
    if (!runId) throw invalidParam(`runs:/ needs a run id and the model's path, e.g. runs:/<run_id>/model.`);
    const run = requireRun(db, runId);
    if (!path.length) throw invalidParam(`runs:/${runId} needs the model's path inside the run's artifacts, e.g. runs:/${runId}/model.`);
    // MLflow 3 logs a model under a logged model named after the path's first part, with the run as its source.
    const [first, ...inside] = path as [string, ...string[]];
    const model = db.get<{ model_id: string; artifact_uri: string }>(
      `SELECT model_id, artifact_uri FROM logged_models WHERE experiment_id = ? AND name = ? AND source_run_id = ? AND lifecycle_stage = 'active' ORDER BY creation_time DESC LIMIT 1`,
      [run.experiment_id, first, run.run_id],
    );
    if (model) {
      return { resolved: { runId: run.run_id, modelId: model.model_id, artifactPath: path.join('/') }, artifactPath: [stripScheme(model.artifact_uri), ...inside].join('/') };
    }
    return { resolved: { runId: run.run_id, artifactPath: path.join('/') }, artifactPath: [stripScheme(run.artifact_uri), ...path].join('/') };
  }
  const at = /^([^/]+)@([^/]+)$/.exec(rest);
  if (at) {
    const [, name, alias] = at as unknown as [string, string, string];
    requireModel(db, name);
    const row = db.get<{ version: number }>('SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?', [name, alias]);
    if (!row) throw notFound(`Registered model alias ${alias} not found for model ${name}.`);
    return fromVersion(ctx, requireVersion(db, name, row.version), hops);
  }
  const segs = segmentsOf(rest);
  if (segs.length === 1 && segs[0]!.startsWith('m-')) {
    const model = requireLoggedModel(db, segs[0]!);
    return { resolved: { modelId: model.model_id, ...(model.source_run_id ? { runId: model.source_run_id } : {}) }, artifactPath: stripScheme(model.artifact_uri) };
  }
  if (segs.length !== 2) throw invalidParam(`not a model URI; use ${URI_FORMS}.`);
  const [name, which] = segs as [string, string];
  if (/^[1-9][0-9]{0,9}$/.test(which)) {
    requireModel(db, name); // a missing model is named as such, not as a missing version
    return fromVersion(ctx, requireVersion(db, name, Number(which)), hops);
  }
  if (which.toLowerCase() === 'latest' || STAGE_NAMES.has(which.toLowerCase())) {
    requireModel(db, name);
    const stage = which.toLowerCase() === 'latest' ? null : which;
    const version = newestVersion(ctx, name, stage);
    if (version === null) throw notFound(stage ? `No version of model ${name} is in stage ${stage}.` : `Model ${name} has no versions.`);
    return fromVersion(ctx, requireVersion(db, name, version), hops);
  }
  throw invalidParam(`'${which}' is neither a version number, 'latest' nor a stage; use ${URI_FORMS}.`);
}

function newestVersion(ctx: ServiceContext, name: string, stage: string | null): number | null {
  if (stage) {
    const found = latestVersions(ctx.store.db, name, [stage]);
    return found.length ? Math.max(...found.map((v) => Number(v.version))) : null;
  }
  const row = ctx.store.db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM model_versions WHERE name = ? AND current_stage != ?', [name, DELETED_STAGE]);
  return row?.v ?? null;
}

/** A version's files: its storage location in this store, or its source when that is another model URI of this store. */
function fromVersion(ctx: ServiceContext, v: VersionRow, hops: number): ModelLocation {
  const resolved: ResolvedModel = { name: v.name, version: String(v.version), ...(v.run_id ? { runId: v.run_id } : {}), ...(v.model_id ? { modelId: v.model_id } : {}) };
  const location = v.storage_location || v.source;
  if (/^mlflow-artifacts:/i.test(location)) {
    return { resolved: { ...resolved, ...artifactPathOf(location, v.run_id) }, artifactPath: stripScheme(location) };
  }
  if (/^(models|runs):/i.test(location) && hops < MAX_HOPS) {
    const inner = resolve(ctx, location, hops + 1);
    return { resolved: { ...inner.resolved, ...resolved }, artifactPath: inner.artifactPath };
  }
  throw invalidParam(`version ${v.version} of model ${v.name} has its files at '${location.slice(0, 300)}', which is not in this store.`);
}

/** The model's folder inside its run's artifacts, when the location is under a run (`<exp>/<run>/artifacts/<path>`). */
function artifactPathOf(location: string, runId: string): { artifactPath?: string } {
  const segs = segmentsOf(stripScheme(location));
  return runId && segs[1] === runId && segs[2] === 'artifacts' && segs.length > 3 ? { artifactPath: segs.slice(3).join('/') } : {};
}

const stripScheme = (uri: string) => uri.replace(/^mlflow-artifacts:\/*/i, '');

function segmentsOf(path: string): string[] {
  if (!path) return [];
  return artifactSegments(path, 'model URI');
}

/** What a resolved URI names, for a log line: "model iris version 3", "logged model m-…", "run <id>, model". */
export function describeResolved(r: ResolvedModel): string {
  if (r.name) return `model ${r.name} version ${r.version}`;
  if (r.modelId) return `logged model ${r.modelId}${r.runId ? ` of run ${r.runId}` : ''}`;
  return `run ${r.runId}, ${r.artifactPath}`;
}
