import { MlflowError } from '../../../shared/domain/mlflow-error';
import type { CurrentStoreKey, NewStoreKey } from '../../../shared/ipc/store-contract';
import { isFromThisMachine } from '../../session/call-origin';
import type { StoreControl } from '../../session/store-control';
import type { CallContext, Handlers } from '../dispatch';

export type StoreMethod = 'store.status' | 'store.unlock' | 'store.protect' | 'store.encrypt' | 'store.decrypt' | 'store.rekey' | 'store.cancelConversion';

/** The sentence a passphrase sent from another machine is refused with (`doing`: "unlock the store"). */
export function passphraseFromAfarSentence(doing: string, localUrl: string): string {
  return `${doing} from this machine (${localUrl}): a passphrase is never sent over the network in clear`;
}

const newIsPassphrase = (key: NewStoreKey) => key.kind === 'passphrase';
const currentIsPassphrase = (current: CurrentStoreKey) => 'passphrase' in current;

/**
 * The contract's store methods (shared/ipc/store-contract.ts), served by the store session whatever
 * its state. A call carrying a passphrase (to unlock, protect, encrypt, decrypt or rekey) is taken
 * only from this machine: browser mode is plain HTTP, and `sextant serve --host 0.0.0.0` would
 * otherwise take passphrases in clear over the network. It is refused before the session sees it
 * (no key check, no log). A key file is named by its path on this machine, not sent: allowed.
 * `localUrl`: where a browser on this machine reaches the server (the tracking URI).
 */
export function storeHandlers(control: StoreControl, localUrl: () => string): Pick<Handlers, StoreMethod> {
  const onlyHere = (ctx: CallContext, carriesPassphrase: boolean, doing: string) => {
    if (carriesPassphrase && !isFromThisMachine(ctx)) throw new MlflowError('PERMISSION_DENIED', passphraseFromAfarSentence(doing, localUrl()));
  };
  return {
    'store.status': () => control.status(),
    'store.unlock': (input, ctx) => {
      onlyHere(ctx, 'passphrase' in input, 'unlock the store');
      return control.unlock(input);
    },
    'store.protect': (input, ctx) => {
      onlyHere(ctx, input.with === 'passphrase', 'protect the store with a passphrase');
      return control.protect(input);
    },
    'store.encrypt': ({ key }, ctx) => {
      onlyHere(ctx, newIsPassphrase(key), 'encrypt the store with a passphrase');
      return control.encrypt(key);
    },
    'store.decrypt': ({ current }, ctx) => {
      onlyHere(ctx, currentIsPassphrase(current), 'decrypt the store');
      return control.decrypt(current);
    },
    'store.rekey': ({ key, current }, ctx) => {
      onlyHere(ctx, newIsPassphrase(key) || currentIsPassphrase(current), "change the store's key");
      return control.rekey(key, current);
    },
    'store.cancelConversion': () => control.cancelConversion(),
  };
}
