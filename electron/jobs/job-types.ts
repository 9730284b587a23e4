/**
 * The long-job model: push, pull, import, export, project runs. A job is run by the process
 * that holds the store (the one writer): the desktop app, `sextant serve`, or a CLI command that
 * opened the store itself because nobody held it.
 */

/** What to run: `kind` picks the handler, `args` is the handler's to validate. */
export interface JobRequest {
  kind: string;
  args: unknown;
}

export type JobId = string;

/** A job's state and where it stands: the contract's own types (the UI's progress panel shows them as they are). */
import type { JobViewProgress, JobViewState } from '../../shared/ipc/sync-types';
export type JobState = JobViewState;
export type JobProgress = JobViewProgress;

/** One thing that did not get done, named so a person can find it. */
export interface JobProblem {
  item: string;
  message: string;
}

/**
 * How a job ended. `summary` is the one line a person reads (e.g. "pushed 12 runs, 340 MiB to
 * team"); `problems` lists everything that did not succeed (a job with problems has failed);
 * `details` is the job's machine-readable result, printed by `--json`.
 */
export interface JobOutcome {
  summary: string;
  problems: JobProblem[];
  details?: unknown;
}

/** What a handler gets besides its args. */
export interface JobContext {
  id: JobId;
  /** Aborted when the job is cancelled; the handler stops soon after and may still return an outcome. */
  signal: AbortSignal;
  /** Reports progress; fields left out keep their last value. Cheap to call often (events are throttled). */
  progress(update: Partial<JobProgress>): void;
  /** A line for the person watching (shown above the progress line, not in the summary). */
  log(line: string): void;
}

/**
 * One handler per job kind. A handler validates its args (throwing on bad ones), resumes from its
 * own durable state, and returns its outcome; throwing fails the job with the error's message.
 */
export type JobHandler = (args: unknown, ctx: JobContext) => Promise<JobOutcome>;
export type JobHandlers = Record<string, JobHandler>;

/** A job as the runner knows it: what the UI's progress panel and the CLI show. */
export interface JobInfo {
  id: JobId;
  kind: string;
  state: JobState;
  startedAt: number;
  endedAt?: number;
  progress: JobProgress;
  /** Present once the job has ended. */
  outcome?: JobOutcome;
}

export type JobEvent =
  | { type: 'started'; job: JobInfo }
  | { type: 'progress'; job: JobInfo }
  | { type: 'log'; id: JobId; line: string }
  | { type: 'finished'; job: JobInfo };

/** Which kind of process holds the store and runs handed-over jobs. */
export type HolderKind = 'serve' | 'app' | 'cli';

export interface JobHolder {
  pid: number;
  kind: HolderKind;
}
