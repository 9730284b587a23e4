import type { Socket } from 'node:net';
import { StoreOpenError } from '../store/store-errors';
import { lockEndpoint, readHolder } from '../store/store-lock';
import { connectToHolder, handOffJob } from './job-client';
import { describeHolder, failedBeforeStart, formatReport, type JobReport } from './job-report';
import { errorMessage } from './job-runner';
import type { JobEvent, JobRequest } from './job-types';
import type { LocalJobs } from './local-jobs';
import { createProgressDisplay, silentDisplay, type ProgressDisplay, type TextOut } from './progress-display';

export interface RunJobFromCliOptions {
  storeDir: string;
  job: JobRequest;
  /** Print the JSON report instead of the summary line. */
  json: boolean;
  stdout?: TextOut;
  /** Progress (when a terminal) and problems go here. */
  stderr: TextOut & { columns?: number };
  /** Whether stderr is a terminal: only then is progress shown. */
  isTTY: boolean;
  /** Opens the store in this process, when no other process holds it (e.g. with openLocalJobs). */
  openLocally: () => Promise<LocalJobs>;
  /** Listens for Ctrl-C; returns the way to stop listening (default: SIGINT on this process). */
  onInterrupt?: (listener: () => void) => () => void;
  /** Ends the process at a second Ctrl-C while the job runs in it (default: process.exit). */
  exit?: (code: number) => void;
  /** How long a holder may take to accept the job (default 60 s). */
  answerTimeoutMs?: number;
  now?: () => number;
}

/** How often the CLI retries when the store changes hands between its look and its open. */
const OPEN_ATTEMPTS = 3;

/**
 * Runs one long job for a CLI command, by the one writer: handed to the process holding the store
 * (the app, `sextant serve`, another command) with its progress followed, or, when none does,
 * run here on a store opened for the purpose. Ctrl-C once cancels and waits; twice quits.
 * Prints the summary (or `--json` report) on stdout and one line per problem on stderr, and
 * resolves with the exit status: 0 only when the job succeeded with no problem.
 */
export async function runJobFromCli(opts: RunJobFromCliOptions): Promise<number> {
  const now = opts.now ?? Date.now;
  const started = now();
  const stdout = opts.stdout ?? process.stdout;
  const display = opts.isTTY ? createProgressDisplay({ out: opts.stderr, kind: opts.job.kind, columns: () => opts.stderr.columns ?? 80, now }) : silentDisplay;
  const say = (line: string) => (opts.isTTY ? display.log(line) : opts.stderr.write(`${line}\n`));
  const cancel = new AbortController();
  let onQuit = () => {};
  let quit!: () => void;
  const quitting = new Promise<JobReport>((resolve) => {
    quit = () => resolve({ ...failedBeforeStart(opts.job.kind, 'quit before the job stopped', now() - started, 'nowhere'), state: 'cancelled', summary: `${opts.job.kind} interrupted` });
  });
  let interrupts = 0;
  const stopListening = (opts.onInterrupt ?? onSigint)(() => {
    if (++interrupts === 1) {
      cancel.abort();
      say('cancelling: waiting for the job to stop (Ctrl-C again to quit at once)');
    } else {
      onQuit();
      quit();
    }
  });
  const ctx: RunContext = { opts, display, say, signal: cancel.signal, started, now, setQuit: (fn) => (onQuit = fn) };
  try {
    const report = await Promise.race([execute(ctx), quitting]);
    display.clear();
    const out = formatReport(report, opts.json);
    stdout.write(out.stdout);
    for (const line of out.stderr) opts.stderr.write(`${line}\n`);
    return out.exitCode;
  } finally {
    stopListening();
  }
}

interface RunContext {
  opts: RunJobFromCliOptions;
  display: ProgressDisplay;
  say: (line: string) => void;
  signal: AbortSignal;
  started: number;
  now: () => number;
  /** What a second Ctrl-C does from now on, besides returning at once. */
  setQuit: (fn: () => void) => void;
}

async function execute(ctx: RunContext): Promise<JobReport> {
  const { opts } = ctx;
  const failed = (message: string, ranIn: string) => failedBeforeStart(opts.job.kind, message, ctx.now() - ctx.started, ranIn);
  for (let attempt = 1; ; attempt++) {
    let socket: Socket | null;
    try {
      const endpoint = endpointOf(opts.storeDir);
      socket = endpoint ? await connectToHolder(endpoint) : null;
    } catch (err) {
      return failed(errorMessage(err), 'nowhere');
    }
    if (socket) return handOff(ctx, socket);
    if (ctx.signal.aborted) return { ...failed('cancelled before it started', 'nowhere'), state: 'cancelled', summary: `${opts.job.kind} cancelled` };
    let local: LocalJobs;
    try {
      local = await opts.openLocally();
    } catch (err) {
      // Another process may have opened the store since we looked: hand the job to it instead.
      if (err instanceof StoreOpenError && attempt < OPEN_ATTEMPTS) continue;
      return failed(errorMessage(err), 'in this process');
    }
    return runLocally(ctx, local);
  }
}

async function handOff(ctx: RunContext, socket: Socket): Promise<JobReport> {
  const { opts } = ctx;
  const named = readHolder(opts.storeDir);
  const peer = named ? `process ${named.pid} (${named.command || 'sextant'})` : 'the process holding the store';
  ctx.setQuit(() => socket.destroy()); // the holder cancels a job whose connection closes
  try {
    const result = await handOffJob(socket, opts.job, {
      signal: ctx.signal,
      peer,
      answerTimeoutMs: opts.answerTimeoutMs,
      onAccepted: (_id, holder) => opts.isTTY && ctx.say(`running in ${describeHolder(holder)}, which holds the store`),
      onProgress: (p) => ctx.display.progress(p),
      onLog: (line) => ctx.display.log(line),
    });
    const { state, outcome, progress, holder, id } = result;
    return { kind: opts.job.kind, state, ...outcome, progress, ranIn: `handed to ${describeHolder(holder)}`, holder, jobId: id, durationMs: ctx.now() - ctx.started };
  } catch (err) {
    return failedBeforeStart(opts.job.kind, errorMessage(err), ctx.now() - ctx.started, `handed to ${peer}`);
  }
}

async function runLocally(ctx: RunContext, local: LocalJobs): Promise<JobReport> {
  const { opts } = ctx;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  ctx.setQuit(() => {
    ctx.display.clear();
    exit(130); // the job's engine resumes from its durable state next time
  });
  let id: string | null = null;
  const early: JobEvent[] = [];
  const forward = (e: JobEvent) => {
    if ((e.type === 'log' ? e.id : e.job.id) !== id) return;
    if (e.type === 'progress') ctx.display.progress(e.job.progress);
    else if (e.type === 'log') ctx.display.log(e.line);
  };
  const unsubscribe = local.runner.subscribe((e) => (id === null ? early.push(e) : forward(e)));
  let report: JobReport;
  try {
    const job = local.runner.start(opts.job);
    id = job.id;
    early.splice(0).forEach(forward);
    const onAbort = () => local.runner.cancel(job.id);
    ctx.signal.addEventListener('abort', onAbort);
    if (ctx.signal.aborted) onAbort();
    const info = await job.done;
    ctx.signal.removeEventListener('abort', onAbort);
    const outcome = info.outcome ?? { summary: `${info.kind} ended`, problems: [] };
    const state = info.state === 'running' ? 'failed' : info.state;
    report = { kind: opts.job.kind, state, ...outcome, progress: info.progress, ranIn: 'in this process', jobId: info.id, durationMs: ctx.now() - ctx.started };
  } catch (err) {
    report = failedBeforeStart(opts.job.kind, errorMessage(err), ctx.now() - ctx.started, 'in this process');
  } finally {
    unsubscribe();
  }
  const others = local.runner.list().filter((j) => j.state === 'running').length;
  if (others) ctx.say(`waiting for ${others} job(s) other sextant commands handed to this one before closing the store`);
  try {
    await local.close();
  } catch (err) {
    report = { ...report, state: 'failed', problems: [...report.problems, { item: 'store', message: `closing the store failed: ${errorMessage(err)}` }] };
  }
  return report;
}

/** The store's lock endpoint, or null when the store folder does not exist yet (nobody holds it). */
function endpointOf(storeDir: string): string | null {
  try {
    return lockEndpoint(storeDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function onSigint(listener: () => void): () => void {
  process.on('SIGINT', listener);
  return () => process.off('SIGINT', listener);
}
