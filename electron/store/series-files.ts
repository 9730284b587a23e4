import { close, closeSync, constants, existsSync, fstat, fstatSync, mkdirSync, open as openFd, openSync, readSync, writeSync } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import type { StoreKeys } from './crypto/store-keys';
import { type BufferedPoints, covers, overlay } from './series/buffered-points';
import { appendInline, INLINE_MAX_POINTS } from './series/inline-points';
import { type WriteAt, writeAllAt } from './series/positional-write';
import { PendingPoints } from './series/pending-points';
import { SealedFileIo } from './series/sealed-file-io';
import { SealedSeries, type SealedTail } from './series/sealed-series';
import type { PointOrder, TurnClock } from './series/sort-steps';
import { snapshotEntries, type SortedSnapshot, SortedViews } from './series/sorted-views';
import { compareHistory, notePoint, type SeriesMeta } from './series-meta';

/** Each point is three float64s: timestamp, step, value. */
const POINT_BYTES = 24;
/** Points buffered before they are written: 1.5 MB, a write of well under a millisecond (6 MB took 1–60 ms under load). */
const FLUSH_POINTS = 64 * 1024;
const MAX_OPEN_FILES = 128;
/**
 * Series writes and fsyncs in flight at once, together. libuv's pool has 4 threads; more than 2
 * series operations would queue the journal's fdatasync (which every acknowledged write waits
 * for) behind them.
 */
const POOL_SLOTS = 2;
/** Reads of at most this many points are made at once even on the async path (a few hundred µs). */
const READ_NOW_POINTS = 4096;

/** Buffered points of one series handed to the thread pool: readable from here until they are written. */
interface SeriesWrite {
  id: number;
  /** Position (in points) of the first. */
  start: number;
  /** Encrypted stores: the sync interval it was queued in (SealedSeries.gen). */
  gen: number;
  data: Float64Array;
  /** Resolves when the write is done or failed (never rejects: a failure surfaces at the next sync). */
  done: Promise<void>;
  settle: () => void;
}

interface OpenFile {
  fd: number;
  /** Writes in flight on it: it is not closed (LRU eviction) until they are done. */
  writing: number;
  closeWhenIdle?: boolean;
  /** Encrypted stores: the last block as the last write sealed it (or a read found it). */
  tail?: SealedTail;
}

/** Options of SeriesFiles besides the folder and the keys. */
export interface SeriesFilesOptions {
  /** Bytes of sorted views of out-of-order histories kept (sorted-views.ts). */
  sortedViewBytes?: number;
  /** The positional write (tests hold writes with it). */
  writeAt?: WriteAt;
  /** Encrypted stores: full blocks kept decrypted (decrypted-blocks.ts). */
  decryptedBlocks?: number;
}

const openFdLater = promisify(openFd);
const fstatLater = promisify(fstat);
/** Opened read-write, created if missing; not O_APPEND: writes are positional. */
const OPEN_FLAGS = constants.O_RDWR | constants.O_CREAT | (constants.O_NONBLOCK ?? 0);

export { type WriteAt, writeAllAt };

/**
 * Metric histories as append-only files under series/, outside the sql.js heap, and small
 * ones inline (`meta.inline`, kept in the `series` row by SeriesIndex): every read gives the
 * same answer for both. A series starts inline and moves to its file when it outgrows
 * INLINE_MAX_POINTS; a series with a file keeps it.
 * Points are written at the position the metadata says (never "at the end"), so bytes a
 * crash left past the last checkpointed count are simply overwritten by the journal replay
 * (and an inline series replayed past the limit rewrites its file from the first point).
 * Buffered points are written on the thread pool, POOL_SLOTS at once with the fsyncs; until a write is
 * done its points are read from its buffer. A failed write fails every later sync and append
 * (as a failed sync fails the store); its points stay readable from their buffer.
 *
 * With `keys` (an encrypted store) every byte written is sealed in blocks of 170 points with the
 * series' subkey (series/sealed-series-layout.ts: layout, and the tail copy that keeps a torn
 * re-seal of the last block from losing checkpointed points); reads open and verify every block
 * they use and report a block that does not open as a SeriesDamageError naming the series. The
 * writes of one series then go one at a time (each re-seals the block the previous one ended in).
 * Without keys the files are plain float64 triples, exactly as before.
 */
export class SeriesFiles {
  /** Points not yet written, by series id: `start` is the position of the first. */
  private pending = new Map<number, PendingPoints>();
  private pendingPoints = 0;
  private dirty = new Set<number>();
  /** Folders that got new entries (files, or folders in series/) since the last sync. */
  private newEntries = new Set<string>();
  private fds = new Map<number, OpenFile>();
  /** Writes not started yet, from `queueHead` on. */
  private queue: SeriesWrite[] = [];
  private queueHead = 0;
  /** Series writes and fsyncs on the thread pool (at most POOL_SLOTS). */
  private poolActive = 0;
  /** fsyncs waiting for a slot: served before queued writes. */
  private slotWaiters: Array<() => void> = [];
  /** Writes queued or in flight, by series id, oldest first. */
  private inFlight = new Map<number, SeriesWrite[]>();
  private writeFailure: Error | null = null;
  private closed = false;
  /** Histories logged out of order, kept sorted (bounded, least recently read dropped first). */
  readonly sortedViews: SortedViews;
  private writeAt: WriteAt;
  /** Encrypted stores only. */
  private sealed: SealedFileIo | null;

  constructor(
    private dir: string,
    keys: StoreKeys | null = null,
    options: SeriesFilesOptions = {},
  ) {
    mkdirSync(dir, { recursive: true });
    this.writeAt = options.writeAt ?? writeAllAt;
    this.sealed = keys
      ? new SealedFileIo(new SealedSeries(keys, options.decryptedBlocks), {
          file: (id) => this.open(id),
          path: (id) => this.path(id),
          buffered: (id) => this.buffered(id),
          writeAt: (fd, buf, position) => this.writeAt(fd, buf, position),
        })
      : null;
    this.sortedViews = new SortedViews({ readNow: (m, s, c) => this.readRaw(m, s, c), readLater: (m, s, c) => this.readRawLater(m, s, c) }, options.sortedViewBytes);
  }

  append(meta: SeriesMeta, t: number, s: number, v: number): void {
    if (this.writeFailure) throw this.writeFailure;
    if (meta.inline) {
      if (meta.points < INLINE_MAX_POINTS) {
        appendInline(meta as SeriesMeta & { inline: Float64Array }, meta.points, t, s, v);
        notePoint(meta, t, s, v);
        return;
      }
      this.moveToFile(meta);
    }
    let p = this.pending.get(meta.id);
    if (!p) this.pending.set(meta.id, (p = new PendingPoints(meta.points)));
    p.push(t, s, v);
    notePoint(meta, t, s, v);
    if (++this.pendingPoints >= FLUSH_POINTS) this.flush();
  }

  /** An inline series that outgrew the limit: all its points go to its file, from the first. */
  private moveToFile(meta: SeriesMeta): void {
    const first = meta.inline!.subarray(0, meta.points * 3);
    delete meta.inline;
    this.pending.set(meta.id, new PendingPoints(0, first)); // bytes a crash left in the file are overwritten
    this.pendingPoints += meta.points;
  }

  /**
   * Whether this exact (timestamp, step, value) point is already in the series, for series
   * whose file is sorted: by history order (binary search) or by step (binary search to the
   * step, then a scan of its points). Both use positional reads, no sort. Series logged in
   * neither order keep exact duplicates on disk and drop them when read (`historyLength`,
   * `readOrdered`, `readAll`), so ingest never pays for an index.
   */
  contains(meta: SeriesMeta, t: number, s: number, v: number): boolean {
    const last = meta.last;
    if (!last) return false;
    if (meta.ordered) {
      const vsLast = compareHistory(t, s, v, last.t, last.s, last.v);
      if (vsLast >= 0) return vsLast === 0;
      const i = this.firstIndex(meta, (p) => compareHistory(p[0]!, p[1]!, p[2]!, t, s, v) >= 0);
      return i < meta.points && this.samePoint(meta, i, t, s, v);
    }
    if (!meta.byStep || s > last.s) return false;
    for (let i = this.firstIndex(meta, (p) => p[1]! >= s); i < meta.points; i++) {
      const p = this.readRaw(meta, i, 1);
      if (p[1] !== s) return false;
      if (compareHistory(p[0]!, p[1]!, p[2]!, t, s, v) === 0) return true;
    }
    return false;
  }

  /** First point index (in file order) passing `test`, a test that once true stays true. */
  private firstIndex(meta: SeriesMeta, test: (p: Float64Array) => boolean): number {
    let lo = 0;
    let hi = meta.points;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (test(this.readRaw(meta, mid, 1))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private samePoint(meta: SeriesMeta, i: number, t: number, s: number, v: number): boolean {
    const p = this.readRaw(meta, i, 1);
    return compareHistory(p[0]!, p[1]!, p[2]!, t, s, v) === 0;
  }

  /** Distinct points in the history (what get-history pages over). */
  historyLength(meta: SeriesMeta): number {
    return meta.ordered ? meta.points : this.sortedViews.snapshot(meta, 'history').order.length;
  }

  /**
   * Makes the series readable in `by` order without a long task: a history logged out of that
   * order is read on the thread pool and sorted in slices between event-loop turns (`nextTurn`).
   * The synchronous reads after it find the work done (or only points logged since to merge).
   */
  async prepareSorted(meta: SeriesMeta, by: PointOrder, nextTurn: (() => Promise<void>) | TurnClock): Promise<void> {
    if (by === 'history' ? meta.ordered : meta.byStep) return;
    await this.sortedViews.prepare(meta, by, nextTurn);
  }

  /**
   * The series' distinct points in `by` order as of now, without copying them. Only for series
   * logged out of that order (`ordered` / `byStep` false); a sorted file is read by position.
   */
  sortedSnapshot(meta: SeriesMeta, by: PointOrder): SortedSnapshot {
    return this.sortedViews.snapshot(meta, by);
  }

  /**
   * Reads distinct points by position in history order, as the series stands now: points logged
   * after this call do not move what it reads (a series logged in order only grows at its end;
   * one out of order is read from a snapshot of its sorted view).
   */
  historyReader(meta: SeriesMeta): (start: number, count: number) => Float64Array {
    if (meta.ordered) return (start, count) => this.readRaw(meta, start, count);
    const snap = this.sortedViews.snapshot(meta, 'history');
    return (start, count) => snapshotEntries(snap, start, count);
  }

  /**
   * Hands buffered points to the thread pool to be written to their files (page cache; `sync`
   * makes them durable). Nothing is written after a write failed.
   */
  flush(): void {
    if (this.writeFailure || this.closed) return;
    for (const [id, p] of this.pending) {
      let settle!: () => void;
      const done = new Promise<void>((resolve) => (settle = resolve));
      const w: SeriesWrite = { id, start: p.start, gen: this.sealed?.sealed.gen ?? 0, data: p.take(), done, settle };
      this.queue.push(w);
      const list = this.inFlight.get(id);
      if (list) list.push(w);
      else this.inFlight.set(id, [w]);
    }
    this.pending.clear();
    this.pendingPoints = 0;
    this.startWrites();
  }

  /** Resolves once every write queued so far is done or failed. */
  async written(): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const list of this.inFlight.values()) for (const w of list) waits.push(w.done);
    await Promise.all(waits);
  }

  private startWrites(): void {
    while (this.poolActive < POOL_SLOTS && this.queueHead < this.queue.length) {
      const w = this.queue[this.queueHead]!;
      this.queue[this.queueHead++] = undefined as unknown as SeriesWrite; // let it go once written
      if (this.writeFailure) {
        w.settle(); // refused: its points stay readable from its buffer
        continue;
      }
      this.startWrite(w);
    }
    if (this.queueHead === this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    }
  }

  private startWrite(w: SeriesWrite): void {
    this.poolActive++;
    const known = this.fds.get(w.id);
    if (known) {
      this.open(w.id); // most recently used
      known.writing++;
      this.write(w, known);
    } else {
      this.openForWrite(w.id).then(
        (file) => this.write(w, file),
        (err: Error) => this.writeDone(w, null, err),
      );
    }
  }

  /**
   * Opens the file of series `id` on the thread pool, as `open` does, and counts a write on it
   * (in the same turn it is put in the LRU, so it is never evicted before its write starts).
   */
  private async openForWrite(id: number): Promise<OpenFile> {
    const path = this.path(id);
    const folder = dirname(path);
    if ((await mkdir(folder, { recursive: true })) !== undefined) this.newEntries.add(this.dir);
    const existed = await stat(path).then(
      () => true,
      () => false,
    );
    const fd = await openFdLater(path, OPEN_FLAGS, 0o644);
    try {
      if (!(await fstatLater(fd)).isFile()) throw new Error(`series file ${path} is not a regular file`);
    } catch (err) {
      close(fd, () => undefined);
      throw err;
    }
    if (!existed) this.newEntries.add(folder);
    const known = this.fds.get(id);
    if (known) close(fd, () => undefined); // opened meanwhile by a read
    const file: OpenFile = known ?? { fd, writing: 0 };
    if (this.closed) file.closeWhenIdle = true; // closed once this write is done
    else if (known) this.open(id);
    else this.insert(id, file);
    file.writing++;
    return file;
  }

  private write(w: SeriesWrite, file: OpenFile): void {
    if (this.sealed) {
      this.writeSealed(w, file, this.sealed).then(
        () => this.writeDone(w, file),
        (err: Error) => this.writeDone(w, file, err),
      );
      return;
    }
    const buf = Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength);
    this.writeAt(file.fd, buf, w.start * POINT_BYTES).then(
      () => this.writeDone(w, file),
      (err: Error) => this.writeDone(w, file, err),
    );
  }

  /** An encrypted write, after the series' previous write (each re-seals the block the previous one ended in). */
  private async writeSealed(w: SeriesWrite, file: OpenFile, io: SealedFileIo): Promise<void> {
    const list = this.inFlight.get(w.id) ?? [];
    const before = list[list.indexOf(w) - 1];
    if (before) await before.done;
    if (this.writeFailure) throw this.writeFailure;
    await io.write(w, file);
  }

  private writeDone(w: SeriesWrite, file: OpenFile | null, err?: Error): void {
    if (file) {
      file.writing--;
      if (file.closeWhenIdle && file.writing === 0) close(file.fd, () => undefined);
    }
    if (err) {
      this.writeFailure ??= new Error(`series file ${this.path(w.id)} could not be written (${err.message})`);
    } else {
      this.dirty.add(w.id);
      const list = this.inFlight.get(w.id)!;
      list.splice(list.indexOf(w), 1);
      if (list.length === 0) this.inFlight.delete(w.id);
    }
    w.settle();
    this.releaseSlot();
  }

  private acquireSlot(): Promise<void> {
    if (this.poolActive < POOL_SLOTS) {
      this.poolActive++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.slotWaiters.push(resolve));
  }

  /** Hands the slot to a waiting fsync, or starts queued writes. */
  private releaseSlot(): void {
    const next = this.slotWaiters.shift();
    if (next) return next();
    this.poolActive--;
    this.startWrites();
  }

  /**
   * Makes every point written so far durable: flushes the buffers, then fsyncs each file
   * written since the last sync, and each folder that got a new file or folder, a few at once
   * on the thread pool. Inline points need nothing here: the journal holds them until a
   * snapshot does.
   */
  async sync(concurrency = POOL_SLOTS): Promise<void> {
    if (this.writeFailure) throw this.writeFailure;
    this.flush();
    this.sealed?.sealed.noteSyncing(); // writes queued from now on keep a new tail copy: what they overwrite is being made durable now
    await this.written(); // a file is marked dirty once its write is done
    if (this.writeFailure) throw this.writeFailure;
    const targets: Array<{ path: string; flags: string; id?: number }> = [...this.dirty].map((id) => ({ path: this.path(id), flags: 'r+', id }));
    if (process.platform !== 'win32') for (const path of this.newEntries) targets.push({ path, flags: 'r' }); // Windows cannot fsync a folder
    this.dirty.clear();
    this.newEntries.clear();
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const { path, flags, id } = targets[next++]!;
        await this.acquireSlot();
        try {
          const fh = await open(path, flags);
          try {
            await fh.sync();
            if (id !== undefined) this.sealed?.sealed.noteFsynced(id);
          } finally {
            await fh.close();
          }
        } finally {
          this.releaseSlot();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  }

  /**
   * Distinct points [start, start+count) in history order (timestamp, step, value), as a
   * Float64Array of (t, s, v) triples.
   */
  readOrdered(meta: SeriesMeta, start: number, count: number): Float64Array {
    return this.historyReader(meta)(start, count);
  }

  /** Every distinct point ordered by step (then timestamp and value). */
  readAll(meta: SeriesMeta, by: 'step'): Float64Array {
    if (meta.byStep && meta.ordered) return this.readRaw(meta, 0, meta.points);
    const snap = this.sortedViews.snapshot(meta, by);
    return snapshotEntries(snap, 0, snap.order.length);
  }

  /** Calls `fn` with points [start, end) in logged order, read in chunks of about 1.5 MB. */
  forEachChunk(meta: SeriesMeta, start: number, end: number, fn: (pts: Float64Array) => void): void {
    const CHUNK = 65_536;
    for (let at = start; at < end; at += CHUNK) fn(this.readRaw(meta, at, Math.min(CHUNK, end - at)));
  }

  /** Points [start, start+count) in the order they were logged. */
  readRaw(meta: SeriesMeta, start: number, count: number): Float64Array {
    const n = Math.max(0, Math.min(count, meta.points - start));
    if (meta.inline) return meta.inline.slice(start * 3, (start + n) * 3);
    const buffered = this.buffered(meta.id);
    if (this.sealed) return this.sealed.read(meta, start, n, buffered);
    const out = new Float64Array(n * 3);
    if (buffered.length > 0 && covers(buffered, start, start + n)) return overlay(out, buffered, start, start + n);
    const buf = Buffer.from(out.buffer);
    let off = 0;
    while (off < buf.length) {
      const got = readSync(this.open(meta.id).fd, buf, off, buf.length - off, start * POINT_BYTES + off);
      if (got === 0) break;
      off += got;
    }
    return this.withBuffered(meta, out, buffered, start, start + n, start + Math.floor(off / POINT_BYTES));
  }

  /** Points of series `id` not yet in its file, oldest first (later ones win where they overlap). */
  private buffered(id: number): BufferedPoints[] {
    const list: BufferedPoints[] = [...(this.inFlight.get(id) ?? []).map((w) => ({ start: w.start, values: w.data }))];
    const p = this.pending.get(id);
    if (p) list.push({ start: p.start, values: p.values });
    return list;
  }

  /** `out` (points [from, to), read from the file up to `fileEnd`) with the buffered points laid over it. */
  private withBuffered(meta: SeriesMeta, out: Float64Array, buffered: BufferedPoints[], from: number, to: number, fileEnd: number): Float64Array {
    if (fileEnd < to && !covers(buffered, fileEnd, to)) throw new Error(`series file ${this.path(meta.id)} is shorter than its ${meta.points} recorded points`);
    return overlay(out, buffered, from, to);
  }

  /**
   * Points [start, start+count) in logged order, read on the thread pool (through a handle of its
   * own: an fd of the LRU may be closed and its number reused while the read is in flight).
   */
  async readRawLater(meta: SeriesMeta, start: number, count: number): Promise<Float64Array> {
    const n = Math.max(0, Math.min(count, meta.points - start));
    if (meta.inline || n <= READ_NOW_POINTS) return this.readRaw(meta, start, n);
    if (this.sealed) return this.sealed.readLater(meta, start, n);
    const buffered = this.buffered(meta.id); // as of now: writes that end meanwhile are laid over what the file gave
    const buf = Buffer.allocUnsafeSlow(n * POINT_BYTES); // not zero-filled first: every byte is read into
    const out = new Float64Array(buf.buffer, 0, n * 3);
    if (covers(buffered, start, start + n)) return overlay(out, buffered, start, start + n);
    let off = 0;
    const fh = await open(this.path(meta.id), 'r');
    try {
      while (off < buf.length) {
        const { bytesRead } = await fh.read(buf, off, buf.length - off, start * POINT_BYTES + off);
        if (bytesRead === 0) break;
        off += bytesRead;
      }
    } finally {
      await fh.close();
    }
    return this.withBuffered(meta, out, buffered, start, start + n, start + Math.floor(off / POINT_BYTES));
  }

  /**
   * Releases the files. Points not handed to the thread pool yet are written here (at once: the
   * store is closing); a file with a write in flight is closed when that write is done.
   */
  close(): void {
    if (this.closed) return;
    if (this.sealed && !this.writeFailure) this.writeSealedOnClose(this.sealed);
    else if (!this.writeFailure) {
      for (const [id, p] of this.pending) this.writeNow(id, p.start, p.take());
      for (let i = this.queueHead; i < this.queue.length; i++) this.writeNow(this.queue[i]!.id, this.queue[i]!.start, this.queue[i]!.data);
    }
    for (let i = this.queueHead; i < this.queue.length; i++) this.queue[i]!.settle();
    this.closed = true;
    this.pending.clear();
    this.queue = [];
    this.queueHead = 0;
    for (const file of this.fds.values()) {
      if (file.writing > 0) file.closeWhenIdle = true;
      else closeSync(file.fd);
    }
    this.fds.clear();
    this.sortedViews.clear();
    this.sealed?.sealed.clear();
  }

  /** Encrypted stores, at close: writes not started yet (queued, then buffered), for series with no write in flight. */
  private writeSealedOnClose(io: SealedFileIo): void {
    const notStarted = new Set(this.queue.slice(this.queueHead));
    const writes = [...notStarted].map((w) => ({ id: w.id, start: w.start, gen: w.gen, data: w.data }));
    for (const [id, p] of this.pending) writes.push({ id, start: p.start, gen: io.sealed.gen, data: p.take() });
    io.writeOnClose(writes, (id) => (this.inFlight.get(id) ?? []).some((w) => !notStarted.has(w)));
  }

  private writeNow(id: number, start: number, values: Float64Array): void {
    const data = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    let off = 0;
    while (off < data.length) off += writeSync(this.open(id).fd, data, off, data.length - off, start * POINT_BYTES + off);
  }

  private path(id: number): string {
    return join(this.dir, String(id % 1000).padStart(3, '0'), `${id}.f64`);
  }

  private open(id: number): OpenFile {
    const known = this.fds.get(id);
    if (known) {
      this.fds.delete(id); // re-insert: Map order is our LRU order
      this.fds.set(id, known);
      return known;
    }
    const path = this.path(id);
    const folder = dirname(path);
    if (mkdirSync(folder, { recursive: true }) !== undefined) this.newEntries.add(this.dir);
    if (!existsSync(path)) this.newEntries.add(folder);
    const fd = openSync(path, OPEN_FLAGS, 0o644);
    if (!fstatSync(fd).isFile()) {
      closeSync(fd); // a FIFO or device put there would block every read of the main thread
      throw new Error(`series file ${path} is not a regular file`);
    }
    const file: OpenFile = { fd, writing: 0 };
    this.insert(id, file);
    return file;
  }

  /** Puts a file just opened in the LRU, closing (on the thread pool) the least recently used one with no write in flight. */
  private insert(id: number, file: OpenFile): void {
    if (this.fds.size >= MAX_OPEN_FILES) {
      for (const [oldId, old] of this.fds) {
        if (old.writing > 0) continue; // never closed under a write in flight
        close(old.fd, () => undefined); // still in `dirty` if written: sync() fsyncs it by path
        this.fds.delete(oldId);
        break;
      }
    }
    this.fds.set(id, file);
  }
}
