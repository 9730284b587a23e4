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
  /**
   * An encrypted store's snapshot subkey, asked for at each use (StoreKeys hands out live subkeys
   * that its cache may zero later: never keep one). Null for a plain store.
   */
  snapshotKey?: (() => Uint8Array) | null;
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
  /** A worker to start from the snapshot just written, once the next write comes (see `snapshot`). */
  private deferredStart: { from: Extract<ToWorker, { type: 'init' }>['from']; bytes: number; scheduled: boolean } | null = null;
  private closed = false;
  /** Writes recorded so far (to tell whether any came while a snapshot was being written). */
  private recorded = 0;

  constructor(private opts: CheckpointerOptions) {
    this.recorder = {
      record: (sql, params) => {
        this.recorded++;
        this.batcher?.record(sql, params);
        if (this.deferredStart) this.scheduleDeferredStart();
      },
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

  /** Whether snapshots are currently taken by a worker (or by the one that starts with the next write). */
  get inWorker(): boolean {
    return this.worker !== null || this.deferredStart !== null;
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
    this.deferredStart = null;
    if (!script || !this.wouldStart(bytes)) return;
    this.starts++;
    try {
      const snapshotKey = this.opts.snapshotKey?.();
      const worker: CheckpointWorker = new CheckpointWorker({
        script, dir, wasmPath, from, batcher, queued, ...(snapshotKey ? { snapshotKey } : {}),
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

  /**
   * Snapshot of `db` as of now (every write so far), written durably as snapshots/<seq>.sqlite.
   * Without a worker it is exported here, and a worker (once the database is big enough) starts
   * from the written snapshot file when the next write comes, with every write since the export
   * kept for it: never from the image itself (posting 200 MB copies it on this thread), and
   * never for the final checkpoint of a store that is closing (no write comes after it).
   */
  snapshot(seq: number, db: Database): Promise<SnapshotTaken> {
    const deferred = this.deferredStart;
    if (deferred && !this.worker) this.start(deferred.from, deferred.bytes); // a write came in this very tick
    if (this.worker) return this.worker.snapshot(seq).then((s) => ({ ...s, inWorker: true }));
    const t0 = performance.now();
    const image = db.export();
    const exportMs = performance.now() - t0;
    const startsWorker = this.wouldStart(image.length);
    if (startsWorker) this.prepare();
    const recordedAtExport = this.recorded;
    return writeSnapshotAsync(this.opts.dir, seq, image, this.opts.snapshotKey?.() ?? null).then(
      (snapshot) => {
        if (startsWorker && !this.closed && !this.worker) {
          this.deferredStart = { from: { snapshot }, bytes: snapshot.bytes, scheduled: false };
          if (this.recorded !== recordedAtExport) this.scheduleDeferredStart();
        }
        return { snapshot, exportMs, writeMs: performance.now() - t0 - exportMs, inWorker: false, inPlace: false };
      },
      (err: unknown) => {
        if (startsWorker && !this.worker) this.dropKeptWrites();
        throw err;
      },
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    this.dropKeptWrites();
    const w = this.worker;
    this.worker = null;
    await w?.close();
  }

  /** Whether `start` would start a worker for a database of `bytes`. */
  private wouldStart(bytes: number): boolean {
    return !!this.opts.script && !this.closed && !this.worker && bytes >= this.opts.minWorkerBytes && this.starts < MAX_WORKER_STARTS;
  }

  /** Starts the deferred worker on the next turn (not inside the statement being recorded). */
  private scheduleDeferredStart(): void {
    const d = this.deferredStart!;
    if (d.scheduled) return;
    d.scheduled = true;
    setImmediate(() => {
      if (this.deferredStart === d && !this.closed) this.start(d.from, d.bytes);
    });
  }

  private dropKeptWrites(): void {
    this.batcher = null;
    this.queued = [];
    this.deferredStart = null;
  }
}
