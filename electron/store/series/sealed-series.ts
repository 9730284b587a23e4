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
  /** Series whose tail copy slot holds what must stay until the next sync (written, or read from) since then. */
  private copied = new Set<number>();
  /**
   * Series whose file this process fsynced with nothing written to it since: the tail copy needs
   * no fdatasync before it (the blocks it stands for are durable). Bounded: cleared when full.
   */
  private clean = new Set<number>();
  /** Series written since the last sync began (an fsync of that sync does not make them clean). */
  private writtenSinceSync = new Set<number>();
  /**
   * Series whose file was (re)written from its first point since the last sync began (a new
   * series, or one moved from inline): no checkpoint counts any point in it yet, so nothing needs
   * a tail copy until that sync (a new series' first interval, a conversion, cost no copy).
   */
  private fresh = new Set<number>();

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
  prepareWrite(id: number, start: number, data: Float64Array, tail: SealedTail | undefined, head: SealedTail | null): PreparedWrite {
    const block = Math.floor(start / BLOCK_POINTS);
    const headPoints = start - block * BLOCK_POINTS;
    const from = head ?? tail;
    const values = new Float64Array(headPoints * 3 + data.length);
    if (headPoints > 0) values.set(new Float64Array(from!.plain.buffer.slice(from!.plain.byteOffset, from!.plain.byteOffset + headPoints * POINT_BYTES)));
    values.set(data, headPoints * 3);
    const whole = Buffer.from(values.buffer);
    if (start === 0) this.fresh.add(id);
    let withCopy = false;
    if (headPoints > 0 && !this.copied.has(id) && !this.fresh.has(id)) {
      withCopy = !from!.fromCopy;
      this.copied.add(id);
    }
    const syncBeforeCopy = withCopy && !this.clean.has(id);
    this.clean.delete(id);
    this.writtenSinceSync.add(id);
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

  /** Every write done so far is about to be made durable: the next write with a head of each series writes a new tail copy. */
  noteSyncing(): void {
    this.copied.clear();
    this.writtenSinceSync.clear();
    this.fresh.clear();
  }

  /** The sync that began last fsynced the file of series `id`. */
  noteFsynced(id: number): void {
    if (this.writtenSinceSync.has(id)) return;
    if (this.clean.size >= MAX_CLEAN) this.clean.clear();
    this.clean.add(id);
  }

  clear(): void {
    this.cache.clear();
  }
}
