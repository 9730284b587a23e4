import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { MlflowError } from '../../shared/domain/mlflow-error';
import type { ApplyContext } from './apply/apply-context';
import { applyOp } from './apply/apply-op';
import { Checkpointer } from './checkpoint/checkpointer';
import { finishInterruptedSwap } from './convert/swap-recovery';
import type { KekSource } from './crypto/keys/kek-source';
import { rekey as rewrapDataKey, unlock } from './crypto/keys/store-encryption';
import { storeKeys, type StoreKeys } from './crypto/store-keys';
import { removeOldSegmentsAsync } from './checkpoint/retire-segments';
import { defaultCheckpointWorkerScript } from './checkpoint/worker-script';
import { Database } from './database';
import { fsyncDir, fsyncDirAsync, removeLeftoverTempFiles } from './durable-fs';
import { JOURNAL_DIR, recoverJournal, segmentName } from './journal-segments';
import { JournalWriter } from './journal-writer';
import { readManifest, storeFormatOf, writeManifest, writeManifestAsync, type Manifest } from './manifest';
import { decodeOp, encodeOp } from './ops/op-codec';
import type { Op } from './ops/op-types';
import { SeriesFiles } from './series-files';
import { SeriesIndex } from './series-index';
import { readSnapshotWithHeadroom, removeOldSnapshotsAsync, SNAPSHOT_DIR, writeSnapshot } from './snapshot-files';
import { headroomFor } from './sqljs-file';
import { StoreOpenError, StoreWriteError } from './store-errors';
import { unlockStoreKeys } from './store-unlock';
import { acquireStoreLock, type StoreLock, type StoreLockOptions } from './store-lock';

export interface StoreOptions {
  dir: string;
  /** Where sql.js's WASM file is (the packaged app); defaults to node_modules. */
  wasmPath?: string;
  log?: (msg: string) => void;
  /**
   * Journal bytes of metadata (ops without their metric points) after which a checkpoint
   * (snapshot + new segment) is taken. Points do not count: they are durable in the series
   * files once those are synced, so they never make a snapshot necessary.
   */
  checkpointBytes?: number;
  /** Journal bytes of any kind (points too) after which a checkpoint is taken: bounds replay time and disk use. */
  maxJournalBytes?: number;
  /** The checkpoint worker's script (default: the one built beside this code); null: snapshots export on the main thread. */
  checkpointWorker?: string | null;
  /** Database size (snapshot plus journal on open) from which snapshots are taken by the worker (default 8 MB; 0: always). */
  checkpointWorkerMinBytes?: number;
  /** Ops applied when a store is first created (the default experiment). */
  initialOps?: (now: number) => Op[];
  /** Handles connections to the store's lock socket (jobs handed over by the CLI); closed at once by default. */
  onLockConnection?: StoreLockOptions['onConnection'];
  /**
   * The store's one-writer lock, already held by the caller (the store session holds it while the
   * store is locked or being converted): used instead of acquiring one, and released as the store's
   * own (the session lends a view whose release does nothing). `onLockConnection` is then unused.
   */
  lock?: StoreLock;
  /**
   * The key-encryption key's source (issue 12). An encrypted store opens only with it; a new
   * store given one is created encrypted; a plain store given one is refused (converting it is
   * `sextant store encrypt`).
   */
  key?: KekSource;
  /** For a new store: encrypt it (default: whether a key is given). True without a key, or false with one, is refused. */
  encrypt?: boolean;
}

const DEFAULT_CHECKPOINT_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_JOURNAL_BYTES = 1024 * 1024 * 1024;
/** An export of 8 MB takes about 10-20 ms on the main thread: below that a worker is not worth its cost. */
const DEFAULT_WORKER_MIN_BYTES = 8 * 1024 * 1024;
/** Journal record framing around a payload (journal-format.ts); only used to estimate journal size. */
const RECORD_OVERHEAD = 16;
/** What sealing adds to an encrypted store's journal payload (nonce and tag). */
const SEALED_RECORD_OVERHEAD = 28;

/** What the journal's segments take on disk (at most: they may be preallocated), to tell a big store before replaying it. */
function journalBytesOnDisk(dir: string): number {
  let bytes = 0;
  for (const name of readdirSync(join(dir, JOURNAL_DIR))) if (name.endsWith('.log')) bytes += statSync(join(dir, JOURNAL_DIR, name)).size;
  return bytes;
}

/** Bytes of an op's journal payload that are metric points (float64 triples and their key indexes). */
function pointBytes(op: Op): number {
  return op.type === 'run.log' && op.metrics ? op.metrics.pts.byteLength + op.metrics.keyIdx.length * 4 : 0;
}

/**
 * A Sextant store: the only writer of data. `commit` applies an op to the in-memory
 * database at once (so reads see it and invalid ops throw before anything is written), then
 * resolves once its journal record is durable. Checkpoints write a snapshot and start a new
 * journal segment; the snapshot comes from a worker thread's mirror of the database, so a
 * checkpoint costs the main thread only the cut (see `checkpoint`).
 */
export class Store {
  readonly artifactsDir: string;
  /** Unfinished multipart artifact uploads (cleared when the store opens). */
  readonly uploadsDir: string;
  private seq: number;
  private listeners = new Set<(op: Op) => void>();
  private checkpointing: Promise<void> | null = null;
  private failure: Error | null = null;
  private closed = false;
  /** Journal bytes since the last cut: metadata only, and everything. */
  private metaBytesSinceCut = 0;
  private bytesSinceCut = 0;
  /** The last cut: its seq, the segment it switched to, and when every record before it is durable. */
  private lastCut: { seq: number; segment: string; durable: Promise<void> } | null = null;
  /** While the new segment's folder entry is being synced, answers from that segment wait for it too. */
  private segmentEntry: Promise<void> | null = null;
  /** store.json writes one at a time (checkpoints, rekeys): each builds on the manifest the one before left. */
  private manifestWrites: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly ctx: ApplyContext,
    private writer: JournalWriter,
    private manifest: Manifest,
    seq: number,
    /** The store's one-writer lock (a test simulating a crash releases it alone). */
    readonly lock: StoreLock,
    /**
     * An encrypted store's keys (each file format's subkey of its data key), null for a plain
     * store. Live key material: hand the subkeys to node:crypto only, never log or copy them.
     * Disposed (zeroed) when the store closes.
     */
    readonly keys: StoreKeys | null,
    private log: (msg: string) => void,
    private checkpointer: Checkpointer,
    private limits: { checkpointBytes: number; maxJournalBytes: number },
  ) {
    this.seq = seq;
    this.artifactsDir = join(dir, 'artifacts');
    this.uploadsDir = join(dir, 'uploads');
  }

  static async open(opts: StoreOptions): Promise<Store> {
    const { dir } = opts;
    const log = opts.log ?? ((m: string) => console.error(`[store] ${m}`));
    // A conversion (sextant store encrypt|decrypt) killed between its two renames: finish it before the
    // folder is touched (an open that found the folder missing would make a new empty store at its name).
    const swap = await finishInterruptedSwap(dir);
    if (swap !== 'none') log(swap === 'finished' ? `finished the swap of an interrupted conversion of ${dir}` : `removed the copy of an interrupted conversion of ${dir}: the store was written to since`);
    for (const sub of ['', SNAPSHOT_DIR, JOURNAL_DIR, 'series', 'artifacts', 'uploads']) mkdirSync(join(dir, sub), { recursive: true });
    const lock = opts.lock ?? (await acquireStoreLock(dir, { onConnection: opts.onLockConnection }));
    const minWorkerBytes = opts.checkpointWorkerMinBytes ?? DEFAULT_WORKER_MIN_BYTES;
    const script = opts.checkpointWorker === undefined ? defaultCheckpointWorkerScript() : opts.checkpointWorker;
    let keys: StoreKeys | null = null;
    let checkpointer: Checkpointer | null = null;
    try {
      let manifest = readManifest(dir);
      // The key first: a store that cannot be unlocked is left exactly as it was found.
      const unlocked = await unlockStoreKeys({ dir, manifest, key: opts.key, encrypt: opts.encrypt });
      const storeKeysOf = (keys = unlocked.dek ? storeKeys(unlocked.dek) : null);
      // Asked for at each use: a subkey handed out may be zeroed when the keys' cache drops it.
      const snapshotKey = storeKeysOf ? () => storeKeysOf.snapshot() : null;
      checkpointer = new Checkpointer({ dir, wasmPath: opts.wasmPath, log, script, minWorkerBytes, snapshotKey });
      rmSync(join(dir, 'uploads'), { recursive: true, force: true }); // unfinished uploads: their clients are gone
      mkdirSync(join(dir, 'uploads'));
      removeLeftoverTempFiles(dir);
      // A big store's worker starts once the store is open, from the same snapshot, with every
      // write made meanwhile (migrations, the journal replay) kept for it.
      const workerFrom = script && manifest?.snapshot && manifest.snapshot.bytes + journalBytesOnDisk(dir) >= minWorkerBytes ? manifest.snapshot : null;
      if (workerFrom) checkpointer.prepare();
      // Read with headroom after the image (zeroed, no memory until written): the database grows into it in place.
      const snap = manifest?.snapshot;
      const image = snap ? readSnapshotWithHeadroom(dir, snap, headroomFor(snap.bytes), snapshotKey?.() ?? null) : null;
      const db = await Database.open(image, opts.wasmPath, checkpointer.recorder, snap?.bytes);
      const series = new SeriesIndex(db);
      const ctx: ApplyContext = { db, series, files: new SeriesFiles(join(dir, 'series'), keys) };
      let seq = manifest?.snapshot?.seq ?? 0;
      if (!manifest) {
        const now = Date.now();
        for (const op of opts.initialOps?.(now) ?? []) applyOp(ctx, op);
        series.persist();
        const snapshot = writeSnapshot(dir, 0, db.export(), snapshotKey?.() ?? null);
        const encryption = unlocked.created ? { encryption: unlocked.created.header } : {};
        manifest = { format: storeFormatOf(encryption), storeId: unlocked.storeId, createdAt: now, snapshot, ...encryption };
        writeManifest(dir, manifest);
        checkpointer.start({ snapshot }, snapshot.bytes);
      }
      const { records } = recoverJournal(dir, seq, log, keys);
      for (const r of records) applyOp(ctx, decodeOp(r.payload));
      seq += records.length;
      if (records.length) log(`journal: replayed ${records.length} operations`);
      // New writes always go to a fresh segment named by their first seq; older segments are
      // left as they are until the next checkpoint removes them.
      const writer = new JournalWriter(join(dir, JOURNAL_DIR, segmentName(seq + 1)), { keys });
      fsyncDir(join(dir, JOURNAL_DIR));
      if (workerFrom) checkpointer.start({ snapshot: workerFrom }, Number.POSITIVE_INFINITY);
      const limits = { checkpointBytes: opts.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES, maxJournalBytes: opts.maxJournalBytes ?? DEFAULT_MAX_JOURNAL_BYTES };
      return new Store(dir, ctx, writer, manifest, seq, lock, keys, log, checkpointer, limits);
    } catch (err) {
      await checkpointer?.close();
      await lock.release();
      keys?.dispose();
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

  /** The last seq the snapshot named by store.json holds. */
  get snapshotSeq(): number {
    return this.manifest.snapshot?.seq ?? 0;
  }

  /** True from a checkpoint's cut until it is done. Commits are never held: they go on meanwhile. */
  get checkpointInFlight(): boolean {
    return this.checkpointing !== null;
  }

  /** Whether checkpoints are taken by the worker (false: they export on the main thread). */
  get checkpointsInWorker(): boolean {
    return this.checkpointer.inWorker;
  }

  /**
   * Applies an op and resolves with it once it is durable; rejects (nothing written) if it is
   * invalid. An op whose values depend on the current state (the next experiment id or model
   * version) may be passed as a function: it is built right before it is applied. `read`,
   * when given, runs right after the op is applied and its result is what the commit resolves
   * with: an answer that shows exactly this op's effect, whatever commits follow while the
   * record is synced.
   */
  commit<O extends Op, T = O>(opOrBuild: O | (() => O), read: (op: O) => T = (op) => op as unknown as T): Promise<T> {
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
    const payload = encodeOp(op);
    const appended = this.writer.append(++this.seq, payload);
    const durable = this.segmentEntry ? Promise.all([appended, this.segmentEntry]).then(() => undefined) : appended;
    durable.catch((e: Error) => this.fail(e)); // the caller gets the rejection too
    for (const l of this.listeners) l(op);
    const recordBytes = payload.length + RECORD_OVERHEAD + (this.keys ? SEALED_RECORD_OVERHEAD : 0);
    this.bytesSinceCut += recordBytes;
    this.metaBytesSinceCut += recordBytes - pointBytes(op);
    if (!this.checkpointing && (this.metaBytesSinceCut > this.limits.checkpointBytes || this.bytesSinceCut > this.limits.maxJournalBytes)) {
      void this.checkpoint().catch(() => undefined); // logged, and fatal failures fail the store
    }
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
   * Snapshot of everything up to the current seq. The cut is synchronous and short: the
   * series metadata is written to the database, later journal records go to a new segment, and
   * the worker is asked for a snapshot at exactly this point of its statement stream. Commits
   * go on meanwhile. The manifest is switched to the new snapshot only once the snapshot, the
   * series files (synced up to the cut) and every journal record up to the cut are durable;
   * then older segments and snapshots are removed. With nothing committed since the last
   * snapshot there is nothing to do.
   *
   * Failures: a series sync or journal failure fails the store (writes are refused until it is
   * reopened). A snapshot or manifest write that fails (or a worker that dies) fails only this
   * checkpoint: it is logged, the old snapshot and every segment stay, and the journal still
   * holds every write, so nothing is lost; the next checkpoint tries again.
   */
  checkpoint(): Promise<void> {
    if (!this.checkpointing && this.seq === this.manifest.snapshot?.seq) return Promise.resolve();
    this.checkpointing ??= this.takeCheckpoint().finally(() => (this.checkpointing = null));
    return this.checkpointing;
  }

  private async takeCheckpoint(): Promise<void> {
    const started = performance.now();
    const seq = this.seq;
    let cut: { seq: number; segment: string; durable: Promise<void> };
    let snapshotTaken: ReturnType<Checkpointer['snapshot']>;
    try {
      this.ctx.series.persist();
      cut = this.cutJournal(seq);
      snapshotTaken = this.checkpointer.snapshot(seq, this.ctx.db);
    } catch (err) {
      this.fail(err as Error);
      throw err;
    }
    // The series files are synced from the next turn on: writing out their buffered points is
    // work of its own, not part of the cut. Points logged after the cut are synced too, which
    // is harmless (a file may hold points past what the snapshot counts; replay rewrites them).
    // Everything up to the cut is durable before the manifest switches, as before.
    const seriesSynced = nextTurn().then(() => this.ctx.files.sync());
    const cutMs = performance.now() - started;
    const [series, journal, snap] = await Promise.allSettled([seriesSynced, cut.durable, snapshotTaken]);
    if (series.status === 'rejected') {
      const err = new StoreWriteError(`series files could not be synced (${(series.reason as Error).message}); writes are refused until the store is reopened`);
      this.fail(err);
      throw err;
    }
    if (journal.status === 'rejected') {
      this.fail(journal.reason as Error);
      throw journal.reason;
    }
    if (snap.status === 'rejected') {
      this.log(`checkpoint at seq ${seq} failed (${(snap.reason as Error).message}); the previous snapshot and the journal keep every write`);
      throw snap.reason;
    }
    const { snapshot, exportMs, writeMs, inWorker, inPlace } = snap.value;
    try {
      await this.writeManifestInTurn((m) => ({ ...m, format: storeFormatOf(m), snapshot }));
    } catch (err) {
      this.log(`checkpoint at seq ${seq} failed: store.json could not be written (${(err as Error).message}); the previous snapshot and the journal keep every write`);
      throw err;
    }
    await Promise.all([removeOldSegmentsAsync(this.dir, basename(cut.segment)), removeOldSnapshotsAsync(this.dir, snapshot.file)]).catch((err: Error) =>
      this.log(`checkpoint: old journal segments or snapshots could not all be removed (${err.message}); the next checkpoint removes them`),
    );
    this.log(
      `checkpoint: snapshot at seq ${seq} (${(snapshot.bytes / 1e6).toFixed(1)} MB; ${inWorker ? 'worker' : 'main thread'} export ${exportMs.toFixed(0)} ms${inPlace ? ' (in place)' : ''}, write ${writeMs.toFixed(0)} ms; ` +
        `main thread ${cutMs.toFixed(0)} ms at the cut; ${(performance.now() - started).toFixed(0)} ms in all)`,
    );
  }

  /**
   * Later records go to a new segment named after seq+1; resolves once every record up to
   * `seq` is durable. A retry at the seq of a cut that already happened (its checkpoint failed
   * and nothing was committed since) keeps that cut's segment.
   */
  private cutJournal(seq: number): { seq: number; segment: string; durable: Promise<void> } {
    if (this.lastCut?.seq === seq) return this.lastCut;
    const segment = join(this.dir, JOURNAL_DIR, segmentName(seq + 1));
    const durable = this.writer.switchTo(segment);
    durable.catch(() => undefined); // handled by the checkpoint
    // The new file's folder entry must be durable before any answer comes from it.
    const entry = fsyncDirAsync(join(this.dir, JOURNAL_DIR));
    this.segmentEntry = entry;
    entry.then(
      () => this.segmentEntry === entry && (this.segmentEntry = null),
      (err: Error) => this.fail(err),
    );
    this.metaBytesSinceCut = 0;
    this.bytesSinceCut = 0;
    return (this.lastCut = { seq, segment, durable });
  }

  /**
   * Rotates this open encrypted store's key (issue 12): the data key is unwrapped with `from` (the
   * current key: a rekey needs it, not only the open store) and wrapped again under `to`, and
   * store.json is replaced durably, in turn with checkpoints. No data is rewritten: seconds at most.
   */
  async rekey(from: KekSource, to: KekSource): Promise<void> {
    if (this.closed) throw new StoreWriteError('the store is closed');
    // The whole rotation takes its turn among store.json's writes: it rewraps the header it will replace.
    await this.writeManifestInTurn(async (m) => {
      const header = m.encryption;
      if (!header) throw new StoreOpenError(`store ${this.dir} is not encrypted, so it has no key to rotate; encrypt it with sextant store encrypt`);
      const ref = { header, storeId: m.storeId, storeDir: this.dir };
      const dek = await unlock(ref, from);
      try {
        return { ...m, encryption: await rewrapDataKey(ref, dek, to) };
      } finally {
        dek.dispose();
      }
    });
  }

  /** Writes store.json as `build` makes it from the current manifest, after any write in flight; the manifest changes once it is durable. */
  private writeManifestInTurn(build: (m: Manifest) => Manifest | Promise<Manifest>): Promise<Manifest> {
    const next = this.manifestWrites.then(async () => {
      const m = await build(this.manifest);
      await writeManifestAsync(this.dir, m);
      this.manifest = m;
      return m;
    });
    this.manifestWrites = next.catch(() => undefined);
    return next;
  }

  /** Waits for pending writes, checkpoints (only if anything changed), and releases the store (also when that fails). */
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
      await this.manifestWrites; // a rekey in flight finishes before the store is let go
      await this.checkpointer.close();
      await this.writer.close();
      this.ctx.files.close();
      this.ctx.db.close();
      this.keys?.dispose();
      await this.lock.release();
    }
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err instanceof StoreWriteError ? err : new StoreWriteError(`store failed: ${err.message}; writes are refused until it is reopened`);
    this.log(this.failure.message);
  }
}
