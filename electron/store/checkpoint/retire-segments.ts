import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JOURNAL_DIR } from '../journal-segments';

const SEGMENT = /^[0-9]{16}\.log$/;

/**
 * Deletes journal segments other than `keep` (the one the checkpoint switched to: every record
 * of the others is in the snapshot the manifest now names), without blocking the event loop.
 * Segments named after `keep` go too: a crash can leave one whose records the snapshot holds.
 */
export async function removeOldSegmentsAsync(dir: string, keep: string): Promise<void> {
  for (const name of await readdir(join(dir, JOURNAL_DIR))) {
    if (SEGMENT.test(name) && name !== keep) await rm(join(dir, JOURNAL_DIR, name), { force: true });
  }
}
