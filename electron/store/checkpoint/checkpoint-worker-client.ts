import type { Worker } from 'node:worker_threads';
import type { FromWorker, SnapshotRef, StatementBatch, ToWorker } from './mirror-protocol';
import { type StatementBatcher } from './statement-batcher';
import { startWorker } from './worker-script';

/**
 * A worker that has not answered a snapshot request by then is taken for hung and stopped (the
 * checkpoint fails; the next one exports on the main thread). Far above any real export and
 * write (about 1 s for 200 MB), so only a worker that will never answer reaches it.
 */
const SNAPSHOT_TIMEOUT_MS = 300_000;

/**
 * The worker's young generation, MB. It only replays statements and writes snapshots: a small
 * nursery keeps its short-lived garbage (statement batches) from holding V8's default one, which
 * measured ~20 MB more resident memory under steady replay (21 against 45 MB peak; Node 20).
 */
export const WORKER_YOUNG_GENERATION_MB = 8;

export interface WorkerSnapshot {
  snapshot: SnapshotRef;
  exportMs: number;
  writeMs: number;
  /** Written from the mirror's file in sql.js's memory (false: from an export of it, a whole copy). */
  inPlace: boolean;
}

export interface CheckpointWorkerOptions {
  script: string;
  dir: string;
  wasmPath?: string;
  from: Extract<ToWorker, { type: 'init' }>['from'];
  /** An encrypted store's snapshot key: copied into the worker's init message (the copy posted here is zeroed once sent). */
  snapshotKey?: Uint8Array;
  /** The recorder of the writes made since the database was as `from` says, and the batches it already made. */
  batcher: StatementBatcher;
  queued: StatementBatch[];
  /** Called once if the worker stops by itself (it died, or its mirror diverged), not after `close`. */
  onDeath: (err: Error) => void;
}

/**
 * The main thread's side of the checkpoint worker: `recorder` (to attach to the Database)
 * feeds the worker's mirror; `snapshot(seq)` asks for a snapshot at this exact point of the
 * statement stream. Held by the event loop only while a snapshot is pending, so a process
 * that is otherwise done can exit.
 */
export class CheckpointWorker {
  readonly recorder: StatementBatcher;
  private worker: Worker;
  private waiting: { seq: number; resolve: (s: WorkerSnapshot) => void; reject: (e: Error) => void }[] = [];
  private death: Error | null = null;
  private closing = false;
  private onDeath: (err: Error) => void;

  constructor(opts: CheckpointWorkerOptions) {
    this.onDeath = opts.onDeath;
    this.worker = startWorker(opts.script, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    this.worker.unref();
    const snapshotKey = opts.snapshotKey ? Uint8Array.from(opts.snapshotKey) : undefined;
    this.post({ type: 'init', dir: opts.dir, wasmPath: opts.wasmPath, from: opts.from, ...(snapshotKey ? { snapshotKey } : {}) });
    snapshotKey?.fill(0); // postMessage cloned it for the worker
    opts.batcher.flush();
    for (const batch of opts.queued) this.post(batch);
    opts.batcher.sendTo((batch) => this.post(batch));
    this.recorder = opts.batcher;
    let diverged: string | null = null;
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'diverged') diverged = m.message;
      if (m.type !== 'snapshot' && m.type !== 'snapshot-failed') return;
      const w = this.waiting.shift();
      if (!this.waiting.length) this.worker.unref();
      if (!w) return;
      if (m.type === 'snapshot') w.resolve({ snapshot: m.snapshot, exportMs: m.exportMs, writeMs: m.writeMs, inPlace: m.inPlace });
      else w.reject(new Error(`snapshot at seq ${m.seq} failed: ${m.message}`));
    });
    this.worker.on('error', (err) => this.die(new Error(`checkpoint worker failed: ${err.message}`)));
    this.worker.on('exit', (code) => this.die(new Error(diverged ?? `checkpoint worker exited (code ${code})`)));
  }

  /** Why the worker is gone, once it is. */
  get dead(): Error | null {
    return this.death;
  }

  /** A snapshot of the mirror as of every statement recorded so far, written as snapshots/<seq>.sqlite. */
  snapshot(seq: number): Promise<WorkerSnapshot> {
    if (this.death) return Promise.reject(this.death);
    this.recorder.flush();
    this.post({ type: 'snapshot', seq });
    this.worker.ref();
    const answered = new Promise<WorkerSnapshot>((resolve, reject) => this.waiting.push({ seq, resolve, reject }));
    const watchdog = setTimeout(() => {
      this.die(new Error(`checkpoint worker did not answer a snapshot request in ${SNAPSHOT_TIMEOUT_MS / 1000} s; stopped`));
      void this.worker.terminate();
    }, SNAPSHOT_TIMEOUT_MS);
    watchdog.unref();
    return answered.finally(() => clearTimeout(watchdog));
  }

  /** Stops the worker (a snapshot still pending is refused). */
  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private post(m: ToWorker): void {
    if (!this.death) this.worker.postMessage(m);
  }

  private die(err: Error): void {
    if (this.death) return;
    this.death = this.closing ? new Error('the checkpoint worker was closed') : err;
    for (const w of this.waiting.splice(0)) w.reject(this.death);
    this.worker.unref();
    if (!this.closing) this.onDeath(err);
  }
}
