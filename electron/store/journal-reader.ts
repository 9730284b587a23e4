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
  /** Set when the records are followed by zeros only: space preallocated for records never written. */
  zeroTail?: { offset: number; bytes: number };
}

/**
 * Reads one journal segment. The records end at the end of the file, or where only zeros
 * follow (a zero tail: preallocated space; no record starts with 16 zero bytes, since seqs start
 * at 1). A damaged record with no valid record after it is a torn tail (a crash mid-append,
 * whether zeros or nothing follow the bytes that made it): it is reported so the caller
 * truncates it. A damaged record followed by a valid one is corruption in the middle: that
 * refuses to open, because dropping it would silently lose acknowledged writes. A segment
 * without preallocation (the format before it) is read the same way.
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
    if (isZeroFrom(buf, offset)) return { records, validBytes: offset, zeroTail: { offset, bytes: buf.length - offset } };
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
    // A record's first 16 bytes are never all zero: skip runs of zeros (preallocated space) at once.
    const nonZero = nextNonZero(buf, off);
    if (nonZero === buf.length) return undefined;
    if (nonZero - off >= HEADER_BYTES) off = nonZero - HEADER_BYTES + 1;
    const r = decodeRecordAt(buf, off);
    if (r.kind === 'record' && (lastSeq === undefined || r.seq > lastSeq)) return off;
  }
  return undefined;
}

function nextNonZero(buf: Buffer, from: number): number {
  let i = from;
  while (i < buf.length && buf[i] === 0) i++;
  return i;
}

const isZeroFrom = (buf: Buffer, from: number) => nextNonZero(buf, from) === buf.length;
