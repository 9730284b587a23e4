import { close, closeSync, fdatasync, openSync, write } from 'node:fs';
import { promisify } from 'node:util';
import { encodeRecord } from './journal-format';
import { StoreWriteError } from './store-errors';

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);
const closeAsync = promisify(close);

interface Pending {
  fd: number;
  buf: Buffer;
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * Appends records to the journal with group commit: every record appended while an fsync is
 * in flight joins the next write+fsync, so concurrent writers share one fsync. `append`
 * resolves only once its record is on disk. `switchTo` moves later appends to a new segment
 * at once (synchronously), which is what lets a checkpoint cut the journal at an exact seq.
 */
export class JournalWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private failure: Error | null = null;
  private fd: number;
  private bytes = 0;
  /** The last record appended to the current segment: durable once it is. */
  private tail: Promise<void> | null = null;
  /** Old segments being synced and closed. */
  private retiring: Promise<void>[] = [];

  /** Opens (or creates) the segment new records go to; a fresh segment per open and per checkpoint. */
  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }

  /** Bytes in the current segment, including queued records. */
  get size(): number {
    return this.bytes;
  }

  /** The error that stopped the writer, if one did: every later append is refused with it. */
  get failed(): Error | null {
    return this.failure;
  }

  append(seq: number, payload: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const buf = encodeRecord(seq, payload);
    this.bytes += buf.length;
    this.tail = new Promise((resolve, reject) => {
      this.queue.push({ fd: this.fd, buf, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
    return this.tail;
  }

  /**
   * Later appends go to `path`. Resolves once every record of the old segment is durable (it
   * is then closed), however many records go to the new one meanwhile; rejects if one failed.
   */
  switchTo(path: string): Promise<void> {
    const next = openSync(path, 'a');
    const old = this.fd;
    const done = (this.tail ?? Promise.resolve()).finally(() => closeAsync(old));
    this.fd = next;
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

  async close(): Promise<void> {
    await this.drain().catch(() => undefined);
    closeSync(this.fd);
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length && !this.failure) {
        const batch = this.queue;
        this.queue = [];
        try {
          for (const group of groupByFd(batch)) {
            await writeFully(group.fd, group.bufs.length === 1 ? group.bufs[0]! : Buffer.concat(group.bufs));
            await fdatasyncAsync(group.fd);
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

function groupByFd(batch: Pending[]): { fd: number; bufs: Buffer[] }[] {
  const groups: { fd: number; bufs: Buffer[] }[] = [];
  for (const p of batch) {
    const last = groups[groups.length - 1];
    if (last && last.fd === p.fd) last.bufs.push(p.buf);
    else groups.push({ fd: p.fd, bufs: [p.buf] });
  }
  return groups;
}

async function writeFully(fd: number, data: Buffer): Promise<void> {
  let off = 0;
  while (off < data.length) off += (await writeAsync(fd, data, off, data.length - off)).bytesWritten;
}
