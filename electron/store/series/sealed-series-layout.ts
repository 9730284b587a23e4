import { BLOCK_PLAIN_BYTES, BLOCK_POINTS, BLOCK_SLOT_BYTES, DamageError, openBlock, POINT_BYTES, sealAt, sealBlock, sealedLengthOf } from '../crypto/sealed';

/**
 * The file of a metric series in an encrypted store (issue 12). The points are sealed in blocks
 * of 170 (crypto/sealed/block-layout.ts: 4,080 bytes of plaintext in a slot of 4,108), with one
 * more slot in front:
 *
 *   slot 0            the tail copy: the head of the partly filled last block, sealed apart
 *   slot 1 + i        block i (points 170·i … 170·i + 169), at (1 + i) × 4,108
 *
 * Why the tail copy. Appending re-seals the partly filled last block whole (a GCM tag covers the
 * block), so every append overwrites points the last checkpoint may have made durable. A write
 * torn by a power failure (a 4,108-byte slot spans two pages, written back separately) would
 * leave a block that opens neither as before nor as after, and the points before the checkpointed
 * count are not in the journal any more. So the first re-seal of a partly filled block after each
 * sync of the files (and the first in each process) first seals the points it keeps, the block's
 * head, into slot 0 and makes that durable (fdatasync), then overwrites the block. A tear of
 * the block then leaves the copy; a tear of the copy leaves the block untouched. Later re-seals
 * before the next sync need no copy: the points they overwrite beyond the copy were never
 * counted by a checkpoint (the journal has them). A write that starts on a block boundary, or
 * whose head was read from the copy (the block was torn), writes no copy; nor does a series
 * written from its first point since the last sync (new, or moved from inline): no checkpoint
 * counts any of its points yet. The fdatasync before the copy is skipped when this process's
 * last sync fsynced the file and nothing was written to it since.
 *
 * Chosen over the alternatives: a second slot used alternately cannot tell after a crash which
 * version is current without generations (a stale version from an earlier crash can open with
 * a longer length); keeping the partial tail in the `series` row would rewrite up to 4 KB of
 * database row per append (and hold up to 4 KB per series in a 500,000-series database); a
 * journal "tail image" record needs a new record type and the journal's writer. The copy costs
 * one 4 KB write and one or two fdatasyncs on the thread pool per series and per checkpoint
 * interval (series that were written before it), nothing on the event loop, and replay needs nothing new: it reads the head from the block, or from the
 * copy when the block does not open.
 *
 * Reading block i of a series of n points (n counted by the store) with m = min(170, n − 170·i):
 * m = 170: it must open as a full block; otherwise the block must open at m points or (after a
 * crash, points past the count are replayed) at a longer length; failing that the tail copy must
 * open as block i at m points or more; failing that the file is damaged. Nothing else is trusted:
 * every block, the copy included, is bound by its AAD to the series, its index and its length.
 */
export const SLOT_BYTES = BLOCK_SLOT_BYTES;
export { BLOCK_POINTS };
export const TAIL_COPY_POSITION = 0;

export const blockPosition = (index: number): number => (index + 1) * SLOT_BYTES;

/** The AAD file ids: one for the blocks, one for the tail copy (a copy never opens as a block). */
const blockFileId = (id: number) => Buffer.from(`series/${id}`, 'latin1');
const copyFileId = (id: number) => Buffer.from(`series/${id}/tail-copy`, 'latin1');

/** What one append writes: the tail copy first (made durable before the rest), then whole slots. */
export interface SealedSeriesWrite {
  tailCopy: Buffer | null;
  position: number;
  bytes: Buffer;
}

/**
 * Seals `whole`: the plaintext from the start of block `block` (its head, `headBytes`, then the
 * new points). The tail copy, when asked for, holds the head alone.
 */
export function sealSeriesWrite(key: Uint8Array, id: number, block: number, whole: Uint8Array, headBytes: number, withTailCopy: boolean): SealedSeriesWrite {
  const sealed = sealAt(key, blockFileId(id), block * BLOCK_PLAIN_BYTES, Buffer.alloc(0), whole);
  const tailCopy = withTailCopy && headBytes > 0 ? sealBlock(key, copyFileId(id), block, whole.subarray(0, headBytes)) : null;
  return { tailCopy, position: sealed.position + SLOT_BYTES, bytes: sealed.bytes };
}

/** A full block's plaintext; DamageError if it does not open as block `index` of 170 points. */
export function openFullBlock(key: Uint8Array, id: number, index: number, slot: Uint8Array): Buffer {
  return openBlock(key, blockFileId(id), index, slot, BLOCK_PLAIN_BYTES);
}

/**
 * The first `points` points of block `index` (1 … 170), from its slot or else its tail copy
 * (null when there is none to read); `fromCopy` says which. DamageError when neither opens.
 */
export function openPartialBlock(
  key: Uint8Array,
  id: number,
  index: number,
  points: number,
  slot: Uint8Array,
  tailCopy: () => Uint8Array | null,
): { plain: Buffer; fromCopy: boolean } {
  const want = points * POINT_BYTES;
  const fromBlock = openAtLeast(key, blockFileId(id), index, slot, want);
  if (fromBlock) return { plain: fromBlock.subarray(0, want), fromCopy: false };
  const copy = tailCopy();
  const fromCopy = copy && openAtLeast(key, copyFileId(id), index, copy, want);
  if (fromCopy) return { plain: fromCopy.subarray(0, want), fromCopy: true };
  return { plain: openBlock(key, blockFileId(id), index, slot, want), fromCopy: false }; // throws the block's DamageError
}

/** Opens a slot sealed at exactly `want` bytes or, after a crash, at a longer length; null if it does not. */
function openAtLeast(key: Uint8Array, fileId: Uint8Array, index: number, slot: Uint8Array, want: number): Buffer | null {
  const tryOpen = (length: number) => {
    try {
      return openBlock(key, fileId, index, slot, length);
    } catch (err) {
      if (err instanceof DamageError) return null;
      throw err;
    }
  };
  const exact = tryOpen(want);
  if (exact) return exact;
  const sealedLength = sealedLengthOf(slot, POINT_BYTES);
  return sealedLength !== null && sealedLength > want ? tryOpen(sealedLength) : null;
}
