/**
 * The sealed formats of an encrypted store (issue 12), all AES-256-GCM with per-unit random
 * nonces, each taking a 32-byte subkey from crypto/keys (nothing here derives keys):
 * records (journal payloads), blocks (positional series files), streams (whole files:
 * snapshots, artifacts, multipart parts) and names (artifact path components).
 */
export { KEY_BYTES, NONCE_BYTES, SEAL_OVERHEAD, TAG_BYTES } from './aead';
export { DamageError, type DamageReason, type SealedUnit } from './damage-error';
export { journalRecordAad, openRecord, RECORD_OVERHEAD, sealRecord } from './sealed-record';
export {
  BLOCK_PLAIN_BYTES,
  BLOCK_POINTS,
  BLOCK_SLOT_BYTES,
  blockPlainLength,
  headNeededAt,
  POINT_BYTES,
  sealedFileBytes,
  slotsCovering,
  type SlotSpan,
} from './block-layout';
export { blockAad, isZeroSlot, openBlock, openBlockRange, sealAt, sealBlock, sealedLengthOf } from './sealed-blocks';
export { durablePlaintextAfterCrash } from './block-recovery';
export {
  DEFAULT_CHUNK_BYTES,
  newStreamHeader,
  openChunk,
  parseStreamHeader,
  plainSizeOf,
  sealChunk,
  sealedSizeOf,
  STREAM_HEADER_BYTES,
  type PlaceOption,
  type StreamHeader,
} from './stream-format';
export { createOpenStream, createSealStream } from './stream-transforms';
export {
  openStreamRange,
  openStreamRangeChunks,
  readSealedFileInfo,
  sourceFromBuffer,
  sourceFromFileHandle,
  type RandomAccessSource,
  type SealedFileInfo,
} from './stream-range';
export { MAX_NAME_BYTES, MAX_SEALED_NAME_CHARS, openName, SealedNameTooLongError, sealName } from './sealed-names';
