import type { Store, StoreOptions } from '../store/store';
import { StoreOpenError } from '../store/store-errors';
import type { StoreLock } from '../store/store-lock';

type OpenStore = (opts: StoreOptions) => Promise<Store>;

/** Per Store.open function: whether it opens under a lock it is given (StoreOptions.lock), learnt at its first use. */
const takesLock = new WeakMap<OpenStore, boolean>();

/**
 * Opens the store under the lock the session holds (`lent`, StoreOptions.lock), so the store is
 * never without its lock between the session's hold and the store's. A Store.open that does not
 * know `lock` yet (it acquires its own, and so refuses a store this process holds) is told apart
 * at run time, by whether it read the option: the session's lock is then let go right before the
 * store takes its own, as before, and later opens go that way at once.
 */
export async function openUnderLock(open: OpenStore, opts: StoreOptions, lent: StoreLock | null, letGo: () => Promise<void>): Promise<Store> {
  if (!lent) return open(opts);
  if (takesLock.get(open) === false) {
    await letGo();
    return open(opts);
  }
  let read = false;
  const withLock: StoreOptions & { lock?: StoreLock } = {
    ...opts,
    get lock() {
      read = true;
      return lent;
    },
  };
  try {
    const store = await open(withLock);
    if (read) takesLock.set(open, true);
    return store;
  } catch (err) {
    if (read || !(err instanceof StoreOpenError)) throw err;
    takesLock.set(open, false);
    await letGo();
    return open(opts);
  }
}
