import { createRun } from '../../electron/services/runs-service';
import { logToRun } from '../../electron/services/logging-service';
import type { TestStore } from './open-test-store';

/**
 * Starts a checkpoint and resolves once it holds writes (new commits wait for it), returning
 * the checkpoint. Points logged first to a run of experiment 0 give the checkpoint series files
 * to sync while it holds writes, so the hold lasts past a few event-loop turns.
 */
export async function holdWrites(t: TestStore): Promise<{ checkpoint: Promise<void> }> {
  const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
  const checkpoint = t.store.checkpoint();
  await logToRun(t.svc, { runId, metrics: { keys: ['hold'], keyIdx: [0, 0], pts: new Float64Array([1, 0, 0, 2, 1, 0]) }, params: [], tags: [] });
  while (!t.store.holdingWrites) await new Promise((r) => setImmediate(r));
  return { checkpoint };
}
