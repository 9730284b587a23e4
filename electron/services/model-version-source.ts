import { invalidParam } from '../../shared/domain/mlflow-error';
import { artifactSegments } from '../store/artifact-paths';
import { requireLoggedModel } from '../store/repos/logged-models-repo';
import { requireRun } from '../store/repos/runs-repo';
import { requireVersion } from '../store/registry/registry-repo';
import { resolveArtifactPath } from './artifacts-service';
import { parseVersion } from './registry-validation';
import type { ServiceContext } from './service-context';
import { validateModelId, validateRunId } from './validation';

export interface ResolvedSource {
  /** Where the version's files are, always an mlflow-artifacts:/ URI inside this store. */
  storageLocation: string;
  runId: string;
  modelId: string;
}

const refused = (source: string) =>
  invalidParam(
    `Unsupported model version source '${source.slice(0, 200)}': Sextant registers versions from runs:/<run_id>/<path>, models:/<model_id>, ` +
      'models:/<name>/<version> and mlflow-artifacts:/ sources in this store only, so a version can never point at files outside it.',
  );

/**
 * Checks a model version's source and finds where its files are. Every accepted source must
 * resolve to a run or logged model of this store; local paths, file:, http(s): and cloud URIs
 * are refused (the CVE-2023-1177 class: a registry that later reads whatever path it was given).
 */
export function resolveVersionSource(ctx: ServiceContext, source: string, runId: string | undefined, modelId: string | undefined): ResolvedSource {
  const db = ctx.store.db;
  if (modelId) requireLoggedModel(db, validateModelId(modelId));
  if (runId) requireRun(db, validateRunId(runId));
  const m = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(source);
  if (!m) throw refused(source);
  const [, scheme, rest] = m as unknown as [string, string, string];
  const path = rest.replace(/^\/+/, '');
  switch (scheme.toLowerCase()) {
    case 'models': {
      const segs = artifactSegments(path, 'source');
      if (segs.length === 1 && segs[0]!.startsWith('m-')) {
        const model = requireLoggedModel(db, validateModelId(segs[0]!));
        return { storageLocation: model.artifact_uri, runId: runId ?? model.source_run_id ?? '', modelId: model.model_id };
      }
      if (segs.length === 2) {
        const v = requireVersion(db, segs[0]!, parseVersion(segs[1]!));
        return { storageLocation: v.storage_location || v.source, runId: runId ?? v.run_id, modelId: modelId ?? v.model_id };
      }
      throw refused(source);
    }
    case 'runs': {
      const [id, ...rel] = artifactSegments(path, 'source');
      const run = requireRun(db, validateRunId(id ?? ''));
      return { storageLocation: [run.artifact_uri, ...rel].join('/'), runId: runId ?? run.run_id, modelId: modelId ?? '' };
    }
    case 'mlflow-artifacts': {
      resolveArtifactPath(ctx, path); // must be inside an existing run's or logged model's artifact root
      return { storageLocation: `mlflow-artifacts:/${artifactSegments(path, 'source').join('/')}`, runId: runId ?? '', modelId: modelId ?? '' };
    }
    default:
      throw refused(source);
  }
}
