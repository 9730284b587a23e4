import { dirname, join } from 'node:path';
import type { StoreKeys } from './crypto/store-keys';
import { encodeRecord } from './journal-format';
import { SPARE_SEGMENT } from './journal-segments';
import { SegmentFile, type Preallocation } from './journal/segment-file';
import { sealJournalPayload } from './journal/sealed-payload';
import { defaultDurableWrites, nodeSegmentIo, type DurableWrites, type SegmentIo } from './journal/segment-io';
import { StoreWriteError } from './store-errors';

export interface JournalWriterOptions {
  /** Zero-filled extent size (default 1 MiB). */
  extentBytes?: number;
  /** Records a segment holds before it is preallocated, and the gap before its first extent (default 64 KiB). */
  leadBytes?: number;
  /** Default: 'dsync' on Linux, 'fdatasync' elsewhere (see segment-io.ts). */
  durableWrites?: DurableWrites;
  io?: SegmentIo;
  /** An encrypted store's keys: every payload is sealed under its segment's subkey (journal/sealed-payload.ts). */
  keys?: StoreKeys | null;
}

const DEFAULT_PREALLOCATION: Preallocation = { extentBytes: 1024 * 1024, leadBytes: 64 * 1024 };

interface Pending {
  segment: SegmentFile;
  at: number;
  buf: Buffer;
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * Appends records to the journal with group commit: every record appended while a write is in
 * flight joins the next one, so concurrent writers share one sync. `append` resolves only once
 * its record is on disk. On Linux a flush is one positioned O_DSYNC write (one thread-pool job);
 * elsewhere a write and an fdatasync. Segments are preallocated ahead of the records in
 * zero-filled extents (see SegmentFile), so appends overwrite blocks that already exist and their
 * syncs write no metadata; a clean close gives the unused space back.
 *
 * `switchTo` moves later appends to a new segment at once (synchronously), which is what lets a
 * checkpoint cut the journal at an exact seq. Once the current segment holds an extent of
 * records, the next segment is prepared ahead as a spare file (SPARE_SEGMENT, zero-filled), and
 * `switchTo` only renames it; without a spare it creates the file and preallocates it lazily.
 */
export class JournalWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private failure: Error | null = null;
  private current: SegmentFile;
  /** The next segment, prepared ahead under SPARE_SEGMENT. */
  private spare: SegmentFile | null = null;
  private sparesOff = false;
  private bytes = 0;
  /** The last record appended to the current segment: durable once it is. */
  private tail: Promise<void> | null = null;
  /** Old segments being synced and closed. */
  private retiring: Promise<void>[] = [];
  private readonly io: SegmentIo;
  private readonly mode: DurableWrites;
  private readonly prealloc: Preallocation;
  private readonly keys: StoreKeys | null;

  /** Opens (or creates) the segment new records go to; a fresh segment per open and per checkpoint. */
  constructor(path: string, options: JournalWriterOptions = {}) {
    this.io = options.io ?? nodeSegmentIo;
    this.keys = options.keys ?? null;
    this.mode = options.durableWrites ?? defaultDurableWrites();
    this.prealloc = {
      extentBytes: options.extentBytes ?? DEFAULT_PREALLOCATION.extentBytes,
      leadBytes: options.leadBytes ?? DEFAULT_PREALLOCATION.leadBytes,
    };
    this.current = this.openSegment(path);
  }

  /** Bytes of the records in the current segment, including queued ones (not its preallocated length). */
  get size(): number {
    return this.bytes;
  }

  /** The error that stopped the writer, if one did: every later append is refused with it. */
  get failed(): Error | null {
    return this.failure;
  }

  append(seq: number, payload: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const segment = this.current;
    // Sealed under the key of the segment it lands in: its final name (a spare is renamed before it takes records).
    const buf = encodeRecord(seq, sealJournalPayload(this.keys, segment.path, seq, payload));
    this.bytes += buf.length;
    const at = segment.reserve(buf.length);
    this.tail = new Promise((resolve, reject) => {
      this.queue.push({ segment, at, buf, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
    return this.tail;
  }

  /**
   * Later appends go to `path`. Resolves once every record of the old segment is durable (it
   * is then closed), however many records go to the new one meanwhile; rejects if one failed.
   * Synchronous up to the returned promise: a rename of the spare (or an open), no data written.
   */
  switchTo(path: string): Promise<void> {
    const old = this.current;
    if (path === old.path) {
      // Only a segment still empty can be cut to its own name (segments are named after their
      // first record): later records simply go on in it.
      const done = this.tail ?? Promise.resolve();
      this.bytes = 0;
      this.tail = null;
      return done;
    }
    this.current = this.takeSpare(path) ?? this.openSegment(path);
    // Closed once its records are durable and no zero-fill uses it (at most one extent's fill).
    const done = (this.tail ?? Promise.resolve()).finally(() => old.close());
    this.bytes = 0;
    this.tail = null;
    this.retiring.push(done.catch(() => undefined));
    return done;
  }

  /** Resolves when everything appended so far is durable (and old segments are closed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    await Promise.all(this.retiring.splice(0));
    if (this.failure) throw this.failure;
  }

  /** Drains, trims the current segment to its records and removes the spare. */
  async close(): Promise<void> {
    await this.drain().catch(() => undefined);
    const spare = this.spare;
    this.spare = null;
    this.sparesOff = true;
    await this.current.closeTrimmed().catch(() => undefined);
    if (spare) {
      await spare.close().catch(() => undefined);
      this.io.remove(spare.path);
    }
  }

  private openSegment(path: string): SegmentFile {
    const fd = this.io.open(path, this.mode, false);
    try {
      return new SegmentFile(fd, path, this.io.size(fd), this.io, this.mode, this.prealloc);
    } catch (err) {
      this.io.closeSync(fd);
      throw err;
    }
  }

  /** The spare renamed to `path` (its zero-fill may still be running), or null without one. */
  private takeSpare(path: string): SegmentFile | null {
    const spare = this.spare;
    if (!spare || dirname(spare.path) !== dirname(path)) return null;
    this.spare = null;
    try {
      this.io.rename(spare.path, path);
    } catch {
      this.sparesOff = true; // someone removed it, or Windows refused (a scanner holding it): go on without spares
      this.retiring.push(spare.close().then(() => this.io.remove(spare.path)).catch(() => undefined));
      return null;
    }
    spare.path = path;
    return spare;
  }

  /** Once the current segment holds an extent of records, a checkpoint is likely: prepare the next segment. */
  private prepareSpare(): void {
    if (this.sparesOff || this.spare || this.current.recordsEnd < this.prealloc.extentBytes) return;
    const path = join(dirname(this.current.path), SPARE_SEGMENT);
    try {
      const fd = this.io.open(path, this.mode, true);
      this.spare = new SegmentFile(fd, path, 0, this.io, this.mode, this.prealloc);
    } catch {
      this.sparesOff = true;
      return;
    }
    this.spare.preallocateFromStart();
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length && !this.failure) {
        const batch = this.queue;
        this.queue = [];
        try {
          for (const group of groupBySegment(batch)) {
            await group.segment.write(group.at, group.bufs);
            if (group.segment === this.current) {
              group.segment.prepareAhead();
              this.prepareSpare();
            }
          }
          for (const p of batch) p.resolve();
        } catch (err) {
          this.failure = new StoreWriteError(`journal write failed (${(err as Error).message}); the store refuses writes until it is reopened`);
          for (const p of [...batch, ...this.queue]) p.reject(this.failure);
          this.queue = [];
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}

/** Consecutive records of one segment, which sit back to back in it. */
function groupBySegment(batch: Pending[]): { segment: SegmentFile; at: number; bufs: Buffer[] }[] {
  const groups: { segment: SegmentFile; at: number; bufs: Buffer[] }[] = [];
  for (const p of batch) {
    const last = groups[groups.length - 1];
    if (last && last.segment === p.segment) last.bufs.push(p.buf);
    else groups.push({ segment: p.segment, at: p.at, bufs: [p.buf] });
  }
  return groups;
}
