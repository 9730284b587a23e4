import type { RemoteRow } from '../store/sync/sync-repo';
import { authFromEnv, type RemoteAuth } from './remote-auth';

/** Secrets a command hands the holder with a job: only these, from the command's environment. */
export const isHandedSecret = (name: string) => /^MLFLOW_TRACKING_/.test(name) || /_(PASSWORD|TOKEN|SECRET)$/.test(name);

/** The variables of `env` a command hands over with a sync job (in memory, through the store's 0600 socket). */
export const handedSecrets = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && isHandedSecret(e[0])));

/**
 * How to reach a remote: an added remote's secret from the variable it names (the command's
 * environment first, then this process's); a URL's from MLflow's own variables.
 */
export function remoteAuth(remote: RemoteRow, handed: Record<string, string>, own: NodeJS.ProcessEnv = process.env, kept?: SecretKeeper): RemoteAuth {
  if (remote.name === remote.url) return authFromEnv({ ...own, ...handed }); // a remote given as a URL
  if (remote.authKind === 'none') return { kind: 'none' };
  const secret = (remote.secretEnv ? (handed[remote.secretEnv] ?? own[remote.secretEnv]) : undefined) ?? kept?.(remote.name);
  if (secret === undefined) {
    throw new Error(
      `remote '${remote.name}' reads its ${remote.authKind === 'basic' ? 'password' : 'token'} from $${remote.secretEnv}, which is set neither here nor in the process holding the store` +
        (isHandedSecret(remote.secretEnv) ? '' : ' (a command hands over only variables named MLFLOW_TRACKING_*, *_PASSWORD, *_TOKEN or *_SECRET)'),
    );
  }
  return remote.authKind === 'basic' ? { kind: 'basic', username: remote.username, password: secret } : { kind: 'bearer', token: secret };
}

/**
 * A remote's secret kept by the desktop app (encrypted with the OS keychain through Electron's
 * safeStorage, never in the store), for remotes added in the app without an environment variable.
 */
export type SecretKeeper = (remote: string) => string | undefined;
