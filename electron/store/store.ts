import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MlflowError } from '../../shared/domain/mlflow-error';
import type { ApplyContext } from './apply/apply-context';
import { applyOp } from './apply/apply-op';
import { Database } from './database';
import { fsyncDir, removeLeftoverTempFiles } from './durable-fs';
import { JOURNAL_DIR, recoverJournal, removeOldSegments, segmentName } from './journal-segments';
import { JournalWriter } from './journal-writer';
import { readManifest, STORE_FORMAT, writeManifest, type Manifest } from './manifest';
import { decodeOp, encodeOp } from './ops/op-codec';
import type { Op } from './ops/op-types';
import { SeriesFiles } from './series-files';
import { SeriesIndex } from './series-index';
import { readSnapshot, removeOldSnapshots, SNAPSHOT_DIR, writeSnapshot } from './snapshot-files';
import { StoreWriteError } from './store-errors';
import { acquireStoreLock, type StoreLock, type StoreLockOptions } from './store-lock';

export interface StoreOptions {
  dir: string;
  /** Where sql.js's WASM file is (the packaged app); defaults to node_modules. */
  wasmPath?: string;
  log?: (msg: string) => void;
  /** Journal bytes after which a checkpoint (snapshot + new segment) is taken. */
  checkpointBytes?: number;
  /** Ops applied when a store is first created (the default experiment). */
  initialOps?: (now: number) => Op[];
  /** Handles connections to the store's lock socket (jobs handed over by the CLI); closed at once by default. */
  onLockConnection?: StoreLockOptions['onConnection'];
}

/**
 * A Sextant store: the only writer of data. `commit` applies an op to the in-memory
 * database at once (so reads see it and invalid ops throw before anything is written), then
 * resolves once its journal record is durable. Checkpoints write a snapshot and start a new
 * journal segment.
 */
export class Store {
  readonly artifactsDir: string;
  /** Unfinished multipart artifact uploads (cleared when the store opens). */
  readonly uploadsDir: string;
  private seq: number;
  private listeners = new Set<(op: Op) => void>();
  private checkpointing: Promise<void> | null = null;
  /** While a checkpoint syncs the series files, new commits wait here (reads go on). */
  private barrier: Promise<void> | null = null;
  private failure: Error | null = null;
  private closed = false;

  private constructor(
    readonly dir: string,
    readonly ctx: ApplyContext,
    private writer: JournalWriter,
    private manifest: Manifest,
    seq: number,
    /** The store's one-writer lock (a test simulating a crash releases it alone). */
    readonly lock: StoreLock,
    private log: (msg: string) => void,
    private checkpointBytes: number,
  ) {
    this.seq = seq;
    this.artifactsDir = join(dir, 'artifacts');
    this.uploadsDir = join(dir, 'uploads');
  }

  static async open(opts: StoreOptions): Promise<Store> {
    const { dir } = opts;
    const log = opts.log ?? ((m: string) => console.error(`[store] ${m}`));
    for (const sub of ['', SNAPSHOT_DIR, JOURNAL_DIR, 'series', 'artifacts', 'uploads']) mkdirSync(join(dir, sub), { recursive: true });
    const lock = await acquireStoreLock(dir, { onConnection: opts.onLockConnection });
    try {
      rmSync(join(dir, 'uploads'), { recursive: true, force: true }); // unfinished uploads: their clients are gone
      mkdirSync(join(dir, 'uploads'));
      removeLeftoverTempFiles(dir);
      let manifest = readManifest(dir);
      const db = await Database.open(manifest?.snapshot ? readSnapshot(dir, manifest.snapshot) : null, opts.wasmPath);
      const series = new SeriesIndex(db);
      const ctx: ApplyContext = { db, series, files: new SeriesFiles(join(dir, 'series')) };
      let seq = manifest?.snapshot?.seq ?? 0;
      if (!manifest) {
        const now = Date.now();
        for (const op of opts.initialOps?.(now) ?? []) applyOp(ctx, op);
        series.persist();
        const snapshot = writeSnapshot(dir, 0, db.export());
        manifest = { format: STORE_FORMAT, storeId: randomUUID(), createdAt: now, snapshot };
        writeManifest(dir, manifest);
      }
      const { records } = recoverJournal(dir, seq, log);
      for (const r of records) applyOp(ctx, decodeOp(r.payload));
      seq += records.length;
      if (records.length) log(`journal: replayed ${records.length} operations`);
      // New writes always go to a fresh segment named by their first seq; older segments are
      // left as they are until the next checkpoint removes them.
      const writer = new JournalWriter(join(dir, JOURNAL_DIR, segmentName(seq + 1)));
      fsyncDir(join(dir, JOURNAL_DIR));
      return new Store(dir, ctx, writer, manifest, seq, lock, log, opts.checkpointBytes ?? 64 * 1024 * 1024);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  get db() {
    return this.ctx.db;
  }

  /** The store's own id (store.json), which pushed runs carry as their origin. */
  get id(): string {
    return this.manifest.storeId;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** True while a checkpoint cuts the journal and new commits wait. */
  get holdingWrites(): boolean {
    return this.barrier !== null;
  }

  /**
   * Applies an op and resolves with it once it is durable; rejects (nothing written) if it is
   * invalid. Applied at once, unless a checkpoint is cutting the journal, in which case right
   * after. An op whose values depend on the current state (the next experiment id or model
   * version) is passed as a function: it is built right before it is applied, so a commit
   * that waited for a checkpoint cannot carry a value another commit took meanwhile. `read`,
   * when given, runs right after the op is applied and its result is what the commit resolves
   * with: an answer that shows exactly this op's effect, whatever commits follow while the
   * record is synced.
   */
  commit<O extends Op, T = O>(opOrBuild: O | (() => O), read: (op: O) => T = (op) => op as unknown as T): Promise<T> {
    if (this.barrier) return this.barrier.then(() => this.commit(opOrBuild, read));
    if (this.writer.failed) this.fail(this.writer.failed);
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new StoreWriteError('the store is closed'));
    let op: O;
    try {
      op = typeof opOrBuild === 'function' ? opOrBuild() : opOrBuild;
    } catch (err) {
      return Promise.reject(err);
    }
    try {
      applyOp(this.ctx, op);
    } catch (err) {
      if (!(err instanceof MlflowError)) this.fail(err as Error);
      return Promise.reject(err);
    }
    const durable = this.writer.append(++this.seq, encodeOp(op));
    durable.catch((e: Error) => this.fail(e)); // the caller gets the rejection too
    for (const l of this.listeners) l(op);
    if (this.writer.size > this.checkpointBytes) void this.checkpoint().catch((e: Error) => this.fail(e));
    let answer: T;
    try {
      answer = read(op);
    } catch (err) {
      return durable.then(() => Promise.reject(err));
    }
    return durable.then(() => answer);
  }

  /** Called with every op once it is applied (before it is durable): for live views. */
  onCommit(listener: (op: Op) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Snapshot of everything up to the current seq. The series files are synced first while
   * commits go on; then new commits wait while the files written meanwhile are synced, the
   * database exported and the journal cut at that seq. Once the records up to the cut are
   * durable (so the snapshot holds only acknowledged ops), the snapshot is written and the
   * manifest switched to it (commits flow again meanwhile), after which older segments and
   * snapshots are removed. With nothing committed since the last snapshot there is nothing to do.
   */
  checkpoint(): Promise<void> {
    if (!this.checkpointing && this.seq === this.manifest.snapshot?.seq) return Promise.resolve();
    this.checkpointing ??= this.takeCheckpoint().finally(() => (this.checkpointing = null));
    return this.checkpointing;
  }

  private async takeCheckpoint(): Promise<void> {
    await this.ctx.files.sync(); // the bulk of the fsyncs, without holding writes
    let release!: () => void;
    this.barrier = new Promise<void>((r) => (release = r));
    const held = Date.now();
    let seq: number;
    let image: Uint8Array;
    let segment: string;
    let cut: Promise<void>;
    try {
      seq = this.seq;
      await this.ctx.files.sync();
      this.ctx.series.persist();
      image = this.ctx.db.export();
      segment = join(this.dir, JOURNAL_DIR, segmentName(seq + 1));
      cut = this.writer.switchTo(segment);
      fsyncDir(join(this.dir, JOURNAL_DIR));
    } catch (err) {
      this.fail(err as Error); // before the commits waiting at the barrier go on
      throw err;
    } finally {
      this.barrier = null;
      release();
    }
    const heldMs = Date.now() - held;
    await cut;
    const snapshot = writeSnapshot(this.dir, seq, image);
    this.manifest = { ...this.manifest, snapshot };
    writeManifest(this.dir, this.manifest);
    removeOldSegments(this.dir, segment);
    removeOldSnapshots(this.dir, snapshot.file);
    this.log(`checkpoint: snapshot at seq ${seq} (${(image.length / 1e6).toFixed(1)} MB; writes held ${heldMs} ms)`);
  }

  /** Waits for pending writes, checkpoints, and releases the store (also when that fails). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.checkpointing) await this.checkpointing.catch(() => undefined);
      if (!this.failure) {
        await this.writer.drain();
        await this.checkpoint();
      }
    } finally {
      await this.writer.close();
      this.ctx.files.close();
      this.ctx.db.close();
      await this.lock.release();
    }
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err instanceof StoreWriteError ? err : new StoreWriteError(`store failed: ${err.message}; writes are refused until it is reopened`);
    this.log(this.failure.message);
  }
}
