import { SEAL_OVERHEAD } from './aead';

/**
 * Layout of a sealed positional file (metric series): plaintext is cut in fixed blocks of
 * BLOCK_PLAIN_BYTES (170 points of 24 bytes), each stored in a slot of BLOCK_SLOT_BYTES at
 * `index * BLOCK_SLOT_BYTES`:
 *
 *   slot = nonce(12) | ciphertext(L) | tag(16) | zero bytes up to 4,108      (L = 1 … 4,080)
 *
 * L is not stored: it follows from the series' point count (every block is full except the
 * last). No file header, so positions stay computable. A slot of 4,108 zero bytes is a block
 * not written yet (preallocated or sparse file).
 */
export const POINT_BYTES = 24;
export const BLOCK_POINTS = 170;
export const BLOCK_PLAIN_BYTES = BLOCK_POINTS * POINT_BYTES; // 4,080
export const BLOCK_SLOT_BYTES = BLOCK_PLAIN_BYTES + SEAL_OVERHEAD; // 4,108

/** The on-disk byte range (whole slots) holding plaintext bytes [plainStart, plainEnd). */
export interface SlotSpan {
  firstBlock: number;
  blockCount: number;
  /** Byte offset of the first slot in the file. */
  position: number;
  /** Bytes to read: blockCount whole slots. */
  length: number;
}

export function slotsCovering(plainStart: number, plainEnd: number): SlotSpan {
  checkRange(plainStart, plainEnd);
  if (plainEnd === plainStart) return { firstBlock: 0, blockCount: 0, position: 0, length: 0 };
  const firstBlock = Math.floor(plainStart / BLOCK_PLAIN_BYTES);
  const lastBlock = Math.floor((plainEnd - 1) / BLOCK_PLAIN_BYTES);
  const blockCount = lastBlock - firstBlock + 1;
  return { firstBlock, blockCount, position: firstBlock * BLOCK_SLOT_BYTES, length: blockCount * BLOCK_SLOT_BYTES };
}

/** Plaintext bytes block `index` holds when the file holds `totalPlainBytes` (0 past the end). */
export function blockPlainLength(index: number, totalPlainBytes: number): number {
  return Math.max(0, Math.min(BLOCK_PLAIN_BYTES, totalPlainBytes - index * BLOCK_PLAIN_BYTES));
}

/** On-disk bytes up to the end of the last slot that holds data. */
export function sealedFileBytes(totalPlainBytes: number): number {
  return Math.ceil(totalPlainBytes / BLOCK_PLAIN_BYTES) * BLOCK_SLOT_BYTES;
}

/**
 * Before writing plaintext at `plainStart`, the whole block it falls in is sealed again: the
 * caller supplies that block's bytes before `plainStart` (`headBytes` of block `block`).
 */
export function headNeededAt(plainStart: number): { block: number; headBytes: number } {
  checkRange(plainStart, plainStart);
  const block = Math.floor(plainStart / BLOCK_PLAIN_BYTES);
  return { block, headBytes: plainStart - block * BLOCK_PLAIN_BYTES };
}

function checkRange(start: number, end: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`bad plaintext range [${start}, ${end})`);
  }
}
