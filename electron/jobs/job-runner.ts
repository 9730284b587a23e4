import { setMaxListeners } from 'node:events';
import { randomUUID } from 'node:crypto';
import { createThrottle, type Throttle } from './throttle';
import type { JobContext, JobEvent, JobHandler, JobHandlers, JobId, JobInfo, JobOutcome, JobProgress, JobRequest, JobState } from './job-types';

export interface JobRunnerOptions {
  handlers: JobHandlers;
  /** Least time between two progress events of one job (default 150 ms). */
  throttleMs?: number;
  /** How many ended jobs `list()` keeps besides the running ones (default 50). */
  keepEnded?: number;
  /** Where a failed job's stack goes (it never reaches the person who ran the job). */
  log?: (msg: string) => void;
  now?: () => number;
  newId?: () => JobId;
}

/** A job that could not start: an unknown kind, or a runner that is closing. */
export class JobStartError extends Error {
  override name = 'JobStartError';
}

export interface StartedJob {
  id: JobId;
  /** Resolves with the ended job; never rejects (a failure is a state). */
  done: Promise<JobInfo>;
}

interface Entry {
  info: JobInfo;
  controller: AbortController;
  throttle: Throttle;
  done: Promise<JobInfo>;
}

/** Longest `current` kept, so one odd path cannot bloat every progress event. */
const MAX_CURRENT = 300;
const MAX_LOG_LINE = 2000;

/**
 * Runs the store holder's long jobs: several at once, each cancellable, with the latest progress
 * of running and recent jobs kept for whoever asks (the UI's progress panel, a CLI that handed a
 * job over). Progress events are throttled per job; start, log and finish events go out at once.
 */
export class JobRunner {
  private jobs = new Map<JobId, Entry>();
  private listeners = new Set<(event: JobEvent) => void>();
  private closing = false;
  private readonly throttleMs: number;
  private readonly keepEnded: number;
  private readonly log: (msg: string) => void;
  private readonly now: () => number;
  private readonly newId: () => JobId;

  constructor(private readonly opts: JobRunnerOptions) {
    this.throttleMs = opts.throttleMs ?? 150;
    this.keepEnded = opts.keepEnded ?? 50;
    this.log = opts.log ?? ((m) => console.error(`[jobs] ${m}`));
    this.now = opts.now ?? Date.now;
    this.newId = opts.newId ?? (() => randomUUID());
  }

  /** Starts a job; throws JobStartError for an unknown kind or once the runner is closing. */
  start(request: JobRequest): StartedJob {
    if (this.closing) throw new JobStartError('the store is closing; run the job again once it is closed');
    const handler = Object.hasOwn(this.opts.handlers, request.kind) ? this.opts.handlers[request.kind] : undefined;
    if (!handler) {
      const known = Object.keys(this.opts.handlers).sort().join(', ') || 'none';
      throw new JobStartError(`unknown job kind '${request.kind}' (this process runs: ${known})`);
    }
    const id = this.newId();
    const info: JobInfo = { id, kind: request.kind, state: 'running', startedAt: this.now(), progress: { itemsDone: 0, bytesDone: 0 } };
    const controller = new AbortController();
    setMaxListeners(0, controller.signal); // every request a job has in flight listens to it
    const entry = { info, controller, throttle: createThrottle(this.throttleMs, () => this.emit({ type: 'progress', job: snapshot(info) }), this.now) } as Entry;
    this.jobs.set(id, entry);
    this.emit({ type: 'started', job: snapshot(info) });
    entry.done = this.run(entry, handler, request.args);
    return { id, done: entry.done };
  }

  get(id: JobId): JobInfo | undefined {
    const entry = this.jobs.get(id);
    return entry && snapshot(entry.info);
  }

  /** Running and recently ended jobs, oldest first. */
  list(): JobInfo[] {
    return [...this.jobs.values()].map((e) => snapshot(e.info));
  }

  /** Asks a running job to stop; false when there is no such running job. */
  cancel(id: JobId): boolean {
    const entry = this.jobs.get(id);
    if (!entry || entry.info.state !== 'running') return false;
    entry.controller.abort();
    return true;
  }

  subscribe(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Refuses new jobs, then waits for the running ones to end (cancelling them first with `cancel`). */
  async close({ cancel }: { cancel: boolean }): Promise<void> {
    this.closing = true;
    const running = [...this.jobs.values()].filter((e) => e.info.state === 'running');
    if (cancel) for (const e of running) e.controller.abort();
    await Promise.all(running.map((e) => e.done));
  }

  private async run(entry: Entry, handler: JobHandler, args: unknown): Promise<JobInfo> {
    const { info, controller } = entry;
    const ctx: JobContext = {
      id: info.id,
      signal: controller.signal,
      progress: (update) => {
        if (info.state !== 'running') return;
        Object.assign(info.progress, cleanUpdate(update));
        entry.throttle.call();
      },
      log: (line) => {
        if (info.state === 'running') this.emit({ type: 'log', id: info.id, line: String(line).slice(0, MAX_LOG_LINE) });
      },
    };
    let state: JobState;
    let outcome: JobOutcome;
    try {
      outcome = await handler(args, ctx);
      outcome = { ...outcome, problems: outcome.problems ?? [] };
      state = controller.signal.aborted ? 'cancelled' : outcome.problems.length ? 'failed' : 'succeeded';
    } catch (err) {
      if (controller.signal.aborted) {
        state = 'cancelled';
        outcome = { summary: `${info.kind} cancelled`, problems: [] };
      } else {
        const message = errorMessage(err);
        this.log(`job ${info.id} (${info.kind}) failed: ${(err as Error)?.stack ?? message}`);
        state = 'failed';
        outcome = { summary: `${info.kind} failed: ${message}`, problems: [{ item: info.kind, message }] };
      }
    }
    entry.throttle.cancel();
    Object.assign(info, { state, outcome, endedAt: this.now() });
    this.forgetOldJobs();
    const ended = snapshot(info);
    this.emit({ type: 'finished', job: ended });
    return ended;
  }

  private forgetOldJobs(): void {
    const ended = [...this.jobs.values()].filter((e) => e.info.state !== 'running');
    for (const e of ended.slice(0, Math.max(0, ended.length - this.keepEnded))) this.jobs.delete(e.info.id);
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.log(`a job event listener failed: ${(err as Error)?.stack ?? String(err)}`);
      }
    }
  }
}

function cleanUpdate(update: Partial<JobProgress>): Partial<JobProgress> {
  const clean: Partial<JobProgress> = {};
  for (const key of ['itemsDone', 'itemsTotal', 'bytesDone', 'bytesTotal'] as const) {
    const v = update[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) clean[key] = v;
  }
  if ('phase' in update) clean.phase = update.phase?.slice(0, MAX_CURRENT);
  if ('current' in update) clean.current = update.current?.slice(0, MAX_CURRENT);
  return clean;
}

/** The first line of an error's message: what a person reads, never a stack. */
export function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.trim() || 'unknown error';
}

function snapshot(info: JobInfo): JobInfo {
  return structuredClone(info);
}
