import { createRun } from '../../electron/services/runs-service';
import type { TestStore } from './open-test-store';

/**
 * Runs `during` while a checkpoint is in flight: after its cut (the journal switched to a new
 * segment, the snapshot asked for), before its manifest switch. Then lets the checkpoint finish
 * and returns what `during` gave. Commits are not held by a checkpoint (they go on at once); this
 * is for checking that writes racing a checkpoint come out right. The window is deterministic:
 * the checkpoint's series sync waits until `during` has started.
 */
export async function whileCheckpointing<T>(t: TestStore, during: () => Promise<T>): Promise<T> {
  await createRun(t.svc, { experimentId: '0', tags: [] }); // something for the checkpoint to take
  const files = t.store.ctx.files;
  const sync = files.sync.bind(files);
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  files.sync = async (...args: Parameters<typeof files.sync>) => {
    await sync(...args);
    await gate;
  };
  try {
    const checkpoint = t.store.checkpoint();
    if (!t.store.checkpointInFlight) throw new Error('the checkpoint finished without cutting the journal');
    const result = during();
    open();
    await checkpoint;
    return await result;
  } finally {
    Reflect.deleteProperty(files, 'sync'); // back to SeriesFiles.prototype.sync
  }
}

/** The name the tests use; writes are no longer held by a checkpoint (see whileCheckpointing). */
export const whileHoldingWrites = whileCheckpointing;
