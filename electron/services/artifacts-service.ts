import { invalidParam, MlflowError, notFound } from '../../shared/domain/mlflow-error';
import type { FileInfo } from '../../shared/domain/tracking';
import { artifactSegments } from '../store/artifact-paths';
import { artifactStoreOf, type ArtifactRef, type ArtifactStore } from '../store/artifacts/artifact-store';
import { findLoggedModel } from '../store/repos/logged-models-repo';
import { findRun, requireRun } from '../store/repos/runs-repo';
import { lazyArtifact, lazyEntries } from '../store/sync/pull-repo';
import { describeArtifactOwner, loggedModelStateKey } from '../store/sync/pulled-models-repo';
import type { Store } from '../store/store';
import type { ServiceContext } from './service-context';
import { validateRunId } from './validation';

/**
 * A run's artifact folder inside the mlflow-artifacts namespace (`<exp>/<run>/artifacts`),
 * from its artifact URI: the experiment it was created in, which a moved run keeps.
 */
const runArtifactPath = (run: { artifact_uri: string }) => run.artifact_uri.replace(/^mlflow-artifacts:\/+/, '');

/** The store's artifact files (plain or sealed, as the store is): the only way to them. */
export const artifactsOf = (ctx: ServiceContext): ArtifactStore => artifactStoreOf(ctx.store);

/**
 * Maps an mlflow-artifacts path (`<experiment>/<run>/artifacts/...` or
 * `<experiment>/models/<model>/artifacts/...`) to an artifact of the store (read and written
 * through artifactsOf). Only the artifact roots of runs and logged models that exist are
 * addressable; everything else is refused, as is a path that cannot be a file here (a link
 * leading out of the store, a name too long once sealed).
 */
export function resolveArtifactPath(ctx: ServiceContext, rawPath: string, opts: { file?: boolean } = {}): ArtifactRef {
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
  artifactsOf(ctx).check(segs);
  return segs;
}

/** The run's artifact folder path inside the mlflow-artifacts namespace. */
export function runArtifactRoot(ctx: ServiceContext, runId: string): string {
  return runArtifactPath(requireRun(ctx.store.db, validateRunId(runId)));
}

/** mlflow/artifacts/list: entries under `path` of a run, with paths relative to the run's root. */
export async function listRunArtifacts(ctx: ServiceContext, runId: string, path: string | undefined): Promise<{ rootUri: string; files: FileInfo[] }> {
  const run = requireRun(ctx.store.db, validateRunId(runId));
  const rel = artifactSegments(path ?? '');
  const files = (await listArtifactFolder(ctx, [runArtifactRoot(ctx, runId), ...rel].join('/'))).map((f) => ({ ...f, path: [...rel, f.path].join('/') }));
  return { rootUri: run.artifact_uri, files };
}

/**
 * One folder of the mlflow-artifacts namespace (bare names): the files in the store, and the
 * files of a pulled run or logged model recorded but not downloaded yet (lazy), shown as files
 * with their size.
 */
export async function listArtifactFolder(ctx: ServiceContext, rawPath: string): Promise<FileInfo[]> {
  const onDisk = await artifactsOf(ctx).list(resolveArtifactPath(ctx, rawPath));
  const at = ownerFileOf(rawPath);
  if (!at) return onDisk;
  const names = new Set(onDisk.map((f) => f.path));
  const lazy = lazyEntries(ctx.store.db, at.owner, at.path).filter((f) => !names.has(f.path));
  return lazy.length ? [...onDisk, ...lazy].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : onDisk;
}

/** Downloads lazily pulled files on first open (see electron/sync/lazy-fetcher.ts). */
export interface LazyArtifactFetcher {
  /** `owner`: a run id, or `model:<id>` for a logged model (the key lazy_artifacts holds). */
  fetch(owner: string, path: string): Promise<void>;
}

/** The fetcher of each open store, set by the process holding it (it has the remotes' credentials). */
const lazyFetchers = new WeakMap<Store, LazyArtifactFetcher>();

export function setLazyArtifactFetcher(store: Store, fetcher: LazyArtifactFetcher): void {
  lazyFetchers.set(store, fetcher);
}

/**
 * `<exp>/<run>/artifacts/<path>` → the run; `<exp>/models/<model>/artifacts/<path>` → the logged
 * model's key `model:<model>` ('models' is never a run id); with the path inside the owner's
 * artifact root ('' for the root).
 */
function ownerFileOf(rawPath: string): { owner: string; path: string } | null {
  const segs = artifactSegments(rawPath);
  if (segs[1] === 'models') return segs.length >= 4 && segs[3] === 'artifacts' ? { owner: loggedModelStateKey(segs[2]!), path: segs.slice(4).join('/') } : null;
  return segs.length >= 3 && segs[2] === 'artifacts' ? { owner: segs[1]!, path: segs.slice(3).join('/') } : null;
}

/**
 * Makes sure a file of the mlflow-artifacts namespace is in the store before it is read: a file
 * of a pulled run or logged model that was recorded lazily is downloaded from its remote now (and kept). Answers
 * the artifact.
 */
export async function ensureLocalArtifact(ctx: ServiceContext, rawPath: string): Promise<ArtifactRef> {
  const file = resolveArtifactPath(ctx, rawPath);
  const at = ownerFileOf(rawPath);
  if (!at || !at.path || !lazyArtifact(ctx.store.db, at.owner, at.path)) return file;
  if (await artifactsOf(ctx).stat(file)) return file; // downloaded, its record on the way
  const fetcher = lazyFetchers.get(ctx.store);
  if (!fetcher) {
    throw new MlflowError('TEMPORARILY_UNAVAILABLE', `Artifact '${at.path}' of ${describeArtifactOwner(at.owner)} was not downloaded (it was pulled lazily), and this process cannot reach its remote; open it in the app or in \`sextant serve\`.`);
  }
  await fetcher.fetch(at.owner, at.path);
  return file;
}
