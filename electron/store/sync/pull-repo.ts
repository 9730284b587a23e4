import type { FileInfo } from '../../../shared/domain/tracking';
import type { Database } from '../database';

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

/** What the last sync recorded the remote to have of a run's files; `pulled`: those bytes came by a pull, not a push from here. */
export function recordedArtifacts(db: Database, remote: string, runId: string): Map<string, { size: number; mtime: number; pulled: boolean }> {
  const rows = db.all<{ path: string; size: number; mtime: number; pulled: number }>('SELECT path, size, mtime, pulled FROM sync_artifacts WHERE remote = ? AND run_id = ?', [remote, runId]);
  return new Map(rows.map((r) => [r.path, { size: r.size, mtime: r.mtime, pulled: r.pulled === 1 }]));
}

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
 * The entries directly inside folder `dir` (relative to the run's artifact root, '' for the root)
 * that lazy files of the run make: files with their size, and the folders leading to deeper ones.
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
