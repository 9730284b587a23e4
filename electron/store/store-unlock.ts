import { randomUUID } from 'node:crypto';
import type { EncryptionHeader } from './crypto/keys/encryption-header';
import type { KekSource } from './crypto/keys/kek-source';
import type { KeyMaterial } from './crypto/keys/key-material';
import { createEncryption, unlock } from './crypto/keys/store-encryption';
import type { Manifest } from './manifest';
import { StoreOpenError } from './store-errors';

export interface UnlockRequest {
  dir: string;
  /** The store's manifest, null for a store not created yet. */
  manifest: Manifest | null;
  key?: KekSource;
  /** For a new store only: encrypt it (default: whether a key is given). */
  encrypt?: boolean;
}

export interface UnlockedStore {
  /** The store's id: the manifest's, or a new one for a store being created (its key header is bound to it). */
  storeId: string;
  /** The data key (null for a plain store): the caller owns it and disposes of it. */
  dek: KeyMaterial | null;
  /** For a new encrypted store: the key header to write into its first manifest. */
  created?: { header: EncryptionHeader };
}

/**
 * Decides, before a store's files are touched, whether and how it opens with the key given:
 *  - a new store is created encrypted when given a key (or `encrypt: true`, which needs one);
 *  - an encrypted store opens only with its key: no key, a wrong key or a damaged key header is
 *    refused with the StoreKeyError sentence naming the store (crypto/keys/store-encryption.ts);
 *  - a plain store given a key is refused: encrypting a store is a conversion of its own, never
 *    a side effect of opening it.
 * Messages name the store and what is wrong; they never hold key bytes or passphrases.
 */
export async function unlockStoreKeys({ dir, manifest, key, encrypt }: UnlockRequest): Promise<UnlockedStore> {
  if (!manifest) {
    const storeId = randomUUID();
    const wanted = encrypt ?? key !== undefined;
    if (wanted && !key) throw new StoreOpenError(`store ${dir} cannot be created encrypted without a key; pass --key-file FILE`);
    if (!wanted && key) throw new StoreOpenError(`store ${dir} was asked to be created unencrypted yet given a key; leave out the key or the request for a plain store`);
    if (!key) return { storeId, dek: null };
    const { header, dek } = await createEncryption({ storeId, storeDir: dir }, key);
    return { storeId, dek, created: { header } };
  }
  if (manifest.encryption) {
    const dek = await unlock({ header: manifest.encryption, storeId: manifest.storeId, storeDir: dir }, key);
    return { storeId: manifest.storeId, dek };
  }
  if (key) throw new StoreOpenError(`store ${dir} is not encrypted and opens without a key (to encrypt it, run sextant store encrypt --store DIR --key-file FILE)`);
  return { storeId: manifest.storeId, dek: null };
}
