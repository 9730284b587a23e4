import type { DurableWrites, SegmentIo } from './segment-io';

export interface Preallocation {
  /** Size of one zero-filled extent. */
  extentBytes: number;
  /**
   * Records a segment holds before it is preallocated, and the gap left between the records and
   * its first extent: appends made while that is filled go below it (growing the file, as
   * without preallocation) instead of waiting for the fill.
   */
  leadBytes: number;
}

let zeros: Buffer | null = null;
const ZERO_CHUNK = 1024 * 1024;

/**
 * One open journal segment: records are written at explicit positions, and the space ahead of
 * them is preallocated in zero-filled extents whose zeros are durable before any record lands
 * there, so a record written into them changes neither the file's size nor its block map and
 * its sync writes only the data. A zero-fill runs on the thread pool next to record writes; a
 * record reaching into an extent still being filled waits for the fill (never the other way
 * round, so zeros never land on a record).
 */
export class SegmentFile {
  /** Bytes handed out to records, written or queued. */
  private reserved: number;
  /** End of the records on disk. */
  private written: number;
  /** End of the last zero-filled extent whose zeros are durable (0 before the first fill). */
  private allocatedEnd = 0;
  private fill: { from: number; done: Promise<void> } | null = null;
  /** Off after a fill failed (a full disk, say): records then grow the file, as before. */
  private preallocating = true;
  /** A fill was started: the file may hold zeros past the records. */
  private filled = false;

  constructor(
    readonly fd: number,
    public path: string,
    /** Where records start: the length of the file when it was opened. */
    start: number,
    private readonly io: SegmentIo,
    private readonly mode: DurableWrites,
    private readonly prealloc: Preallocation,
  ) {
    this.reserved = start;
    this.written = start;
  }

  /** Bytes up to the end of the last record handed out. */
  get recordsEnd(): number {
    return this.reserved;
  }

  /** Hands out the place of the next `bytes` of records. */
  reserve(bytes: number): number {
    const at = this.reserved;
    this.reserved += bytes;
    return at;
  }

  /** Writes `bufs` at `at` (the place reserve gave them) and resolves once they are durable. */
  async write(at: number, bufs: Buffer[]): Promise<void> {
    const length = bufs.reduce((n, b) => n + b.length, 0);
    while (this.fill && at + length > this.fill.from) await this.fill.done;
    let pos = at;
    let rest = bufs;
    while (rest.length) {
      const n = await this.io.writeAt(this.fd, rest, pos);
      if (n <= 0) throw new Error(`wrote nothing at byte ${pos}`);
      pos += n;
      rest = dropBytes(rest, n);
    }
    if (this.mode === 'fdatasync') await this.io.datasync(this.fd);
    this.written = Math.max(this.written, pos);
  }

  /**
   * Starts zero-filling the next extent when less than half an extent is left ahead of the
   * records. Lazily: a segment is preallocated only once it holds `leadBytes` of records (a
   * short session's segment stays as it would be without preallocation). An extent follows the
   * last one; the first one (or one after records overran the last) starts `leadBytes` past the
   * records, so the appends made meanwhile need not wait for it. Nothing while a fill is in flight.
   */
  prepareAhead(): void {
    if (!this.preallocating || this.fill) return;
    const { extentBytes, leadBytes } = this.prealloc;
    if (this.allocatedEnd === 0 && this.reserved < leadBytes) return;
    if (this.allocatedEnd - this.reserved >= extentBytes / 2) return;
    this.startFill(this.allocatedEnd > this.reserved ? this.allocatedEnd : this.reserved + leadBytes);
  }

  /** Zero-fills the first extent from byte 0 (a segment prepared before anything is appended). */
  preallocateFromStart(): void {
    if (this.preallocating && !this.fill && this.reserved === 0) this.startFill(0);
  }

  /** Resolves when no zero-fill is in flight (before the file is truncated or closed). */
  async settle(): Promise<void> {
    while (this.fill) await this.fill.done;
  }

  /** Gives back the preallocated space past the records (a clean close), then closes the file. */
  async closeTrimmed(): Promise<void> {
    await this.settle();
    try {
      if (this.filled) await this.io.truncate(this.fd, this.written);
    } catch {
      // Only space: the zeros read as the end of the segment.
    }
    await this.io.close(this.fd);
  }

  /** Closes the file once no zero-fill uses it. */
  async close(): Promise<void> {
    await this.settle();
    await this.io.close(this.fd);
  }

  private startFill(from: number): void {
    const length = this.prealloc.extentBytes;
    this.filled = true;
    const done = zeroFill(this.io, this.fd, from, length, this.mode).then(
      () => {
        this.allocatedEnd = from + length;
      },
      () => {
        this.preallocating = false;
      },
    );
    this.fill = { from, done: done.finally(() => (this.fill = null)) };
  }
}

/** Writes `length` zeros at `from` and makes them durable. */
async function zeroFill(io: SegmentIo, fd: number, from: number, length: number, mode: DurableWrites): Promise<void> {
  zeros ??= Buffer.alloc(ZERO_CHUNK);
  const end = from + length;
  for (let pos = from; pos < end; ) {
    const n = await io.writeAt(fd, [zeros.subarray(0, Math.min(zeros.length, end - pos))], pos);
    if (n <= 0) throw new Error(`wrote no zeros at byte ${pos}`);
    pos += n;
  }
  if (mode === 'fdatasync') await io.datasync(fd);
}

/** `bufs` without their first `n` bytes. */
function dropBytes(bufs: Buffer[], n: number): Buffer[] {
  let i = 0;
  while (i < bufs.length && n >= bufs[i]!.length) n -= bufs[i++]!.length;
  if (i === bufs.length) return [];
  return n ? [bufs[i]!.subarray(n), ...bufs.slice(i + 1)] : bufs.slice(i);
}
