import { fdatasync, fdatasyncSync, read, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { DamageError } from '../crypto/sealed';
import type { SeriesMeta } from '../series-meta';
import { type BufferedPoints, covers, overlay } from './buffered-points';
import type { WriteAt } from './positional-write';
import type { SealedSeries, SealedTail } from './sealed-series';
import { BLOCK_POINTS, blockPosition, SLOT_BYTES, TAIL_COPY_POSITION } from './sealed-series-layout';
import { SeriesDamageError } from './series-damage-error';

const POINT_BYTES = 24;
/** Blocks a long read opens between two event-loop turns (about 0.3 ms of decryption at 8 µs a block). */
const OPEN_PER_TURN = 32;
const fdatasyncLater = promisify(fdatasync);
const readLater = promisify(read);

/** An open series file as SeriesFiles keeps it (in its LRU). */
export interface SealedOpenFile {
  fd: number;
  tail?: SealedTail;
}

/** What the sealed reads and writes take from SeriesFiles. */
export interface SealedFileHost {
  /** The open file of series `id` (opened now if it is not). */
  file(id: number): SealedOpenFile;
  path(id: number): string;
  /** Points of the series not in its file yet (buffers, writes in flight), oldest first. */
  buffered(id: number): BufferedPoints[];
  writeAt: WriteAt;
}

/** A buffered write of one series; a sealed write widens it to the start of its first block. */
export interface SealedWriteBuffer {
  id: number;
  start: number;
  /** The sync interval it was queued in (SealedSeries.gen). */
  gen: number;
  data: Float64Array;
}

/**
 * The reads and writes of sealed series files (encrypted stores): positions, slots and the tail
 * copy as sealed-series-layout.ts lays them out, the crypto in SealedSeries.
 */
export class SealedFileIo {
  constructor(
    readonly sealed: SealedSeries,
    private host: SealedFileHost,
  ) {}

  /**
   * Writes one buffer (the series' previous write is done): the head of its first block from the
   * open file's tail (or read on the thread pool), sealed on this thread (about 8 µs per 4 KB
   * block), then the tail copy if due (the fdatasync before it makes the blocks it stands for
   * durable, the one after it orders it before the re-seal), then the blocks.
   */
  async write(w: SealedWriteBuffer, file: SealedOpenFile): Promise<void> {
    const sealed = this.sealed;
    const need = sealed.headToRead(w.start, file.tail);
    let head: SealedTail | null = null;
    if (need) {
      const [slot, copy] = await Promise.all([readSlotLater(file.fd, blockPosition(need.block)), readSlotLater(file.fd, TAIL_COPY_POSITION)]);
      head = sealed.openHead(w.id, need.block, need.points, slot, () => copy);
    }
    const prepared = sealed.prepareWrite(w.id, w.start, w.gen, w.data, file.tail, head);
    w.start = prepared.start; // readers take the block's head from the buffer too while it is re-sealed
    w.data = prepared.values;
    file.tail = prepared.tail;
    const { tailCopy, position, bytes } = prepared.io;
    if (tailCopy) {
      if (prepared.syncBeforeCopy) await fdatasyncLater(file.fd);
      await this.host.writeAt(file.fd, tailCopy, TAIL_COPY_POSITION);
      await fdatasyncLater(file.fd);
    }
    await this.host.writeAt(file.fd, bytes, position);
  }

  /**
   * At close: writes not started yet, sealed and written here, oldest first, for series with no
   * write in flight (`busy`): a series with one keeps its later points in the journal, which
   * replays them at the next open, as after a crash. So does a series whose write fails here.
   */
  writeOnClose(writes: SealedWriteBuffer[], busy: (id: number) => boolean): void {
    const sealed = this.sealed;
    const skipped = new Set<number>();
    for (const w of writes) {
      if (skipped.has(w.id) || busy(w.id)) continue;
      try {
        const file = this.host.file(w.id);
        const need = sealed.headToRead(w.start, file.tail);
        const head = need && sealed.openHead(w.id, need.block, need.points, this.readSlotNow(w.id, blockPosition(need.block)), () => this.readSlotNow(w.id, TAIL_COPY_POSITION));
        const prepared = sealed.prepareWrite(w.id, w.start, w.gen, w.data, file.tail, head);
        file.tail = prepared.tail;
        const { tailCopy, position, bytes } = prepared.io;
        if (tailCopy) {
          fdatasyncSync(file.fd);
          writeAllNow(file.fd, tailCopy, TAIL_COPY_POSITION);
          fdatasyncSync(file.fd);
        }
        writeAllNow(file.fd, bytes, position);
      } catch {
        skipped.add(w.id);
      }
    }
  }

  /**
   * Points [start, start+n) from the blocks, buffered points laid over them.
   * Only points in the file are read from it (the file holds [0, fileEnd): the buffers hold the
   * rest, and a block being re-sealed is held whole by its write's buffer). Full blocks not
   * cached are read in one positional read; `prefetched` holds slots already read, `opened`
   * full blocks already opened.
   */
  read(meta: SeriesMeta, start: number, n: number, buffered: BufferedPoints[], prefetched?: Map<number, Buffer>, opened?: Map<number, Buffer>): Float64Array {
    const out = new Float64Array(n * 3);
    const end = start + n;
    const fileEnd = sealedFileEnd(meta, buffered);
    const bytes = new Uint8Array(out.buffer);
    const first = Math.floor(start / BLOCK_POINTS);
    const needed: number[] = [];
    for (let i = first; i * BLOCK_POINTS < Math.min(end, fileEnd); i++) {
      const from = Math.max(start, i * BLOCK_POINTS);
      const to = Math.min(end, (i + 1) * BLOCK_POINTS, fileEnd);
      if (buffered.length === 0 || !covers(buffered, from, to)) needed.push(i);
    }
    const slots = prefetched ?? new Map<number, Buffer>();
    const fullEnd = Math.floor(fileEnd / BLOCK_POINTS); // blocks before it are full
    const toRead = needed.filter((i) => i < fullEnd && !slots.has(i) && !opened?.has(i) && !this.sealed.cache.get(meta.id, i));
    if (toRead.length > 0) this.readSlotsNow(meta.id, toRead[0]!, toRead[toRead.length - 1]! + 1, slots);
    for (const i of needed) {
      const from = Math.max(start, i * BLOCK_POINTS);
      const to = Math.min(end, (i + 1) * BLOCK_POINTS, fileEnd);
      const plain = opened?.get(i) ?? this.block(meta, i, Math.min(BLOCK_POINTS, fileEnd - i * BLOCK_POINTS), slots);
      bytes.set(plain.subarray((from - i * BLOCK_POINTS) * POINT_BYTES, (to - i * BLOCK_POINTS) * POINT_BYTES), (from - start) * POINT_BYTES);
    }
    if (fileEnd < end && !covers(buffered, Math.max(start, fileEnd), end)) throw new Error(`series file ${this.host.path(meta.id)} is shorter than its ${meta.points} recorded points`);
    return overlay(out, buffered, start, end);
  }

  /** The plaintext of block `index`, which holds `points` points in the file (at least those). */
  private block(meta: SeriesMeta, index: number, points: number, slots: Map<number, Buffer>): Buffer {
    const id = meta.id;
    try {
      if (points === BLOCK_POINTS) return this.sealed.cache.get(id, index) ?? this.sealed.openFull(id, index, slots.get(index) ?? this.readSlotNow(id, blockPosition(index)));
      const file = this.host.file(id);
      if (file.tail && file.tail.block === index && file.tail.points >= points) return file.tail.plain;
      const tail = this.sealed.openHead(id, index, points, this.readSlotNow(id, blockPosition(index)), () => this.readSlotNow(id, TAIL_COPY_POSITION));
      if (!file.tail || file.tail.block <= index) file.tail = tail; // the next write's head, and where it came from
      return tail.plain;
    } catch (err) {
      throw this.named(meta, err);
    }
  }

  /** A block's DamageError as a SeriesDamageError naming the series. */
  private named(meta: SeriesMeta, err: unknown): unknown {
    return err instanceof DamageError ? new SeriesDamageError(this.host.path(meta.id), meta.id, `metric '${meta.key}' of run ${meta.runId}`, err) : err;
  }

  private readSlotNow(id: number, position: number): Buffer {
    const slots = new Map<number, Buffer>();
    const index = position / SLOT_BYTES - 1;
    this.readSlotsNow(id, index, index + 1, slots);
    return slots.get(index)!;
  }

  /** Reads slots [from, to) (-1: the tail copy) into `slots`, by block index; zeros past the end of the file. */
  private readSlotsNow(id: number, from: number, to: number, slots: Map<number, Buffer>): void {
    const buf = Buffer.alloc((to - from) * SLOT_BYTES);
    const fd = this.host.file(id).fd;
    let off = 0;
    while (off < buf.length) {
      const got = readSync(fd, buf, off, buf.length - off, (from + 1) * SLOT_BYTES + off);
      if (got === 0) break;
      off += got;
    }
    for (let i = from; i < to; i++) slots.set(i, buf.subarray((i - from) * SLOT_BYTES, (i - from + 1) * SLOT_BYTES));
  }

  /**
   * Long reads: the full blocks not cached are read on the thread pool (a full
   * block is never sealed again in this process, so reading it while writes go on is safe), then
   * opened here OPEN_PER_TURN at a time between event-loop turns, and laid out with the buffers
   * as they are then.
   */
  async readLater(meta: SeriesMeta, start: number, n: number): Promise<Float64Array> {
    const fullEnd = Math.floor(Math.min(sealedFileEnd(meta, this.host.buffered(meta.id)), start + n) / BLOCK_POINTS);
    let from = Math.floor(start / BLOCK_POINTS);
    while (from < fullEnd && this.sealed.cache.get(meta.id, from)) from++;
    let to = fullEnd;
    while (to > from && this.sealed.cache.get(meta.id, to - 1)) to--;
    const slots = new Map<number, Buffer>();
    if (from < to) {
      const buf = Buffer.alloc((to - from) * SLOT_BYTES);
      const fh = await open(this.host.path(meta.id), 'r');
      try {
        let off = 0;
        while (off < buf.length) {
          const { bytesRead } = await fh.read(buf, off, buf.length - off, (from + 1) * SLOT_BYTES + off);
          if (bytesRead === 0) break;
          off += bytesRead;
        }
      } finally {
        await fh.close();
      }
      for (let i = from; i < to; i++) slots.set(i, buf.subarray((i - from) * SLOT_BYTES, (i - from + 1) * SLOT_BYTES));
    }
    const opened = new Map<number, Buffer>();
    for (const [i, slot] of slots) {
      try {
        opened.set(i, this.sealed.openFull(meta.id, i, slot));
      } catch (err) {
        throw this.named(meta, err);
      }
      if (opened.size % OPEN_PER_TURN === 0) await nextTurn();
    }
    return this.read(meta, start, Math.max(0, Math.min(n, meta.points - start)), this.host.buffered(meta.id), slots, opened);
  }
}

/** Points of the series in its file: up to the first buffered point (a write in flight starts at its first block's start). */
function sealedFileEnd(meta: SeriesMeta, buffered: BufferedPoints[]): number {
  let end = meta.points;
  for (const b of buffered) end = Math.min(end, b.start);
  return end;
}

async function readSlotLater(fd: number, position: number): Promise<Buffer> {
  const slot = Buffer.alloc(SLOT_BYTES); // past the end of the file: zeros (not written)
  let off = 0;
  while (off < SLOT_BYTES) {
    const { bytesRead } = await readLater(fd, slot, off, SLOT_BYTES - off, position + off);
    if (bytesRead === 0) break;
    off += bytesRead;
  }
  return slot;
}

function writeAllNow(fd: number, data: Buffer, position: number): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off, position + off);
}
