import { basename } from 'node:path';
import { DamageError } from '../crypto/sealed/damage-error';
import { journalRecordAad, openRecord, sealRecord } from '../crypto/sealed/sealed-record';
import type { StoreKeys } from '../crypto/store-keys';
import { StoreOpenError } from '../store-errors';

/**
 * A journal record's payload as an encrypted store writes it: sealed under the subkey of the
 * segment it is written to (by the segment's file name, which never changes once records are in
 * it: the spare is renamed before any record lands there) and bound to its seq. The record's crc
 * is computed over the sealed bytes, outside the seal, so a torn tail still reads as one.
 * A plain store (keys null) writes the payload as it is.
 */
export function sealJournalPayload(keys: StoreKeys | null, segmentPath: string, seq: number, payload: Uint8Array): Uint8Array {
  return keys ? sealRecord(keys.journal(basename(segmentPath)), journalRecordAad(seq), payload) : payload;
}

/**
 * The payload of a record read back (its crc passed). A sealed payload that does not open is
 * damage, never a torn tail: the crc says the bytes are the ones written, so they were changed
 * (or moved, or written under another key) after the fact. Refused with a StoreOpenError naming
 * the segment and the seq; nothing of it is replayed.
 */
export function openJournalPayload(keys: StoreKeys | null, segmentPath: string, seq: number, payload: Buffer): Buffer {
  if (!keys) return payload;
  try {
    return openRecord(keys.journal(basename(segmentPath)), journalRecordAad(seq), payload);
  } catch (err) {
    if (!(err instanceof DamageError)) throw err;
    throw new StoreOpenError(
      `journal segment ${segmentPath} is damaged: record ${seq} does not open (${err.reason}: changed, moved or written under another key); ` +
        'refusing to open rather than replay it. Restore the store folder from a backup.',
    );
  }
}
