import type { RemoteRow } from '../store/sync/sync-repo';
import { isSealedSecretRef } from './sealed-remote-secret';

/**
 * Where a remote's password or token comes from, read from its row (which never holds the secret
 * in clear): MLflow's own variables for a remote given as a URL, none, an environment variable of
 * the process holding the store, sealed in the encrypted store, or kept by the desktop app
 * (OS-keychain ciphertext in its settings file; the row then names nothing).
 */
export type SecretPlace =
  | { kind: 'mlflow-env' }
  | { kind: 'none' }
  | { kind: 'env'; name: string }
  | { kind: 'store'; ref: string }
  | { kind: 'app' };

export type RemoteSecretFields = Pick<RemoteRow, 'name' | 'url' | 'authKind' | 'secretEnv'>;

export function secretPlaceOf(r: RemoteSecretFields): SecretPlace {
  if (r.name === r.url) return { kind: 'mlflow-env' };
  if (r.authKind === 'none') return { kind: 'none' };
  if (isSealedSecretRef(r.secretEnv)) return { kind: 'store', ref: r.secretEnv };
  if (r.secretEnv) return { kind: 'env', name: r.secretEnv };
  return { kind: 'app' };
}

/** What the secret is called for a remote's auth kind. */
export const secretWord = (authKind: RemoteRow['authKind']): 'password' | 'token' => (authKind === 'basic' ? 'password' : 'token');
