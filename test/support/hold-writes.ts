import { createRun } from '../../electron/services/runs-service';
import type { TestStore } from './open-test-store';

/**
 * Runs `during` while a checkpoint holds writes, so every commit it starts waits for the
 * checkpoint's barrier; then lets the checkpoint finish and returns what `during` gave. The hold
 * is deterministic: the series sync inside the barrier waits until `during` has started.
 */
export async function whileHoldingWrites<T>(t: TestStore, during: () => Promise<T>): Promise<T> {
  await createRun(t.svc, { experimentId: '0', tags: [] }); // something for the checkpoint to take
  const files = t.store.ctx.files;
  const sync = files.sync.bind(files);
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  files.sync = async (concurrency?: number) => {
    await sync(concurrency);
    if (t.store.holdingWrites) await gate;
  };
  try {
    const checkpoint = t.store.checkpoint();
    let settled = false;
    void checkpoint.finally(() => (settled = true));
    while (!t.store.holdingWrites) {
      if (settled) throw new Error('the checkpoint finished without holding writes');
      await new Promise((r) => setImmediate(r));
    }
    const result = during();
    open();
    await checkpoint;
    return await result;
  } finally {
    Reflect.deleteProperty(files, 'sync'); // back to SeriesFiles.prototype.sync
  }
}
