import { openUnit, SEAL_OVERHEAD } from './aead';
import { BLOCK_PLAIN_BYTES, POINT_BYTES } from './block-layout';
import { DamageError } from './damage-error';
import { blockAad, isZeroSlot, openBlock, sealedLengthOf } from './sealed-blocks';

/**
 * Torn or tampered? How a sealed block is judged when a store opens after a crash.
 *
 * The store's rule: the checkpoint made the first `durablePlainBytes` of a series file durable
 * (fsync before the count was recorded); everything past them is rewritten by journal replay.
 * Cryptographically a torn block and a tampered one look the same (the tag fails), so the
 * judgement comes from where the block sits relative to that count:
 *
 * - wholly past the durable count: its contents do not matter (not written, torn, stale): the
 *   replay seals it again. Nothing is read from it; never damage.
 * - wholly before it: it was full and fsynced, and full blocks are never written again, so it
 *   must open at 4,080 bytes: anything else is damage (tampering, bit rot, a zeroed block).
 * - straddling it (the last, partial block at the checkpoint): the one block a crash can
 *   legitimately tear, because appending seals it again whole, durable points included. It must
 *   open at a length >= the durable part; if it does not, it is torn only if the journal proves a
 *   re-seal was in flight: the store writes a "tail image" record (the block's durable plaintext,
 *   sealed in the journal, fdatasync'd) before the first re-seal of such a block after each
 *   checkpoint, the way PostgreSQL writes full-page images. Given that image, the block is torn
 *   and restored from it; without one, it is damage.
 *
 * A process killed with SIGKILL cannot tear a write (the kernel finishes a pwrite into the page
 * cache); only a power or kernel failure can, which the tail image covers.
 */
export function durablePlaintextAfterCrash(input: {
  key: Uint8Array;
  fileId: Uint8Array;
  index: number;
  slot: Uint8Array;
  /** Plaintext bytes of the whole file the last checkpoint made durable. */
  durablePlainBytes: number;
  /** The block's durable plaintext from a journal tail image written after that checkpoint, if any. */
  tailImage?: Uint8Array;
}): Buffer {
  const { key, fileId, index, slot, durablePlainBytes, tailImage } = input;
  const durable = Math.max(0, Math.min(BLOCK_PLAIN_BYTES, durablePlainBytes - index * BLOCK_PLAIN_BYTES));
  if (durable === 0) return Buffer.alloc(0);
  if (durable === BLOCK_PLAIN_BYTES) return openBlock(key, fileId, index, slot, BLOCK_PLAIN_BYTES);
  const length = sealedLengthOf(slot, POINT_BYTES);
  if (length !== null && length >= durable) {
    const plain = openUnit(key, blockAad(fileId, index, length), slot.subarray(0, length + SEAL_OVERHEAD));
    if (plain) return plain.subarray(0, durable); // points past the count are replayed
  }
  if (tailImage && tailImage.length >= durable) return Buffer.from(tailImage.subarray(0, durable));
  throw new DamageError('block', isZeroSlot(slot) ? 'not written' : 'authentication failed', index);
}
