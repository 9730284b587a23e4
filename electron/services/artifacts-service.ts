import { invalidParam, notFound } from '../../shared/domain/mlflow-error';
import type { FileInfo } from '../../shared/domain/tracking';
import { listArtifactDir } from '../store/artifact-files';
import { artifactSegments, confinedPath } from '../store/artifact-paths';
import { findLoggedModel } from '../store/repos/logged-models-repo';
import { findRun, requireRun } from '../store/repos/runs-repo';
import type { ServiceContext } from './service-context';
import { validateRunId } from './validation';

/**
 * A run's artifact folder inside the mlflow-artifacts namespace (`<exp>/<run>/artifacts`),
 * from its artifact URI: the experiment it was created in, which a moved run keeps.
 */
const runArtifactPath = (run: { artifact_uri: string }) => run.artifact_uri.replace(/^mlflow-artifacts:\/+/, '');

/**
 * Maps an mlflow-artifacts path (`<experiment>/<run>/artifacts/...` or
 * `<experiment>/models/<model>/artifacts/...`) to a file in the store. Only the artifact roots
 * of runs and logged models that exist are addressable; everything else is refused.
 */
export function resolveArtifactPath(ctx: ServiceContext, rawPath: string, opts: { file?: boolean } = {}): string {
  const segs = artifactSegments(rawPath);
  const db = ctx.store.db;
  const [exp, second, third, fourth] = segs;
  const run = second === undefined ? undefined : findRun(db, second);
  const isRunRoot = run !== undefined && third === 'artifacts' && runArtifactPath(run) === `${exp}/${second}/artifacts`;
  const isModelRoot = exp !== undefined && second === 'models' && third !== undefined && fourth === 'artifacts' && findLoggedModel(db, third)?.experiment_id === exp;
  if (!isRunRoot && !isModelRoot) {
    throw notFound(`No run or logged model artifact root at '${segs.slice(0, 4).join('/')}'. Artifact paths look like <experiment_id>/<run_id>/artifacts/<file>.`);
  }
  if (opts.file && segs.length <= (isRunRoot ? 3 : 4)) throw invalidParam('An artifact upload must name a file inside the artifact root, not the root itself.');
  return confinedPath(ctx.store.artifactsDir, segs);
}

/** The run's artifact folder path inside the mlflow-artifacts namespace. */
export function runArtifactRoot(ctx: ServiceContext, runId: string): string {
  return runArtifactPath(requireRun(ctx.store.db, validateRunId(runId)));
}

/** mlflow/artifacts/list: entries under `path` of a run, with paths relative to the run's root. */
export async function listRunArtifacts(ctx: ServiceContext, runId: string, path: string | undefined): Promise<{ rootUri: string; files: FileInfo[] }> {
  const run = requireRun(ctx.store.db, validateRunId(runId));
  const rel = artifactSegments(path ?? '');
  const dir = resolveArtifactPath(ctx, [runArtifactRoot(ctx, runId), ...rel].join('/'));
  const files = (await listArtifactDir(dir)).map((f) => ({ ...f, path: [...rel, f.path].join('/') }));
  return { rootUri: run.artifact_uri, files };
}
