import type { Socket } from 'node:net';
import { connectToHolder, handOffJob } from '../jobs/job-client';
import { describeHolder, exitCodeOf, failedBeforeStart, type JobReport } from '../jobs/job-report';
import { errorMessage } from '../jobs/job-runner';
import type { LocalJobs } from '../jobs/local-jobs';
import { StoreOpenError } from '../store/store-errors';
import { lockEndpoint, readHolder } from '../store/store-lock';
import { printable } from '../jobs/progress-line';
import { projectEventHub, type ProjectEventHub } from './project-output';
import { PROJECT_RUN_JOB, type ProjectRunArgs } from './project-jobs';

export interface Out {
  write(text: string): unknown;
}

export interface RunProjectFromCliOptions {
  storeDir: string;
  args: ProjectRunArgs;
  json: boolean;
  /** The project's stdout goes here (stderr with --json, which prints the report here). */
  stdout: Out;
  /** The project's stderr and Sextant's own lines. */
  stderr: Out;
  /** Opens the store in this process when nobody holds it. */
  openLocally: () => Promise<LocalJobs>;
  onInterrupt?: (listener: () => void) => () => void;
  /** Ends the process at a second Ctrl-C (default process.exit). */
  exit?: (code: number) => void;
  hub?: ProjectEventHub;
}

const OPEN_ATTEMPTS = 3;
const KIND = PROJECT_RUN_JOB;

/**
 * `sextant run`: the project-run job, handed to the process holding the store (the app, `sextant
 * serve`), or run here on the store opened for the purpose. The command's output streams to this
 * terminal as it comes. Ctrl-C cancels the run (KILLED); a second Ctrl-C quits at once. Resolves
 * with the exit status: 0 when the run FINISHED, 1 when it failed, 130 when cancelled.
 */
export async function runProjectFromCli(opts: RunProjectFromCliOptions): Promise<number> {
  const started = Date.now();
  const out = opts.json ? opts.stderr : opts.stdout;
  const say = (line: string) => opts.stderr.write(`[sextant] ${printable(line)}\n`);
  const cancel = new AbortController();
  let interrupts = 0;
  let quit = () => (opts.exit ?? ((c: number) => process.exit(c)))(130);
  const stop = (opts.onInterrupt ?? onSigint)(() => {
    if (++interrupts === 1) {
      say('cancelling the run: stopping its processes (Ctrl-C again to quit at once)');
      cancel.abort();
    } else quit();
  });
  const elapsed = () => Date.now() - started;
  let report: JobReport;
  try {
    report = await execute();
  } finally {
    stop();
  }
  if (opts.json) opts.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    say(report.summary);
    for (const p of report.problems) if (!report.summary.includes(p.message)) say(`${p.item}: ${p.message}`);
  }
  return exitCodeOf(report);

  async function execute(): Promise<JobReport> {
    for (let attempt = 1; ; attempt++) {
      let socket: Socket | null;
      try {
        const endpoint = endpointOf(opts.storeDir);
        socket = endpoint ? await connectToHolder(endpoint) : null;
      } catch (err) {
        return failedBeforeStart(KIND, errorMessage(err), elapsed(), 'nowhere');
      }
      if (socket) return handOff(socket);
      if (cancel.signal.aborted) return { ...failedBeforeStart(KIND, 'cancelled before it started', elapsed(), 'nowhere'), state: 'cancelled', summary: 'run cancelled' };
      let local: LocalJobs;
      try {
        local = await opts.openLocally();
      } catch (err) {
        if (err instanceof StoreOpenError && attempt < OPEN_ATTEMPTS) continue;
        return failedBeforeStart(KIND, errorMessage(err), elapsed(), 'in this process');
      }
      return runLocally(local);
    }
  }

  async function handOff(socket: Socket): Promise<JobReport> {
    const named = readHolder(opts.storeDir);
    const peer = named ? `process ${named.pid} (${named.command || 'sextant'})` : 'the process holding the store';
    quit = () => {
      socket.destroy(); // the holder cancels a job whose connection closes
      (opts.exit ?? ((c: number) => process.exit(c)))(130);
    };
    try {
      const result = await handOffJob(socket, { kind: KIND, args: opts.args }, {
        signal: cancel.signal,
        peer,
        onAccepted: (_id, holder) => say(`running in ${describeHolder(holder)}, which holds the store`),
        onLog: (line) => (line.startsWith('[sextant] ') ? opts.stderr.write(`${line}\n`) : out.write(`${line}\n`)),
      });
      const { state, outcome, progress, holder, id } = result;
      return { kind: KIND, state, ...outcome, progress, ranIn: `handed to ${describeHolder(holder)}`, holder, jobId: id, durationMs: elapsed() };
    } catch (err) {
      return failedBeforeStart(KIND, errorMessage(err), elapsed(), `handed to ${peer}`);
    }
  }

  async function runLocally(local: LocalJobs): Promise<JobReport> {
    const hub = opts.hub ?? projectEventHub;
    let id: string | null = null;
    const early: Parameters<Parameters<ProjectEventHub['subscribe']>[0]>[0][] = [];
    const print = (e: (typeof early)[number]) => {
      if (e.type !== 'output' || e.jobId !== id) return;
      if (e.stream === 'stdout') out.write(e.text);
      else if (e.stream === 'stderr') opts.stderr.write(e.text);
      else opts.stderr.write(`[sextant] ${e.text}`);
    };
    const unsubscribe = hub.subscribe((e) => (id === null ? early.push(e) : print(e)));
    let report: JobReport;
    try {
      const job = local.runner.start({ kind: KIND, args: opts.args });
      id = job.id;
      early.splice(0).forEach(print);
      const onAbort = () => local.runner.cancel(job.id);
      cancel.signal.addEventListener('abort', onAbort);
      if (cancel.signal.aborted) onAbort();
      const info = await job.done;
      cancel.signal.removeEventListener('abort', onAbort);
      const outcome = info.outcome ?? { summary: `${KIND} ended`, problems: [] };
      const state = info.state === 'running' ? 'failed' : info.state;
      report = { kind: KIND, state, ...outcome, progress: info.progress, ranIn: 'in this process', jobId: info.id, durationMs: elapsed() };
    } catch (err) {
      report = failedBeforeStart(KIND, errorMessage(err), elapsed(), 'in this process');
    } finally {
      unsubscribe();
    }
    const others = local.runner.list().filter((j) => j.state === 'running').length;
    if (others) say(`waiting for ${others} job(s) other sextant commands handed to this one before closing the store`);
    try {
      await local.close();
    } catch (err) {
      report = { ...report, state: 'failed', problems: [...report.problems, { item: 'store', message: `closing the store failed: ${errorMessage(err)}` }] };
    }
    return report;
  }
}

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
