import type { KeptSecrets } from '../ipc/kept-secrets';
import { findRemote } from '../store/sync/sync-repo';
import type { Store } from '../store/store';
import type { SecretKeeper } from '../sync/remote-secrets';
import { openRemoteSecret } from './sealed-remote-secret';
import { secretPlaceOf } from './secret-place';

/**
 * The secrets a process can open for its remotes: those sealed in its store (when the store is
 * encrypted) and, in the desktop app, those its OS keychain keeps. What push, pull and lazy
 * artifact downloads are given (as `SecretKeeper`). A sealed secret that does not open throws a
 * sentence naming the remote (never the secret).
 */
export function remoteSecretReader(store: Pick<Store, 'db' | 'keys' | 'id'>, app?: Pick<KeptSecrets, 'get'>): SecretKeeper {
  return (name) => {
    const row = findRemote(store.db, name);
    const place = row && secretPlaceOf(row);
    if (place?.kind === 'store') return openRemoteSecret(store, name, place.ref);
    return app?.get(name);
  };
}
