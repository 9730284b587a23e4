import { mkdirSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreKeys } from './crypto/store-keys';
import { scanJournal, type JournalRecord } from './journal-reader';
import { openJournalPayload } from './journal/sealed-payload';
import { fsyncFile } from './durable-fs';
import { StoreOpenError } from './store-errors';

export const JOURNAL_DIR = 'journal';
export const segmentName = (firstSeq: number) => `${String(firstSeq).padStart(16, '0')}.log`;

export interface Recovered {
  /** Records after the snapshot, in order. */
  records: JournalRecord[];
}

/**
 * The next segment, zero-filled ahead of a checkpoint by the writer and renamed to the
 * checkpoint's segment name when it cuts the journal. Never read: a crash leaves it behind at
 * worst, and recovery removes it.
 */
export const SPARE_SEGMENT = 'next-segment.spare';

/**
 * Reads every journal segment, keeps the records after `snapshotSeq`, truncates a torn tail
 * of the last segment that holds anything (logging it) and refuses gaps or damage anywhere else.
 * Segments holding no record (all zeros, or empty: created by a checkpoint or preallocated just
 * before a crash) are removed; a zero tail (preallocated space never written) is trimmed.
 * In an encrypted store (`keys`), each record to replay is opened (its payload sealed under its
 * segment's key): one whose crc passes but whose seal does not open is damage and refuses to open.
 */
export function recoverJournal(dir: string, snapshotSeq: number, log: (msg: string) => void, keys: StoreKeys | null = null): Recovered {
  const jdir = join(dir, JOURNAL_DIR);
  mkdirSync(jdir, { recursive: true });
  rmSync(join(jdir, SPARE_SEGMENT), { force: true });
  const segments = readdirSync(jdir)
    .filter(isSegmentName)
    .sort()
    .map((name) => ({ name, path: join(jdir, name), scan: scanJournal(join(jdir, name)) }));
  // A torn tail is only possible in the segment written last: the one with records (or damage)
  // that no later segment with records follows. Later empty ones come from the checkpoint that
  // cut the journal while that last write was in flight.
  let lastUsed = -1;
  segments.forEach(({ scan }, i) => {
    if (scan.records.length || scan.tornTail) lastUsed = i;
  });
  const records: JournalRecord[] = [];
  let expected = snapshotSeq + 1;
  segments.forEach(({ name, path, scan }, i) => {
    if (scan.records.length === 0 && !scan.tornTail) {
      // An empty segment holds nothing, and its name may be stale (a crash right after a
      // checkpoint created it): remove it so it can never be mistaken for the place to append.
      rmSync(path, { force: true });
      return;
    }
    if (scan.tornTail) {
      if (i !== lastUsed) throw new StoreOpenError(`journal segment ${path} is damaged at byte ${scan.tornTail.offset} (${scan.tornTail.reason}) and is not the last one; refusing to open.`);
      log(`journal: dropped a torn tail of ${scan.tornTail.bytes} bytes at byte ${scan.tornTail.offset} of ${name} (${scan.tornTail.reason}); it held a write that was never acknowledged`);
      truncateSync(path, scan.validBytes);
      fsyncFile(path); // a second crash must not bring the torn bytes back
    } else if (scan.zeroTail) {
      truncateSync(path, scan.validBytes); // preallocated, never written: only space (zeros read as the end)
    }
    for (const r of scan.records) {
      if (r.seq < expected) continue; // already in the snapshot
      if (r.seq !== expected) throw new StoreOpenError(`journal is missing records ${expected}..${r.seq - 1} (found in ${name}); refusing to open.`);
      records.push({ seq: r.seq, payload: openJournalPayload(keys, path, r.seq, r.payload) });
      expected++;
    }
  });
  return { records };
}

const isSegmentName = (name: string) => /^[0-9]{16}\.log$/.test(name);

/**
 * Deletes segments other than `keep` (all their records are in the current snapshot), and any
 * other file in the journal folder except the spare the writer may be preparing.
 */
export function removeOldSegments(dir: string, keep: string): void {
  for (const name of readdirSync(join(dir, JOURNAL_DIR))) {
    if (join(dir, JOURNAL_DIR, name) !== keep && name !== SPARE_SEGMENT) rmSync(join(dir, JOURNAL_DIR, name), { force: true });
  }
}
