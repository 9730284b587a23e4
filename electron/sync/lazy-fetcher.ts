import { MlflowError, notFound } from '../../shared/domain/mlflow-error';
import type { LazyArtifactFetcher } from '../services/artifacts-service';
import type { ServiceContext } from '../services/service-context';
import { describeArtifactOwner } from '../store/sync/pulled-models-repo';
import { lazyArtifact, pulledOwnerRoots } from '../store/sync/pull-repo';
import { findRemote } from '../store/sync/sync-repo';
import { downloadPulledFile } from './lazy-download';
import { RemoteClient } from './remote-client';
import { RemoteError } from './remote-error';
import { remoteAuth, type SecretKeeper } from './remote-secrets';

export interface LazyFetcherOptions {
  svc: ServiceContext;
  /** Where a remote's secret is read from: its environment variable here (headless). */
  env?: NodeJS.ProcessEnv;
  /** Secrets the desktop app keeps (safeStorage) for remotes added without a variable. */
  secrets?: SecretKeeper;
  /** How long one attempt may wait on the remote before the read fails (default 30 s). */
  timeoutMs?: number;
}

const unavailable = (owner: string, path: string, remote: string, why: string) =>
  new MlflowError(
    'TEMPORARILY_UNAVAILABLE',
    `Artifact '${path}' of ${describeArtifactOwner(owner)} was not downloaded: it was pulled lazily from remote '${remote}', which cannot be reached (${why}). ` +
      'Open it again once the remote is reachable, or pull with --artifacts eager while online.',
  );

/**
 * Downloads lazily pulled files (of runs and logged models) on first open, for the process holding the store (the app or
 * `sextant serve`): with the remote's own credentials, through the one writer (the file is written
 * durably, then `artifact.local` records it). Reads of a file already being fetched share one
 * download. A remote that is down fails the read with a clear MLflow error, and nothing changes; a
 * file the remote deleted since the pull is not found (the next pull forgets it).
 */
export function createLazyFetcher(opts: LazyFetcherOptions): LazyArtifactFetcher {
  const { svc } = opts;
  const inFlight = new Map<string, Promise<void>>();
  const fetchOne = async (owner: string, path: string): Promise<void> => {
    const db = svc.store.db;
    const lazy = lazyArtifact(db, owner, path);
    if (!lazy) return; // downloaded meanwhile
    const roots = pulledOwnerRoots(db, owner);
    const remote = findRemote(db, lazy.remote);
    if (!remote || !roots?.remoteRoot) throw unavailable(owner, path, lazy.remote, remote ? 'its artifacts are not served by its artifact proxy' : 'it is no longer one of the remotes of this store');
    let client: RemoteClient;
    try {
      client = new RemoteClient({ url: remote.url, auth: remoteAuth(remote, {}, opts.env ?? process.env, opts.secrets), retry: { maxAttempts: 2, baseDelayMs: 200, maxDelayMs: 1000 }, timeoutMs: opts.timeoutMs ?? 30_000 });
    } catch (err) {
      throw unavailable(owner, path, lazy.remote, (err as Error).message);
    }
    try {
      await downloadPulledFile(svc, client, { remote: lazy.remote, owner, path, ...roots });
    } catch (err) {
      if (err instanceof MlflowError) throw err; // the store refused (a folder in the way, ...)
      if (err instanceof RemoteError && err.status === 404) {
        throw notFound(`Artifact '${path}' of ${describeArtifactOwner(owner)} was not downloaded, and remote '${lazy.remote}' no longer has it (deleted there); pull again to bring its files up to date.`);
      }
      throw unavailable(owner, path, lazy.remote, (err as Error).message);
    }
  };
  return {
    fetch(owner, path) {
      const key = `${owner}\u0000${path}`;
      let p = inFlight.get(key);
      if (!p) {
        p = fetchOne(owner, path).finally(() => inFlight.delete(key));
        inFlight.set(key, p);
      }
      return p;
    },
  };
}
