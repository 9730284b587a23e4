import { readStoredFileSync } from './stored-file';
import { decodeRecordAt, HEADER_BYTES } from './journal-format';
import { StoreOpenError } from './store-errors';

export interface JournalRecord {
  seq: number;
  payload: Buffer;
}

export interface JournalScan {
  records: JournalRecord[];
  /** Byte length of the valid prefix; a torn tail starts here. */
  validBytes: number;
  /** Set when a damaged tail was found (and must be truncated by the caller). */
  tornTail?: { offset: number; bytes: number; reason: string };
}

/**
 * Reads one journal segment. A damaged record with no valid record after it is a torn tail
 * (a crash mid-append): it is reported so the caller truncates it. A damaged record followed
 * by a valid one is corruption in the middle: that refuses to open, because dropping it would
 * silently lose acknowledged writes.
 */
export function scanJournal(path: string): JournalScan {
  const buf = readStoredFileSync(path);
  const records: JournalRecord[] = [];
  let offset = 0;
  for (;;) {
    const r = decodeRecordAt(buf, offset);
    if (r.kind === 'end') return { records, validBytes: offset };
    if (r.kind === 'record') {
      const expected = records.length ? records[records.length - 1]!.seq + 1 : undefined;
      if (expected !== undefined && r.seq !== expected) {
        throw new StoreOpenError(`journal ${path} is corrupt: record ${r.seq} at byte ${offset} follows ${expected - 1}`);
      }
      records.push({ seq: r.seq, payload: r.payload });
      offset = r.next;
      continue;
    }
    const after = findValidRecordAfter(buf, offset + 1, records.length ? records[records.length - 1]!.seq : undefined);
    if (after !== undefined) {
      throw new StoreOpenError(
        `journal ${path} is corrupt at byte ${offset} (${r.reason}) but valid records follow at byte ${after}; ` +
          'refusing to open rather than drop acknowledged writes. Restore the store folder from a backup, ' +
          'or move this journal file away to open the store as of its last snapshot.',
      );
    }
    return { records, validBytes: offset, tornTail: { offset, bytes: buf.length - offset, reason: r.reason } };
  }
}

/** Looks for any intact record starting after `from` whose seq continues the sequence. */
function findValidRecordAfter(buf: Buffer, from: number, lastSeq: number | undefined): number | undefined {
  for (let off = from; off + HEADER_BYTES <= buf.length; off++) {
    const r = decodeRecordAt(buf, off);
    if (r.kind === 'record' && (lastSeq === undefined || r.seq > lastSeq)) return off;
  }
  return undefined;
}
