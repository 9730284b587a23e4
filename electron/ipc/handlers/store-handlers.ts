import type { StoreControl } from '../../session/store-control';
import type { Handlers } from '../dispatch';

type StoreMethod = 'store.status' | 'store.unlock' | 'store.protect' | 'store.encrypt' | 'store.decrypt' | 'store.rekey' | 'store.cancelConversion';

/** The contract's store methods (shared/ipc/store-contract.ts), served by the store session whatever its state. */
export function storeHandlers(control: StoreControl): Pick<Handlers, StoreMethod> {
  return {
    'store.status': () => control.status(),
    'store.unlock': (input) => control.unlock(input),
    'store.protect': (input) => control.protect(input),
    'store.encrypt': ({ key }) => control.encrypt(key),
    'store.decrypt': ({ current }) => control.decrypt(current),
    'store.rekey': ({ key, current }) => control.rekey(key, current),
    'store.cancelConversion': () => control.cancelConversion(),
  };
}
