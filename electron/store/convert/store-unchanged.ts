import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scanJournal } from '../journal-reader';
import { JOURNAL_DIR } from '../journal-segments';
import { readManifest, type Manifest } from '../manifest';

export type SnapshotRef = Pick<NonNullable<Manifest['snapshot']>, 'file' | 'seq' | 'crc32'>;

/**
 * Whether the store at `dir` may hold anything its snapshot `snap` does not: another snapshot in
 * store.json, or a journal record past it. A store that cannot be read counts as changed (the
 * answer that keeps its data: a conversion's swap is then rolled back, not finished).
 */
export function storeChangedSince(dir: string, snap: SnapshotRef): boolean {
  try {
    const now = readManifest(dir)?.snapshot;
    if (!now || now.file !== snap.file || now.seq !== snap.seq || now.crc32 !== snap.crc32) return true;
    for (const name of readdirSync(join(dir, JOURNAL_DIR))) {
      if (!/^[0-9]{16}\.log$/.test(name)) continue;
      const scan = scanJournal(join(dir, JOURNAL_DIR, name));
      if (scan.tornTail || scan.records.some((r) => r.seq > snap.seq)) return true;
    }
    return false;
  } catch {
    return true;
  }
}
