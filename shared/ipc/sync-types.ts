/** Output shapes of the contract's sync methods: remotes, long jobs, and what each remote has of a run. */

export type RemoteAuthKind = 'none' | 'basic' | 'bearer';

/** Where a remote's password or token comes from: never the secret itself. */
export type RemoteSecretView =
  | { from: 'none' }
  /** An environment variable of the process holding the store (headless use). */
  | { from: 'env'; name: string }
  /** Kept by the desktop app, encrypted with the OS keychain; `present` is false once it was lost. */
  | { from: 'kept'; present: boolean };

export interface RemoteView {
  name: string;
  url: string;
  authKind: RemoteAuthKind;
  username: string;
  secret: RemoteSecretView;
  createdTime: number;
  /** When the last push or pull ended (epoch ms), and its one-line summary. */
  lastSyncTime: number | null;
  lastSyncState: string;
}

/** What "Test connection" found: the server's version, or the one line that says why not. */
export type RemoteTestResult = { ok: true; version: string } | { ok: false; error: string };

export type JobViewState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Where a job stands. Totals are optional: a job that does not know them yet leaves them out. */
export interface JobViewProgress {
  /** What the job is doing now, e.g. 'push', 'uploading artifacts'. */
  phase?: string;
  itemsDone: number;
  itemsTotal?: number;
  bytesDone: number;
  bytesTotal?: number;
  /** The item being worked on, e.g. a run name or an artifact path. */
  current?: string;
}

/** A long job as the progress panel shows it. */
export interface JobView {
  id: string;
  kind: string;
  /** What a person reads, e.g. "Push to team: mnist-sweep" (the kind, for jobs a command handed over). */
  title: string;
  state: JobViewState;
  startedAt: number;
  endedAt?: number;
  progress: JobViewProgress;
  /** The job's latest log lines (retries, notes), newest last. */
  lines: string[];
  outcome?: { summary: string; problems: { item: string; message: string }[] };
}

/** What a remote has of a local run. */
export type RunSyncState = 'local' | 'pushed' | 'changed' | 'pulled';

export interface RunRemoteState {
  remote: string;
  state: RunSyncState;
  /** The run on the remote's own UI, when the remote knows it. */
  remoteUrl?: string;
}
