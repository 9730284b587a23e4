import type { KekSource } from '../crypto/keys/kek-source';
import { rekey, unlock } from '../crypto/keys/store-encryption';
import { removeLeftoverTempFiles } from '../durable-fs';
import { readManifest, writeManifest } from '../manifest';
import { StoreOpenError } from '../store-errors';
import { lockClosedStore } from './store-holder';
import { finishInterruptedSwap } from './swap-recovery';

export interface RekeyRequest {
  dir: string;
  /** The key the store is encrypted with now. */
  from: KekSource;
  /** The key it is to open with from now on (any kind: key file, passphrase, OS keychain). */
  to: KekSource;
}

/**
 * Rotates an encrypted store's key: the data key is unwrapped with the old key and wrapped again
 * under the new one, and store.json is replaced durably (temp file, fsync, rename, fsync of the
 * folder). Nothing else is rewritten, so it takes as long for any store size. A kill at any
 * moment leaves store.json whole, with the old header or the new one: the store then opens with
 * exactly one of the two keys. The store must be closed (its lock is taken; StoreHeldError when
 * another process holds it); a conversion a kill interrupted is finished first.
 */
export async function rekeyStore({ dir, from, to }: RekeyRequest): Promise<void> {
  await finishInterruptedSwap(dir);
  if (!readManifest(dir)) throw new StoreOpenError(`${dir} is not a Sextant store (it has no store.json)`);
  const lock = await lockClosedStore(dir);
  try {
    // Read again under the lock: what a writer that held the store last left.
    const manifest = readManifest(dir);
    if (!manifest) throw new StoreOpenError(`${dir} is not a Sextant store (it has no store.json)`);
    if (!manifest.encryption) throw new StoreOpenError(`store ${dir} is not encrypted, so it has no key to rotate; encrypt it with sextant store encrypt`);
    const store = { header: manifest.encryption, storeId: manifest.storeId, storeDir: dir };
    const dek = await unlock(store, from);
    try {
      const header = await rekey(store, dek, to);
      removeLeftoverTempFiles(dir); // a rekey killed while writing store.json leaves its temp file
      writeManifest(dir, { ...manifest, encryption: header });
    } finally {
      dek.dispose();
    }
  } finally {
    await lock.release();
  }
}
