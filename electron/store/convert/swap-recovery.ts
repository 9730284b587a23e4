import { existsSync } from 'node:fs';
import { finishSwap, readSwapIntent } from './store-swap';
import { lockClosedStore } from './store-holder';

/**
 * Finishes a conversion's swap that a kill (or a power cut) interrupted, before anything else
 * touches the store: under the store's lock while the store is at its name (refused, with the
 * holder named, when another process has it open), without one when the kill came between the
 * two renames (nothing is at the store's name then). 'none' when there was nothing to finish.
 */
export async function finishInterruptedSwap(storeDir: string): Promise<'none' | 'finished' | 'rolled-back'> {
  const intent = readSwapIntent(storeDir);
  if (!intent) return 'none';
  if (!existsSync(storeDir)) return finishSwap(storeDir, intent);
  const lock = await lockClosedStore(storeDir);
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await lock.release();
  };
  try {
    // The lock is let go as soon as the store is moved aside: its socket went with the folder.
    return await finishSwap(storeDir, intent, { afterStoreMoved: release });
  } finally {
    await release();
  }
}
