import { invalidParam } from '../../../shared/domain/mlflow-error';
import type { RemoteTestResult, RemoteView } from '../../../shared/ipc/sync-types';
import { errorMessage } from '../../jobs/job-runner';
import { addRemoteFrom, remotes, removeRemote, requireRemote, updateRemote, type RemoteSettings, type SecretSource } from '../../services/remotes-service';
import type { ServiceContext } from '../../services/service-context';
import type { RemoteRow } from '../../store/sync/sync-repo';
import { remoteAuth } from '../../sync/remote-secrets';
import type { CallContext, Handlers } from '../dispatch';
import type { KeptSecrets } from '../kept-secrets';
import { testRemote } from './remote-test';

type RemoteHandlers = Pick<Handlers, 'remotes.list' | 'remotes.add' | 'remotes.update' | 'remotes.remove' | 'remotes.test'>;
type AuthInput = { kind: 'none' } | { kind: 'basic'; username: string } | { kind: 'bearer' };
type SecretInput = { from: 'env'; name: string } | { from: 'kept'; value: string };

const keptBy = (r: RemoteRow) => r.authKind !== 'none' && r.secretEnv === '';

export function remoteView(r: RemoteRow, secrets: KeptSecrets | undefined): RemoteView {
  const secret: RemoteView['secret'] = r.authKind === 'none' ? { from: 'none' } : r.secretEnv ? { from: 'env', name: r.secretEnv } : { from: 'kept', present: secrets?.has(r.name) ?? false };
  const { name, url, authKind, username, createdTime, lastSyncTime, lastSyncState } = r;
  return { name, url, authKind, username, secret, createdTime, lastSyncTime, lastSyncState };
}

/** Why a secret cannot be kept by this process over this transport, or null when it can. */
export function keptRefusal(ctx: CallContext, secrets: KeptSecrets | undefined): string | null {
  if (ctx.transport === 'http' || !secrets) {
    return 'Only the desktop app can keep a password or token. Here (a browser, or Sextant running headless), name an environment variable of the process that holds the store instead.';
  }
  return secrets.unavailable();
}

const settingsOf = (name: string, url: string, auth: AuthInput, secret: SecretSource | undefined): RemoteSettings => ({
  name,
  url,
  auth: auth.kind,
  ...(auth.kind === 'basic' ? { username: auth.username } : {}),
  ...(auth.kind === 'none' || !secret ? {} : { secret }),
});

const sourceOf = (s: SecretInput | undefined): SecretSource | undefined => (s ? (s.from === 'env' ? { kind: 'env', name: s.name } : { kind: 'kept' }) : undefined);

/** The Remotes page: add, edit, remove and test the MLflow servers this store syncs with. */
export function remoteHandlers(svc: ServiceContext, secrets: KeptSecrets | undefined): RemoteHandlers {
  const refuseKept = (secret: SecretInput | undefined, ctx: CallContext) => {
    const why = secret?.from === 'kept' ? keptRefusal(ctx, secrets) : null;
    if (why) throw invalidParam(why);
  };
  return {
    'remotes.list': () => remotes(svc).map((r) => remoteView(r, secrets)),
    'remotes.add': async ({ name, url, auth, secret }, ctx) => {
      refuseKept(secret, ctx);
      const row = await addRemoteFrom(svc, settingsOf(name, url, auth, sourceOf(secret)));
      if (auth.kind !== 'none' && secret?.from === 'kept') {
        try {
          secrets!.keep(name, secret.value);
        } catch (err) {
          await removeRemote(svc, name);
          throw invalidParam(`The ${auth.kind === 'basic' ? 'password' : 'token'} could not be kept: ${errorMessage(err)}`);
        }
      }
      return remoteView(row, secrets);
    },
    'remotes.update': async ({ name, url, auth, secret }, ctx) => {
      refuseKept(secret, ctx);
      const before = requireRemote(svc, name);
      // a kept secret left out of the form stays as it is (the form never shows it)
      const source = sourceOf(secret) ?? (keptBy(before) && auth.kind !== 'none' ? { kind: 'kept' as const } : undefined);
      if (source?.kind === 'kept' && !secret && !secrets?.has(name)) throw invalidParam(`No ${auth.kind === 'basic' ? 'password' : 'token'} is kept for '${name}': enter it again.`);
      const row = await updateRemote(svc, settingsOf(name, url, auth, source));
      if (auth.kind !== 'none' && secret?.from === 'kept') secrets!.keep(name, secret.value);
      if (!keptBy(row)) secrets?.forget(name);
      return remoteView(row, secrets);
    },
    'remotes.remove': async ({ name }) => {
      await removeRemote(svc, name);
      secrets?.forget(name);
      return { name };
    },
    'remotes.test': async ({ name, url, auth, secret }, ctx): Promise<RemoteTestResult> => {
      refuseKept(secret, ctx);
      try {
        if (url === undefined || auth === undefined) {
          if (!name) throw invalidParam('Give the name of a remote, or a URL and its auth.');
          const row = requireRemote(svc, name);
          return await testRemote(row.url, remoteAuth(row, {}, process.env, secrets && ((n) => secrets.get(n))));
        }
        if (auth.kind === 'none') return await testRemote(url, { kind: 'none' });
        const value = secret ? (secret.from === 'kept' ? secret.value : process.env[secret.name]) : name ? secrets?.get(name) : undefined;
        if (value === undefined) {
          return { ok: false, error: secret?.from === 'env' ? `$${secret.name} is not set in the process that holds the store.` : `Enter the ${auth.kind === 'basic' ? 'password' : 'token'} to test with.` };
        }
        return await testRemote(url, auth.kind === 'basic' ? { kind: 'basic', username: auth.username, password: value } : { kind: 'bearer', token: value });
      } catch (err) {
        return { ok: false, error: errorMessage(err) };
      }
    },
  };
}
