import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { defaultExperimentOps } from '../../electron/services/experiments-service';
import { createServiceContext, type ServiceContext } from '../../electron/services/service-context';
import { Store, type StoreOptions } from '../../electron/store/store';

export interface TestStore {
  store: Store;
  svc: ServiceContext;
  logs: string[];
}

/** Opens a store in `dir` the way `sextant serve` does, collecting its log lines. */
export async function openTestStore(dir: string, opts: Partial<StoreOptions> = {}): Promise<TestStore> {
  const logs: string[] = [];
  const store = await Store.open({ dir, log: (m) => logs.push(m), initialOps: defaultExperimentOps, ...opts });
  return { store, svc: createServiceContext(store), logs };
}

/**
 * Simulates the process dying: nothing is flushed or checkpointed, the lock is left behind
 * (and removed here, as a restart would find its holder gone). Waits for acknowledged writes
 * only, which is what a client could have seen.
 */
export async function crash(t: TestStore): Promise<void> {
  rmSync(join(t.store.dir, 'lock'), { force: true });
}
