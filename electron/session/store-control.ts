import type { CurrentStoreKey, NewStoreKey } from '../../shared/ipc/store-contract';
import type { StoreStatus } from '../../shared/ipc/store-types';

/** What the contract's store.* methods ask of the store session (store-session.ts). Each answers the status after the call. */
export interface StoreControl {
  status(): StoreStatus;
  unlock(input: { passphrase: string } | { keyFile: string }): Promise<StoreStatus>;
  protect(input: { with: 'passphrase'; passphrase: string } | { with: 'none' }): Promise<StoreStatus>;
  encrypt(key: NewStoreKey): Promise<StoreStatus>;
  decrypt(current: CurrentStoreKey): Promise<StoreStatus>;
  rekey(key: NewStoreKey, current: CurrentStoreKey): Promise<StoreStatus>;
  cancelConversion(): StoreStatus;
}
