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
 * Simulates the process dying: nothing is flushed or checkpointed; only the lock goes, as the
 * kernel closes a dead process's lock socket. Waits for acknowledged writes only, which is what
 * a client could have seen.
 */
export async function crash(t: TestStore): Promise<void> {
  await t.store.lock.release();
}
