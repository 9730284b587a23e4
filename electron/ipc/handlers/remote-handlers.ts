import { invalidParam } from '../../../shared/domain/mlflow-error';
import type { RemoteTestResult, RemoteView } from '../../../shared/ipc/sync-types';
import { errorMessage } from '../../jobs/job-runner';
import { redactSecret } from '../../secrets/redact-secrets';
import { remoteSecretReader } from '../../secrets/remote-secret-reader';
import { sealRemoteSecret } from '../../secrets/sealed-remote-secret';
import { secretPlaceOf } from '../../secrets/secret-place';
import { addRemoteFrom, remotes, removeRemote, requireRemote, updateRemote, type RemoteSettings, type SecretSource } from '../../services/remotes-service';
import type { ServiceContext } from '../../services/service-context';
import type { RemoteRow } from '../../store/sync/sync-repo';
import type { RemoteAuth } from '../../sync/remote-auth';
import { remoteAuth } from '../../sync/remote-secrets';
import type { CallContext, Handlers } from '../dispatch';
import type { KeptSecrets } from '../kept-secrets';
import { testRemote } from './remote-test';
import { isFromThisMachine } from '../../session/call-origin';

type RemoteHandlers = Pick<Handlers, 'remotes.list' | 'remotes.add' | 'remotes.update' | 'remotes.remove' | 'remotes.test'>;
type AuthInput = { kind: 'none' } | { kind: 'basic'; username: string } | { kind: 'bearer' };
type SecretInput = { from: 'env'; name: string } | { from: 'kept'; value: string };

/**
 * A remote as the Remotes page shows it: where its secret comes from, never the secret (nor its
 * sealed form). A secret sealed in the store is present while the store is encrypted.
 */
export function remoteView(r: RemoteRow, secrets: KeptSecrets | undefined, storeEncrypted = false): RemoteView {
  const place = secretPlaceOf(r);
  const secret: RemoteView['secret'] =
    place.kind === 'env'
      ? { from: 'env', name: place.name }
      : place.kind === 'store'
        ? { from: 'kept', present: storeEncrypted }
        : place.kind === 'app'
          ? { from: 'kept', present: secrets?.has(r.name) ?? false }
          : { from: 'none' };
  const { name, url, authKind, username, createdTime, lastSyncTime, lastSyncState } = r;
  return { name, url, authKind, username, secret, createdTime, lastSyncTime, lastSyncState };
}

/** Why a secret cannot be kept by this process's OS keychain over this transport, or null when it can. */
export function keptRefusal(ctx: CallContext, secrets: KeptSecrets | undefined): string | null {
  if (ctx.transport === 'http' || !secrets) {
    return 'Only the desktop app can keep a password or token for a store that is not encrypted. Here (a browser, or Sextant running headless), name an environment variable of the process that holds the store instead, or encrypt the store.';
  }
  return secrets.unavailable();
}

const FROM_AFAR = 'Enter a password or token only on the machine running Sextant (its http://127.0.0.1 address): this browser reaches it over the network, where the secret would travel in clear. Or name an environment variable of the process that holds the store.';

const settingsOf = (name: string, url: string, auth: AuthInput, secret: SecretSource | undefined): RemoteSettings => ({
  name,
  url,
  auth: auth.kind,
  ...(auth.kind === 'basic' ? { username: auth.username } : {}),
  ...(auth.kind === 'none' || !secret ? {} : { secret }),
});

const wordOf = (auth: AuthInput): 'password' | 'token' => (auth.kind === 'basic' ? 'password' : 'token');

const authWith = (auth: AuthInput, value: string): RemoteAuth => (auth.kind === 'basic' ? { kind: 'basic', username: auth.username, password: value } : { kind: 'bearer', token: value });

/**
 * The Remotes page: add, edit, remove and test the MLflow servers this store syncs with. A
 * password or token entered here is sealed in the store when the store is encrypted (one commit
 * with the remote, removed with it), otherwise kept by the desktop app's OS keychain; a secret
 * named by an environment variable stays there.
 */
export function remoteHandlers(svc: ServiceContext, secrets: KeptSecrets | undefined): RemoteHandlers {
  const encrypted = () => svc.store.keys !== null;
  const read = remoteSecretReader(svc.store, secrets);
  const view = (r: RemoteRow) => remoteView(r, secrets, encrypted());
  const refuseKept = (secret: SecretInput | undefined, ctx: CallContext) => {
    // browser mode is plain HTTP: a password or token typed on another machine crossed the network in clear
    if (secret?.from === 'kept' && !isFromThisMachine(ctx)) throw invalidParam(FROM_AFAR);
    const why = secret?.from === 'kept' && !encrypted() ? keptRefusal(ctx, secrets) : null;
    if (why) throw invalidParam(why);
  };
  /** Where a secret entered in the form goes: sealed into the row (encrypted store), or the app's keychain after the commit. */
  const sourceFor = (name: string, secret: SecretInput): SecretSource =>
    secret.from === 'env' ? { kind: 'env', name: secret.name } : encrypted() ? { kind: 'sealed', ref: sealRemoteSecret(svc.store, name, secret.value) } : { kind: 'kept' };
  return {
    'remotes.list': () => remotes(svc).map(view),
    'remotes.add': async ({ name, url, auth, secret }, ctx) => {
      refuseKept(secret, ctx);
      const source = auth.kind !== 'none' && secret ? sourceFor(name, secret) : undefined;
      const row = await addRemoteFrom(svc, settingsOf(name, url, auth, source));
      if (source?.kind === 'kept' && secret?.from === 'kept') {
        try {
          secrets!.keep(name, secret.value);
        } catch (err) {
          await removeRemote(svc, name);
          throw invalidParam(`The ${wordOf(auth)} could not be kept: ${errorMessage(err)}`);
        }
      }
      return view(row);
    },
    'remotes.update': async ({ name, url, auth, secret }, ctx) => {
      refuseKept(secret, ctx);
      const before = requireRemote(svc, name);
      const word = wordOf(auth);
      let source: SecretSource | undefined;
      if (auth.kind === 'none') source = undefined;
      else if (secret) source = sourceFor(name, secret);
      else {
        // a kept secret left out of the form stays where it is (the form never shows it)
        const place = secretPlaceOf(before);
        if (place.kind === 'store') source = { kind: 'sealed', ref: place.ref };
        else if (place.kind === 'app') {
          if (!secrets?.has(name)) throw invalidParam(`No ${word} is kept for '${name}': enter it again.`);
          source = { kind: 'kept' };
        }
      }
      const row = await updateRemote(svc, settingsOf(name, url, auth, source));
      if (source?.kind === 'kept' && secret?.from === 'kept') secrets!.keep(name, secret.value);
      if (secretPlaceOf(row).kind !== 'app') secrets?.forget(name);
      return view(row);
    },
    'remotes.remove': async ({ name }) => {
      await removeRemote(svc, name); // a secret sealed in the row goes with it
      secrets?.forget(name);
      return { name };
    },
    'remotes.test': async ({ name, url, auth, secret }, ctx): Promise<RemoteTestResult> => {
      refuseKept(secret, ctx);
      let used: RemoteAuth = { kind: 'none' };
      try {
        if (url === undefined || auth === undefined) {
          if (!name) throw invalidParam('Give the name of a remote, or a URL and its auth.');
          const row = requireRemote(svc, name);
          used = remoteAuth(row, {}, process.env, read);
          return scrubbed(await testRemote(row.url, used), used);
        }
        if (auth.kind === 'none') return await testRemote(url, { kind: 'none' });
        const value = secret ? (secret.from === 'kept' ? secret.value : process.env[secret.name]) : name ? read(name) : undefined;
        if (value === undefined) {
          return { ok: false, error: secret?.from === 'env' ? `$${secret.name} is not set in the process that holds the store.` : `Enter the ${wordOf(auth)} to test with.` };
        }
        used = authWith(auth, value);
        return scrubbed(await testRemote(url, used), used);
      } catch (err) {
        return { ok: false, error: redactSecret(errorMessage(err), used) };
      }
    },
  };
}

/** A test's result with the secret scrubbed from the remote's error (a server may echo request headers). */
const scrubbed = (result: RemoteTestResult, used: RemoteAuth): RemoteTestResult => (result.ok ? result : { ok: false, error: redactSecret(result.error, used) });
