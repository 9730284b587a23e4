import { secretPlaceOf, secretWord } from '../secrets/secret-place';
import type { RemoteRow } from '../store/sync/sync-repo';
import { authFromEnv, type RemoteAuth } from './remote-auth';

/** Secrets a command hands the holder with a job: only these, from the command's environment. */
export const isHandedSecret = (name: string) => /^MLFLOW_TRACKING_/.test(name) || /_(PASSWORD|TOKEN|SECRET)$/.test(name);

/** The variables of `env` a command hands over with a sync job (in memory, through the store's 0600 socket). */
export const handedSecrets = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && isHandedSecret(e[0])));

/**
 * How to reach a remote. A remote given as a URL: MLflow's own variables. An added remote: the
 * variable it names (the command's environment first, then this process's), or its secret kept
 * sealed in the encrypted store or by the desktop app, opened by `kept` (see
 * secrets/remote-secret-reader.ts). Errors name the remote and where its secret was looked for,
 * never the secret.
 */
export function remoteAuth(remote: RemoteRow, handed: Record<string, string>, own: NodeJS.ProcessEnv = process.env, kept?: SecretKeeper): RemoteAuth {
  const place = secretPlaceOf(remote);
  if (place.kind === 'mlflow-env') return authFromEnv({ ...own, ...handed });
  if (place.kind === 'none') return { kind: 'none' };
  const word = secretWord(remote.authKind);
  let secret: string | undefined;
  if (place.kind === 'env') {
    secret = handed[place.name] ?? own[place.name];
    if (secret === undefined) {
      throw new Error(
        `remote '${remote.name}' reads its ${word} from $${place.name}, which is set neither here nor in the process holding the store` +
          (isHandedSecret(place.name) ? '' : ' (a command hands over only variables named MLFLOW_TRACKING_*, *_PASSWORD, *_TOKEN or *_SECRET)'),
      );
    }
  } else {
    secret = kept?.(remote.name);
    if (secret === undefined) {
      throw new Error(
        place.kind === 'store'
          ? `remote '${remote.name}' keeps its ${word} sealed in the encrypted store, which this process cannot open secrets of`
          : kept
            ? `the desktop app keeps no ${word} for remote '${remote.name}' any more (the OS keychain could not open it): enter it again on the Remotes page`
            : `remote '${remote.name}' has its ${word} kept by the desktop app, which only the app can use: push or pull from the app, or add the remote again with an environment variable`,
      );
    }
  }
  return remote.authKind === 'basic' ? { kind: 'basic', username: remote.username, password: secret } : { kind: 'bearer', token: secret };
}

/**
 * A remote's secret kept sealed in the encrypted store or by the desktop app (encrypted with the
 * OS keychain through Electron's safeStorage), by the remote's name; undefined when none is kept.
 * May throw a sentence naming the remote when a kept secret does not open.
 */
export type SecretKeeper = (remote: string) => string | undefined;
