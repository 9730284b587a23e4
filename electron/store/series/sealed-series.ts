import type { StoreKeys } from '../crypto/store-keys';
import { DecryptedBlocks, DEFAULT_DECRYPTED_BLOCKS } from './decrypted-blocks';
import { BLOCK_POINTS, openFullBlock, openPartialBlock, type SealedSeriesWrite, sealSeriesWrite } from './sealed-series-layout';

const POINT_BYTES = 24;

/** The partly filled (or just filled) last block of an open series file, as its last write sealed it. */
export interface SealedTail {
  block: number;
  points: number;
  /** Its plaintext (at least `points` points). */
  plain: Buffer;
  /** Read from the tail copy (the block itself did not open): the copy must not be overwritten before the next sync. */
  fromCopy: boolean;
}

/** One write made ready: points from `start` (the head of its first block, then the new points) and what goes on disk. */
export interface PreparedWrite {
  start: number;
  values: Float64Array;
  io: SealedSeriesWrite;
  tail: SealedTail;
  /** Whether the file must be made durable before the tail copy overwrites the previous one. */
  syncBeforeCopy: boolean;
}

const MAX_CLEAN = 65_536;

/**
 * The encrypted side of SeriesFiles: seals each write with the series' subkey, opens blocks for
 * reads (keeping recently opened full blocks decrypted), and remembers which series have had
 * their tail copy written since the last sync (sealed-series-layout.ts says why there is one).
 * It holds no file handles: SeriesFiles reads and writes the bytes.
 */
export class SealedSeries {
  readonly cache: DecryptedBlocks;
  /**
   * The current sync interval: a write is stamped with the interval it was queued in. A sync
   * (`noteSyncing`, called once it has queued every buffered point) starts the next one: the
   * writes it waits for belong to the interval it closes (a new checkpoint cannot count their
   * points before they are done and fsynced), the writes queued after it to the new one.
   */
  gen = 0;
  /** The interval in which each series' tail copy slot got what it must keep until the next sync (written, or read from). */
  private copied = new Map<number, number>();
  /**
   * Series whose file this process fsynced with nothing written to it since: the tail copy needs
   * no fdatasync before it (the blocks it stands for are durable). Bounded: cleared when full.
   */
  private clean = new Set<number>();
  /** The interval of each series' last write started (a write of the current one keeps its file from being clean). */
  private startedIn = new Map<number, number>();
  /**
   * The interval in which each series' file was (re)written from its first point (a new series,
   * or one moved from inline): no checkpoint counts any of its points before that interval's sync
   * is done, so its writes of that interval need no tail copy (a new series' first interval, a
   * conversion, cost no copy).
   */
  private fresh = new Map<number, number>();

  constructor(
    private keys: StoreKeys,
    decryptedBlocks = DEFAULT_DECRYPTED_BLOCKS,
  ) {
    this.cache = new DecryptedBlocks(decryptedBlocks);
  }

  key(id: number): Buffer {
    return this.keys.series(String(id));
  }

  /** The block and point count whose plaintext a write at `start` must read from the file first (null: none, or the tail has it). */
  headToRead(start: number, tail: SealedTail | undefined): { block: number; points: number } | null {
    const block = Math.floor(start / BLOCK_POINTS);
    const points = start - block * BLOCK_POINTS;
    if (points === 0 || (tail && tail.block === block && tail.points >= points)) return null;
    return { block, points };
  }

  /** The first `points` points of block `block` read from its slot (or the tail copy); DamageError when neither opens. */
  openHead(id: number, block: number, points: number, slot: Uint8Array, tailCopy: () => Uint8Array | null): SealedTail {
    const { plain, fromCopy } = openPartialBlock(this.key(id), id, block, points, slot, tailCopy);
    return { block, points, plain: Buffer.from(plain), fromCopy };
  }

  /** A full block's plaintext (cached); DamageError when it does not open. */
  openFull(id: number, index: number, slot: Uint8Array): Buffer {
    const plain = openFullBlock(this.key(id), id, index, slot);
    this.cache.set(id, index, plain);
    return plain;
  }

  /**
   * Seals `data` (points at `start`) after the head of its block, from `tail` or `head` (read by
   * the caller where headToRead said so). The tail copy is asked for on the first write with a
   * head since the last sync, unless the head came from the copy itself.
   */
  prepareWrite(id: number, start: number, gen: number, data: Float64Array, tail: SealedTail | undefined, head: SealedTail | null): PreparedWrite {
    const block = Math.floor(start / BLOCK_POINTS);
    const headPoints = start - block * BLOCK_POINTS;
    const from = head ?? tail;
    const values = new Float64Array(headPoints * 3 + data.length);
    if (headPoints > 0) values.set(new Float64Array(from!.plain.buffer.slice(from!.plain.byteOffset, from!.plain.byteOffset + headPoints * POINT_BYTES)));
    values.set(data, headPoints * 3);
    const whole = Buffer.from(values.buffer);
    if (start === 0) this.fresh.set(id, gen);
    let withCopy = false;
    if (headPoints > 0 && this.copied.get(id) !== gen && this.fresh.get(id) !== gen) {
      withCopy = !from!.fromCopy;
      this.copied.set(id, gen);
    }
    const syncBeforeCopy = withCopy && !this.clean.has(id);
    this.clean.delete(id);
    this.startedIn.set(id, gen);
    const io = sealSeriesWrite(this.key(id), id, block, whole, headPoints * POINT_BYTES, withCopy);
    const total = values.length / 3;
    const lastBlock = Math.floor((total - 1) / BLOCK_POINTS);
    this.cache.forget(id, block, block + lastBlock);
    const lastStart = lastBlock * BLOCK_POINTS * POINT_BYTES;
    return {
      start: block * BLOCK_POINTS,
      values,
      io,
      tail: { block: block + lastBlock, points: total - lastBlock * BLOCK_POINTS, plain: Buffer.from(whole.subarray(lastStart)), fromCopy: false },
      syncBeforeCopy,
    };
  }

  /** A sync queued every buffered point and will make them durable: writes queued from now on are of the next interval. */
  noteSyncing(): void {
    this.gen++;
    for (const map of [this.copied, this.fresh, this.startedIn]) for (const [id, gen] of map) if (gen < this.gen - 1) map.delete(id);
  }

  /** The sync that began last fsynced the file of series `id` (after every write of the interval it closed was done). */
  noteFsynced(id: number): void {
    if (this.startedIn.get(id) === this.gen) return;
    if (this.clean.size >= MAX_CLEAN) this.clean.clear();
    this.clean.add(id);
  }

  clear(): void {
    this.cache.clear();
  }
}
