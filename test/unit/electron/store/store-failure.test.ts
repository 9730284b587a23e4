import { existsSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExperiment, getExperimentByName } from '../../../../electron/services/experiments-service';
import { JOURNAL_DIR, segmentName } from '../../../../electron/store/journal-segments';
import { StoreWriteError } from '../../../../electron/store/store-errors';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const exists = (svc: Parameters<typeof getExperimentByName>[0], name: string) => {
  try {
    return getExperimentByName(svc, name).experiment_id !== '';
  } catch {
    return false;
  }
};

// The journal segment a checkpoint switches to is made a link to /dev/full: every write to it
// fails with ENOSPC, as on a full disk. Before reopening, the link becomes the empty segment a
// full disk would have left (read, /dev/full is endless zeros).
describe.skipIf(!existsSync('/dev/full'))('a store whose journal writes fail', () => {
  async function openFailing(checkpointBytes?: number) {
    const dir = tempDir();
    const t = await openTestStore(dir, checkpointBytes ? { checkpointBytes } : {});
    // the segment the checkpoint after the next commit switches to
    const segment = join(dir, JOURNAL_DIR, segmentName(t.store.lastSeq + 2));
    symlinkSync('/dev/full', segment);
    await createExperiment(t.svc, { name: 'before', tags: [] });
    await t.store.checkpoint();
    const closeAndClearDisk = async () => {
      await t.store.close().catch(() => undefined);
      rmSync(segment);
      writeFileSync(segment, '');
    };
    return { dir, t, closeAndClearDisk };
  }

  it('fails: the write is refused, later writes are refused without being applied, and close releases the lock', async () => {
    const { dir, t, closeAndClearDisk } = await openFailing();
    await expect(createExperiment(t.svc, { name: 'refused', tags: [] })).rejects.toThrow(/journal write failed \(ENOSPC/);
    await expect(createExperiment(t.svc, { name: 'after', tags: [] })).rejects.toBeInstanceOf(StoreWriteError);
    expect(exists(t.svc, 'after')).toBe(false); // not applied, so no reader ever saw it
    await closeAndClearDisk();
    expect(existsSync(join(dir, 'lock'))).toBe(false);

    const reopened = await openTestStore(dir); // same process: nothing is left open
    expect(exists(reopened.svc, 'before')).toBe(true);
    expect(exists(reopened.svc, 'refused')).toBe(false);
    await reopened.store.close();
  });

  it('never snapshots a write whose journal record failed, even when that write started the checkpoint', async () => {
    const { dir, t, closeAndClearDisk } = await openFailing(1); // every commit starts a checkpoint
    await expect(createExperiment(t.svc, { name: 'refused', tags: [] })).rejects.toThrow(/journal write failed/);
    await closeAndClearDisk(); // waits for the checkpoint that commit started
    const reopened = await openTestStore(dir);
    expect(exists(reopened.svc, 'refused')).toBe(false);
    await reopened.store.close();
  });
});
