import { assertKey, openUnit, SEAL_OVERHEAD, sealUnit } from './aead';
import { DamageError } from './damage-error';

/**
 * Sealed records, for journal payloads: nonce(12) | ciphertext | tag(16), 28 bytes longer than
 * the plaintext. The journal frames the sealed bytes as it frames plain ones
 * (u32 len | u32 crc | u64 seq | sealed payload): the crc stays outside and keeps telling a torn
 * tail (crc fails: the end of the journal) from damage (crc passes, tag fails: refuse).
 */
export const RECORD_OVERHEAD = SEAL_OVERHEAD;

const JOURNAL_DOMAIN = Buffer.from('sextant/journal-record/v1\0', 'latin1');

/**
 * AAD that binds a journal payload to its sequence number: a record moved to another seq,
 * duplicated or replayed from an older segment does not open. Seqs never repeat in a store.
 */
export function journalRecordAad(seq: number): Buffer {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`bad journal seq ${seq}`);
  const aad = Buffer.alloc(JOURNAL_DOMAIN.length + 8);
  JOURNAL_DOMAIN.copy(aad);
  aad.writeBigUInt64LE(BigInt(seq), JOURNAL_DOMAIN.length);
  return aad;
}

/** Seals one record with a fresh random nonce. */
export function sealRecord(key: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer {
  assertKey(key);
  return sealUnit(key, aad, plaintext);
}

/** Opens a sealed record; DamageError('record', …) when it was changed, moved or sealed with another key. */
export function openRecord(key: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Buffer {
  assertKey(key);
  if (sealed.length < RECORD_OVERHEAD) throw new DamageError('record', 'truncated');
  const plain = openUnit(key, aad, sealed);
  if (!plain) throw new DamageError('record', 'authentication failed');
  return plain;
}
