import { assertKey, NONCE_BYTES, openUnit, randomNonce, SEAL_OVERHEAD, sealInto } from './aead';
import { BLOCK_PLAIN_BYTES, BLOCK_SLOT_BYTES, blockPlainLength, headNeededAt, slotsCovering } from './block-layout';
import { DamageError } from './damage-error';

const DOMAIN = Buffer.from('sextant/sealed-block/v1\0', 'latin1');
const ZERO_SLOT = Buffer.alloc(BLOCK_SLOT_BYTES);

/**
 * AAD = domain | u32 file id length | file id | u64 block index | u16 plaintext length.
 * The file id keeps blocks from moving between files, the index between positions, and the
 * length keeps an older, shorter version of a block (a replay) from passing for the current one.
 */
export function blockAad(fileId: Uint8Array, index: number, plainLength: number): Buffer {
  const aad = Buffer.allocUnsafe(DOMAIN.length + 4 + fileId.length + 8 + 2);
  let at = DOMAIN.copy(aad);
  at = aad.writeUInt32LE(fileId.length, at);
  at += Buffer.from(fileId.buffer, fileId.byteOffset, fileId.length).copy(aad, at);
  at = aad.writeBigUInt64LE(BigInt(index), at);
  aad.writeUInt16LE(plainLength, at);
  return aad;
}

/** One block sealed with a fresh nonce into a whole slot (zero padded to 4,108 bytes). */
export function sealBlock(key: Uint8Array, fileId: Uint8Array, index: number, plaintext: Uint8Array): Buffer {
  const slot = Buffer.alloc(BLOCK_SLOT_BYTES);
  sealBlockInto(key, fileId, index, plaintext, slot, 0);
  return slot;
}

function sealBlockInto(key: Uint8Array, fileId: Uint8Array, index: number, plaintext: Uint8Array, out: Buffer, offset: number): void {
  assertKey(key);
  if (plaintext.length === 0 || plaintext.length > BLOCK_PLAIN_BYTES) throw new RangeError(`a block holds 1–${BLOCK_PLAIN_BYTES} bytes, not ${plaintext.length}`);
  sealInto(key, randomNonce(), blockAad(fileId, index, plaintext.length), plaintext, out, offset);
}

/** Opens block `index` expected to hold `plainLength` bytes; DamageError('block', …, index) otherwise. */
export function openBlock(key: Uint8Array, fileId: Uint8Array, index: number, slot: Uint8Array, plainLength: number): Buffer {
  assertKey(key);
  if (slot.length < BLOCK_SLOT_BYTES) throw new DamageError('block', 'truncated', index);
  if (plainLength <= 0 || plainLength > BLOCK_PLAIN_BYTES) throw new RangeError(`a block holds 1–${BLOCK_PLAIN_BYTES} bytes, not ${plainLength}`);
  const end = plainLength + SEAL_OVERHEAD;
  const plain = openUnit(key, blockAad(fileId, index, plainLength), slot.subarray(0, end));
  if (!plain) throw new DamageError('block', isZeroSlot(slot) ? 'not written' : 'authentication failed', index);
  if (end < BLOCK_SLOT_BYTES && !ZERO_SLOT.subarray(end).equals(slot.subarray(end, BLOCK_SLOT_BYTES))) throw new DamageError('block', 'malformed', index); // the padding is not authenticated: it must be zero
  return plain;
}

export function isZeroSlot(slot: Uint8Array): boolean {
  return ZERO_SLOT.equals(slot.subarray(0, BLOCK_SLOT_BYTES));
}

/**
 * Seals plaintext that goes at byte `plainStart` of the file, for one positional write:
 * `bytes` (whole slots) go at `position`. The block `plainStart` falls in is sealed again
 * whole, with a new nonce, so the caller passes its bytes before `plainStart` as `head`
 * (see headNeededAt; the last block's plaintext is worth keeping in memory per open file).
 */
export function sealAt(key: Uint8Array, fileId: Uint8Array, plainStart: number, head: Uint8Array, plaintext: Uint8Array): { position: number; bytes: Buffer } {
  const { block, headBytes } = headNeededAt(plainStart);
  if (head.length !== headBytes) throw new RangeError(`writing at ${plainStart} needs the ${headBytes} bytes of block ${block} before it, got ${head.length}`);
  const span = slotsCovering(block * BLOCK_PLAIN_BYTES, plainStart + plaintext.length);
  const bytes = Buffer.alloc(span.length); // zero padding after each short block's tag
  const whole = head.length === 0 ? plaintext : Buffer.concat([head, plaintext]);
  for (let i = 0; i < span.blockCount; i++) {
    const piece = whole.subarray(i * BLOCK_PLAIN_BYTES, (i + 1) * BLOCK_PLAIN_BYTES);
    sealBlockInto(key, fileId, block + i, piece, bytes, i * BLOCK_SLOT_BYTES);
  }
  return { position: span.position, bytes };
}

/**
 * Reads plaintext bytes [plainStart, plainEnd) of a file holding `totalPlainBytes`, from
 * `slots`: the bytes read at slotsCovering(plainStart, plainEnd).position. Every block
 * touched is verified whole; a block that does not open throws DamageError('block', …, index).
 */
export function openBlockRange(
  key: Uint8Array,
  fileId: Uint8Array,
  slots: Uint8Array,
  plainStart: number,
  plainEnd: number,
  totalPlainBytes: number,
): Buffer {
  if (plainEnd > totalPlainBytes) throw new RangeError(`range end ${plainEnd} is past the file's ${totalPlainBytes} bytes`);
  const span = slotsCovering(plainStart, plainEnd);
  const out = Buffer.allocUnsafe(plainEnd - plainStart);
  for (let i = 0; i < span.blockCount; i++) {
    const index = span.firstBlock + i;
    const slot = slots.subarray(i * BLOCK_SLOT_BYTES, (i + 1) * BLOCK_SLOT_BYTES);
    const plain = openBlock(key, fileId, index, slot, blockPlainLength(index, totalPlainBytes));
    const blockStart = index * BLOCK_PLAIN_BYTES;
    const from = Math.max(plainStart, blockStart) - blockStart;
    const to = Math.min(plainEnd, blockStart + plain.length) - blockStart;
    plain.copy(out, blockStart + from - plainStart, from, to);
  }
  return out;
}

/**
 * The length a slot was sealed with, read from its zero padding (the last non-zero byte ends
 * the tag), rounded up to `granule` (24: whole points) so a tag ending in zero bytes still
 * gives the right length; null for a zero slot or an impossible length.
 */
export function sealedLengthOf(slot: Uint8Array, granule: number): number | null {
  let end = Math.min(slot.length, BLOCK_SLOT_BYTES);
  while (end > 0 && slot[end - 1] === 0) end--;
  if (end === 0) return null;
  const length = Math.ceil(Math.max(1, end - SEAL_OVERHEAD) / granule) * granule;
  return end <= NONCE_BYTES || length > BLOCK_PLAIN_BYTES ? null : length;
}
