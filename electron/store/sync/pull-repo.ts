import type { FileInfo } from '../../../shared/domain/tracking';
import type { Database } from '../database';
import { MODEL_KEY_PREFIX } from './pulled-models-repo';

/** Where a pulled run came from, and how far the last pull got. */
export interface PulledRun {
  runId: string;
  remote: string;
  /** The remote run's artifact path below mlflow-artifacts:/ ('' when its artifacts are not proxied). */
  artifactRoot: string;
  complete: boolean;
  fingerprint: string;
  pulledTime: number;
}

interface RawPulled {
  run_id: string;
  remote: string;
  artifact_root: string;
  complete: number;
  fingerprint: string;
  pulled_time: number;
}

const toPulled = (r: RawPulled): PulledRun => ({ runId: r.run_id, remote: r.remote, artifactRoot: r.artifact_root, complete: r.complete === 1, fingerprint: r.fingerprint, pulledTime: r.pulled_time });

/** The remote a run was pulled from (undefined: a run made here). */
export function pulledRun(db: Database, runId: string): PulledRun | undefined {
  const r = db.get<RawPulled>('SELECT * FROM pulled_runs WHERE run_id = ?', [runId]);
  return r && toPulled(r);
}

/** The local experiment mapped to a remote experiment (the reverse of sync_ids). */
export function localIdOf(db: Database, remote: string, entity: 'experiment' | 'run', remoteId: string): string | undefined {
  return db.get<{ local_id: string }>('SELECT local_id FROM sync_ids WHERE remote = ? AND kind = ? AND remote_id = ?', [remote, entity, remoteId])?.local_id;
}

/** What the last sync recorded the remote to have of an owner's files (a run id, or `model:<id>`); `pulled`: those bytes came by a pull, not a push from here. */
export function recordedArtifacts(db: Database, remote: string, runId: string): Map<string, { size: number; mtime: number; pulled: boolean }> {
  const rows = db.all<{ path: string; size: number; mtime: number; pulled: number }>('SELECT path, size, mtime, pulled FROM sync_artifacts WHERE remote = ? AND run_id = ?', [remote, runId]);
  return new Map(rows.map((r) => [r.path, { size: r.size, mtime: r.mtime, pulled: r.pulled === 1 }]));
}

/**
 * Where the files of an artifact owner are: a pulled run (by its id) or a pulled logged model (by
 * its sync key `model:<id>`). `localRoot`: its folder in the mlflow-artifacts namespace here;
 * `remoteRoot`: the remote's path of it below mlflow-artifacts:/ ('' when the remote does not
 * proxy its files). Undefined: no such run or logged model here, or it was not pulled.
 */
export function pulledOwnerRoots(db: Database, owner: string): { localRoot: string; remoteRoot: string } | undefined {
  const local = (uri: string) => uri.replace(/^mlflow-artifacts:\/+/, '');
  if (owner.startsWith(MODEL_KEY_PREFIX)) {
    const r = db.get<{ artifact_uri: string; artifact_root: string }>(
      'SELECT m.artifact_uri, p.artifact_root FROM logged_models m JOIN pulled_logged_models p ON p.model_id = m.model_id WHERE m.model_id = ?',
      [owner.slice(MODEL_KEY_PREFIX.length)],
    );
    return r && { localRoot: local(r.artifact_uri), remoteRoot: r.artifact_root };
  }
  const r = db.get<{ artifact_uri: string; artifact_root: string }>('SELECT r.artifact_uri, p.artifact_root FROM runs r JOIN pulled_runs p ON p.run_id = r.run_id WHERE r.run_id = ?', [owner]);
  return r && { localRoot: local(r.artifact_uri), remoteRoot: r.artifact_root };
}

/** A file recorded but not downloaded yet; `runId` is its owner's key (a run id, or `model:<id>` for a logged model). */
export interface LazyArtifact {
  runId: string;
  path: string;
  remote: string;
  size: number;
}

export function lazyArtifact(db: Database, runId: string, path: string): LazyArtifact | undefined {
  return db.get<LazyArtifact>('SELECT run_id AS runId, path, remote, size FROM lazy_artifacts WHERE run_id = ? AND path = ?', [runId, path]);
}

export function lazyArtifactsOf(db: Database, runId: string): LazyArtifact[] {
  return db.all<LazyArtifact>('SELECT run_id AS runId, path, remote, size FROM lazy_artifacts WHERE run_id = ? ORDER BY path', [runId]);
}

/**
 * The entries directly inside folder `dir` (relative to the owner's artifact root, '' for the root)
 * that lazy files of the owner (a run id, or `model:<id>`) make: files with their size, and the folders leading to deeper ones.
 * Names are bare, as a folder listing answers them.
 */
export function lazyEntries(db: Database, runId: string, dir: string): FileInfo[] {
  const prefix = dir ? `${dir}/` : '';
  const rows = db.all<{ path: string; size: number }>('SELECT path, size FROM lazy_artifacts WHERE run_id = ? AND substr(path, 1, ?) = ? ORDER BY path', [runId, prefix.length, prefix]);
  const out = new Map<string, FileInfo>();
  for (const r of rows) {
    const rest = r.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) out.set(rest, { path: rest, is_dir: false, file_size: r.size });
    else if (!out.has(rest.slice(0, slash))) out.set(rest.slice(0, slash), { path: rest.slice(0, slash), is_dir: true });
  }
  return [...out.values()];
}
