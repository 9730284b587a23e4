import { mkdirSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { scanJournal, type JournalRecord } from './journal-reader';
import { fsyncFile } from './durable-fs';
import { StoreOpenError } from './store-errors';

export const JOURNAL_DIR = 'journal';
export const segmentName = (firstSeq: number) => `${String(firstSeq).padStart(16, '0')}.log`;

export interface Recovered {
  /** Records after the snapshot, in order. */
  records: JournalRecord[];
}

/**
 * Reads every journal segment, keeps the records after `snapshotSeq`, truncates a torn tail
 * of the last segment (logging it) and refuses gaps or damage anywhere else.
 */
export function recoverJournal(dir: string, snapshotSeq: number, log: (msg: string) => void): Recovered {
  const jdir = join(dir, JOURNAL_DIR);
  mkdirSync(jdir, { recursive: true });
  const names = readdirSync(jdir).filter((n) => /^[0-9]{16}\.log$/.test(n)).sort();
  const records: JournalRecord[] = [];
  let expected = snapshotSeq + 1;
  names.forEach((name, i) => {
    const path = join(jdir, name);
    const scan = scanJournal(path);
    if (scan.records.length === 0 && !scan.tornTail) {
      // An empty segment holds nothing, and its name may be stale (a crash right after a
      // checkpoint created it): remove it so it can never be mistaken for the place to append.
      rmSync(path, { force: true });
      return;
    }
    if (scan.tornTail) {
      if (i !== names.length - 1) throw new StoreOpenError(`journal segment ${path} is damaged at byte ${scan.tornTail.offset} (${scan.tornTail.reason}) and is not the last one; refusing to open.`);
      log(`journal: dropped a torn tail of ${scan.tornTail.bytes} bytes at byte ${scan.tornTail.offset} of ${name} (${scan.tornTail.reason}); it held a write that was never acknowledged`);
      truncateSync(path, scan.validBytes);
      fsyncFile(path); // a second crash must not bring the torn bytes back
    }
    for (const r of scan.records) {
      if (r.seq < expected) continue; // already in the snapshot
      if (r.seq !== expected) throw new StoreOpenError(`journal is missing records ${expected}..${r.seq - 1} (found in ${name}); refusing to open.`);
      records.push(r);
      expected++;
    }
  });
  return { records };
}

/** Deletes segments other than `keep` (all their records are in the current snapshot). */
export function removeOldSegments(dir: string, keep: string): void {
  for (const name of readdirSync(join(dir, JOURNAL_DIR))) {
    if (join(dir, JOURNAL_DIR, name) !== keep) rmSync(join(dir, JOURNAL_DIR, name), { force: true });
  }
}
