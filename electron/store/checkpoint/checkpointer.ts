import { performance } from 'node:perf_hooks';
import type { Database } from '../database';
import { writeSnapshotAsync } from '../snapshot-files';
import { CheckpointWorker, type WorkerSnapshot } from './checkpoint-worker-client';
import type { StatementBatch, ToWorker } from './mirror-protocol';
import { StatementBatcher, type WriteRecorder } from './statement-batcher';

/** Worker starts after which a worker that keeps dying is given up (checkpoints then export on the main thread). */
const MAX_WORKER_STARTS = 4;

export interface SnapshotTaken extends WorkerSnapshot {
  /** Whether the worker took it (false: exported on the main thread). */
  inWorker: boolean;
}

export interface CheckpointerOptions {
  dir: string;
  wasmPath?: string;
  /** The worker's script; null: no worker at all. */
  script: string | null;
  /**
   * Database size from which snapshots are worth a worker. Below it, exporting on the main
   * thread takes a few milliseconds, less than a worker costs to start (a thread, its own
   * sql.js and copy of the database).
   */
  minWorkerBytes: number;
  log: (msg: string) => void;
}

/**
 * Takes snapshots of the store's database without stalling the main thread: a worker holds a
 * mirror of the database (fed by `recorder`, which the Database reports its writes to) and
 * exports and writes it. Without a live worker (the database is still small, or the worker
 * died, its mirror diverged, or none could start), a snapshot is exported here, on the main
 * thread (a stall on a big database, but nothing is lost), and a worker starts from that very
 * image once the database is big enough.
 */
export class Checkpointer {
  /** Stable for the Database's whole life: it forwards to whichever worker is live. */
  readonly recorder: WriteRecorder;
  private worker: CheckpointWorker | null = null;
  /** Records the writes for the next or current worker; null: nobody needs them. */
  private batcher: StatementBatcher | null = null;
  /** Batches made before the worker they are for was started. */
  private queued: StatementBatch[] = [];
  private starts = 0;

  constructor(private opts: CheckpointerOptions) {
    this.recorder = {
      record: (sql, params) => this.batcher?.record(sql, params),
      recordFailure: () => this.batcher?.recordFailure(),
    };
  }

  /**
   * Keeps every write from now on for a worker that `start` will begin from the database as it
   * is now. The store opens its database and replays its journal in between, so the worker's
   * own open (reading and checking the snapshot) does not compete with the main thread's.
   */
  prepare(): void {
    const queued: StatementBatch[] = [];
    this.queued = queued;
    this.batcher = new StatementBatcher((batch) => queued.push(batch));
  }

  /** Whether snapshots are currently taken by a worker. */
  get inWorker(): boolean {
    return this.worker !== null;
  }

  /**
   * Starts a worker whose mirror begins as `from` (of about `bytes`) plus the writes kept since
   * `prepare` (without `prepare`: as the main database is now); every later write reaches it.
   * Nothing happens below `minWorkerBytes` (and the kept writes are dropped).
   */
  start(from: Extract<ToWorker, { type: 'init' }>['from'], bytes: number): void {
    const { script, dir, wasmPath, log } = this.opts;
    const batcher = this.batcher ?? new StatementBatcher(() => undefined);
    const queued = this.queued;
    this.batcher = null;
    this.queued = [];
    if (!script || this.worker || bytes < this.opts.minWorkerBytes || this.starts >= MAX_WORKER_STARTS) return;
    this.starts++;
    try {
      const worker: CheckpointWorker = new CheckpointWorker({
        script, dir, wasmPath, from, batcher, queued,
        onDeath: (err) => {
          if (this.worker !== worker) return;
          this.worker = null;
          this.batcher = null;
          log(`checkpoint: the worker stopped (${err.message}); the next checkpoint exports on the main thread${this.starts < MAX_WORKER_STARTS ? ' and starts a new worker' : ''}`);
        },
      });
      this.worker = worker;
      this.batcher = batcher;
    } catch (err) {
      log(`checkpoint: could not start the worker (${(err as Error).message}); checkpoints export on the main thread`);
    }
  }

  /** Snapshot of `db` as of now (every write so far), written durably as snapshots/<seq>.sqlite. */
  snapshot(seq: number, db: Database): Promise<SnapshotTaken> {
    if (this.worker) return this.worker.snapshot(seq).then((s) => ({ ...s, inWorker: true }));
    const t0 = performance.now();
    const image = db.export();
    const exportMs = performance.now() - t0;
    this.start({ image }, image.length);
    return writeSnapshotAsync(this.opts.dir, seq, image).then((snapshot) => ({ snapshot, exportMs, writeMs: performance.now() - t0 - exportMs, inWorker: false }));
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.batcher = null;
    await w?.close();
  }
}
