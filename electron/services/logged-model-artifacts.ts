import type { FileInfo } from '../../shared/domain/tracking';
import type { ArtifactContent } from '../../shared/ipc/contract-types';
import { artifactSegments } from '../store/artifact-paths';
import { requireLoggedModel } from '../store/repos/logged-models-repo';
import { readArtifactSlice } from './artifact-slice';
import { artifactsOf, ensureLocalArtifact, listArtifactFolder } from './artifacts-service';
import type { ServiceContext } from './service-context';
import { validateModelId } from './validation';

/**
 * A logged model's files live apart from its run's: `<experiment>/models/<model id>/artifacts`
 * in the mlflow-artifacts namespace (the model's artifact_uri), not under the source run.
 */
export function loggedModelArtifactRoot(ctx: ServiceContext, modelId: string): string {
  const row = requireLoggedModel(ctx.store.db, validateModelId(modelId));
  const fromUri = /^mlflow-artifacts:\/+(.*)$/.exec(row.artifact_uri)?.[1];
  return fromUri ?? `${row.experiment_id}/models/${row.model_id}/artifacts`;
}

/** Entries under `path` of a logged model's files, with paths relative to its root (as artifacts.list answers for a run). */
export async function listLoggedModelArtifacts(ctx: ServiceContext, modelId: string, path: string | undefined): Promise<FileInfo[]> {
  const rel = artifactSegments(path ?? '');
  const files = await listArtifactFolder(ctx, [loggedModelArtifactRoot(ctx, modelId), ...rel].join('/'));
  return files.map((f) => ({ ...f, path: [...rel, f.path].join('/') }));
}

/** `maxBytes` of one of a logged model's files from `offset`; a lazily pulled file is downloaded first. */
export async function readLoggedModelArtifact(ctx: ServiceContext, modelId: string, path: string, maxBytes: number, offset = 0): Promise<ArtifactContent> {
  const ref = await ensureLocalArtifact(ctx, `${loggedModelArtifactRoot(ctx, modelId)}/${path}`);
  return readArtifactSlice(artifactsOf(ctx), ref, path, maxBytes, offset);
}

/** The text of a logged model's file (its MLmodel, its input example), or null when it has none or it cannot be read. */
export async function readLoggedModelText(ctx: ServiceContext, modelId: string, path: string, maxBytes = 4 * 1024 * 1024): Promise<string | null> {
  try {
    const { base64, truncated } = await readLoggedModelArtifact(ctx, modelId, path, maxBytes);
    return truncated ? null : Buffer.from(base64, 'base64').toString('utf8');
  } catch {
    return null;
  }
}
