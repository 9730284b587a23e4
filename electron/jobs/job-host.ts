import type { Socket } from 'node:net';
import { ClientMessage, encodeMessage, MAX_LINE_BYTES, parseLine, type HolderMessage } from './job-protocol';
import type { JobRunner } from './job-runner';
import { errorMessage } from './job-runner';
import type { JobEvent, JobHolder, JobRequest } from './job-types';
import { LineSplitter } from './line-splitter';

export interface JobHostOptions {
  /** The runner, or the promise of it while the store is still opening. */
  runner: JobRunner | Promise<JobRunner>;
  holder: JobHolder;
  /** How long a connection may stay silent before asking for a job (default 10 s). */
  firstMessageTimeoutMs?: number;
}

/**
 * The store holder's side of the hand-off protocol (see job-protocol.ts): handles one connection
 * to the lock socket. One job per connection; the connection closing before the job ends cancels
 * it, which is what a CLI interrupted with Ctrl-C does.
 */
export function createJobConnectionHandler(opts: JobHostOptions): (socket: Socket) => void {
  return (socket) => new JobConnection(socket, opts);
}

class JobConnection {
  private splitter = new LineSplitter(MAX_LINE_BYTES);
  private requested = false;
  private id: string | null = null;
  private runner: JobRunner | null = null;
  private finished = false;
  private unsubscribe = () => {};
  private timer: ReturnType<typeof setTimeout>;

  constructor(
    private socket: Socket,
    private opts: JobHostOptions,
  ) {
    this.timer = setTimeout(() => this.refuse('no job request arrived in time'), opts.firstMessageTimeoutMs ?? 10_000);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => {}); // a reset or broken pipe: 'close' follows and cancels the job
    socket.on('close', () => this.onClose());
  }

  private onData(chunk: Buffer): void {
    let lines: string[];
    try {
      lines = this.splitter.push(chunk);
    } catch (err) {
      return this.refuse(errorMessage(err));
    }
    for (const line of lines) {
      const parsed = parseLine(line, ClientMessage, 'the CLI');
      if (!parsed.ok) return this.refuse(parsed.error);
      if (parsed.msg.type === 'cancel') {
        if (this.id) this.runner?.cancel(this.id);
      } else if (this.requested) {
        return this.refuse('only one job per connection');
      } else {
        this.requested = true;
        clearTimeout(this.timer);
        void this.start(parsed.msg.job);
      }
    }
  }

  private async start(job: JobRequest): Promise<void> {
    let runner: JobRunner;
    try {
      runner = await this.opts.runner;
    } catch (err) {
      return this.refuse(`the process holding the store could not start: ${errorMessage(err)}`);
    }
    if (this.socket.destroyed) return;
    const early: JobEvent[] = [];
    this.unsubscribe = runner.subscribe((event) => (this.id === null ? early.push(event) : this.forward(event)));
    try {
      this.id = runner.start(job).id;
    } catch (err) {
      this.unsubscribe();
      return this.refuse(errorMessage(err));
    }
    this.runner = runner;
    this.send({ type: 'accepted', id: this.id, holder: this.opts.holder });
    for (const event of early) this.forward(event);
  }

  private forward(event: JobEvent): void {
    if ((event.type === 'log' ? event.id : event.job.id) !== this.id || this.finished) return;
    if (event.type === 'progress') this.send({ type: 'progress', progress: event.job.progress });
    else if (event.type === 'log') this.send({ type: 'log', line: event.line });
    else if (event.type === 'finished') {
      this.finished = true;
      this.unsubscribe();
      const { state, outcome, progress } = event.job;
      if (state !== 'running' && outcome) this.socket.end(fitDone({ type: 'done', state, outcome, progress }));
    }
  }

  private onClose(): void {
    clearTimeout(this.timer);
    this.unsubscribe();
    if (this.id && !this.finished) this.runner?.cancel(this.id);
  }

  private send(msg: Parameters<typeof encodeMessage>[0]): void {
    if (this.socket.writable) this.socket.write(encodeMessage(msg));
  }

  private refuse(message: string): void {
    clearTimeout(this.timer);
    if (this.socket.writable) this.socket.end(encodeMessage({ type: 'error', message }));
    else this.socket.destroy();
  }
}

/** The done line, shrunk to fit a line when a job's details or problems are huge. */
function fitDone(msg: Omit<Extract<HolderMessage, { type: 'done' }>, 'v'>): string {
  const fits = (line: string) => Buffer.byteLength(line) <= MAX_LINE_BYTES;
  let line = encodeMessage(msg);
  if (fits(line)) return line;
  const outcome = { ...msg.outcome, details: { truncated: 'the details were too large to send over the lock socket' } };
  line = encodeMessage({ ...msg, outcome });
  for (let keep = 1000; !fits(line) && keep >= 1; keep = Math.floor(keep / 10)) {
    const more = msg.outcome.problems.length - keep;
    const problems = msg.outcome.problems.slice(0, keep).map((p) => ({ item: p.item.slice(0, 500), message: p.message.slice(0, 500) }));
    if (more > 0) problems.push({ item: 'problems', message: `${more} more not shown` });
    line = encodeMessage({ ...msg, outcome: { ...outcome, summary: outcome.summary.slice(0, 2000), problems } });
  }
  return line;
}

/**
 * For a holder whose store is not open (locked, not created yet, being converted): each job handed
 * over is refused with `reason()` (one sentence) as soon as its request arrives, so the CLI says
 * why at once instead of waiting for an answer that cannot come.
 */
export function refuseJobsWith(reason: () => string, firstMessageTimeoutMs = 10_000): (socket: Socket) => void {
  return (socket) => {
    const answer = () => {
      clearTimeout(timer);
      if (socket.writable) socket.end(encodeMessage({ type: 'error', message: reason() }));
      else socket.destroy();
    };
    const timer = setTimeout(answer, firstMessageTimeoutMs);
    socket.once('data', answer);
    socket.on('error', () => {}); // 'close' follows
    socket.once('close', () => clearTimeout(timer));
  };
}

export interface JobHostHandle {
  /** For the store's lock socket (StoreOptions.onLockConnection). */
  onConnection: (socket: Socket) => void;
  /** The store is open: jobs handed over from now on (and those waiting) run here. */
  attach(runner: JobRunner): void;
  /** The holder failed to start: jobs waiting are refused with this reason. */
  fail(err: unknown): void;
}

/**
 * The lock socket accepts connections as soon as the lock is taken, before the store has opened
 * (replaying a journal can take a while): connections made meanwhile wait for `attach`.
 */
export function prepareJobHost(holder: JobHolder): JobHostHandle {
  let attach!: (runner: JobRunner) => void;
  let fail!: (err: unknown) => void;
  const runner = new Promise<JobRunner>((resolve, reject) => ((attach = resolve), (fail = reject)));
  runner.catch(() => {}); // refused per connection; nobody else waits on it
  return { onConnection: createJobConnectionHandler({ runner, holder }), attach, fail };
}
