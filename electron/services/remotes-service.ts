import { invalidParam } from '../../shared/domain/mlflow-error';
import { isSealedSecretRef, maskSealedRef } from '../secrets/sealed-remote-secret';
import { parseRemoteUrl } from '../sync/remote-url';
import type { RemoteSpec } from '../store/ops/op-types';
import { findRemote, listRemotes, type RemoteRow } from '../store/sync/sync-repo';
import type { ServiceContext } from './service-context';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** A remote's URL as requests use it (see parseRemoteUrl), refused with MLflow's error when malformed. */
export function normaliseRemoteUrl(raw: string): string {
  try {
    return parseRemoteUrl(raw).base;
  } catch (err) {
    throw invalidParam((err as Error).message);
  }
}

export const isRemoteUrl = (s: string) => /^https?:\/\//i.test(s);

export interface AddRemoteInput {
  name: string;
  url: string;
  username?: string;
  /** The environment variable holding the password (basic auth) or the token (bearer). */
  passwordEnv?: string;
  tokenEnv?: string;
}

/** Validates and normalises a remote to add; the names of secrets' variables, never their values. */
export function remoteSpec(input: AddRemoteInput): RemoteSpec {
  if (!NAME.test(input.name)) throw invalidParam(`Invalid remote name '${input.name}': letters, digits, '.', '_' and '-', up to 64, starting with a letter or digit.`);
  const url = normaliseRemoteUrl(input.url);
  if (input.passwordEnv && input.tokenEnv) throw invalidParam('Give either --password-env (with --username) or --token-env, not both.');
  if (input.passwordEnv !== undefined && !input.username) throw invalidParam('--password-env needs --username.');
  if (input.username !== undefined && input.passwordEnv === undefined) throw invalidParam('--username needs --password-env VAR (the variable holding the password).');
  const secretEnv = input.passwordEnv ?? input.tokenEnv ?? '';
  // never echoed: a password given where its variable's name belongs must not reach a message or a log
  if (secretEnv && !ENV_VAR.test(secretEnv)) throw invalidParam(`The value of --${input.passwordEnv ? 'password' : 'token'}-env is not an environment variable name (letters, digits and _, not starting with a digit): give the name of the variable holding the secret, never the secret itself.`);
  return { name: input.name, url, authKind: input.passwordEnv ? 'basic' : input.tokenEnv ? 'bearer' : 'none', username: input.username ?? '', secretEnv };
}

export async function addRemote(ctx: ServiceContext, input: AddRemoteInput): Promise<RemoteRow> {
  return addRemoteSpec(ctx, remoteSpec(input));
}

async function addRemoteSpec(ctx: ServiceContext, remote: RemoteSpec): Promise<RemoteRow> {
  await ctx.store.commit({ type: 'remote.add', remote, time: ctx.now() });
  return findRemote(ctx.store.db, remote.name)!;
}

/**
 * Where a remote's password or token comes from: an environment variable of the process holding
 * the store (headless), kept by the desktop app (encrypted with the OS keychain, outside the
 * store; the store then records no variable), or sealed in the encrypted store (the row keeps the
 * sealed reference made by secrets/sealed-remote-secret.ts, never the secret).
 */
export type SecretSource = { kind: 'env'; name: string } | { kind: 'kept' } | { kind: 'sealed'; ref: string };

/** A remote as the app's forms give it: the auth kind, and where its secret comes from. */
export interface RemoteSettings {
  name: string;
  url: string;
  auth: 'none' | 'basic' | 'bearer';
  username?: string;
  secret?: SecretSource;
}

/** Validates and normalises a remote from the app; the same rules as the CLI's. */
export function remoteSpecFrom(s: RemoteSettings): RemoteSpec {
  if (s.auth === 'none') return remoteSpec({ name: s.name, url: s.url });
  if (!s.secret) throw invalidParam(`A ${s.auth === 'basic' ? 'password' : 'token'} is needed: from an environment variable, or kept by the app.`);
  if (s.auth === 'basic' && !s.username) throw invalidParam('Basic auth needs a user name.');
  if (s.secret.kind === 'env') {
    const env = s.auth === 'basic' ? { username: s.username, passwordEnv: s.secret.name } : { tokenEnv: s.secret.name };
    return remoteSpec({ name: s.name, url: s.url, ...env });
  }
  if (s.secret.kind === 'sealed' && !isSealedSecretRef(s.secret.ref)) throw invalidParam('A secret kept in the store must be sealed first.');
  const spec = remoteSpec({ name: s.name, url: s.url });
  return { ...spec, authKind: s.auth, username: s.auth === 'basic' ? s.username! : '', secretEnv: s.secret.kind === 'sealed' ? s.secret.ref : '' };
}

/** Adds a remote from the app's form (a kept secret is the caller's to keep, under the remote's name). */
export const addRemoteFrom = (ctx: ServiceContext, s: RemoteSettings): Promise<RemoteRow> => addRemoteSpec(ctx, remoteSpecFrom(s));

/**
 * Changes a remote's URL or auth, keeping what was synced with it (its ID map and what it has of
 * each run). The store has no single op for this yet: the remote is removed, added again and its
 * sync state recorded back, three commits. Interrupted in between, the remote (or its sync state)
 * is missing; adding it again is safe, because the ID map is rebuilt from the remote's lineage tags.
 */
export async function updateRemote(ctx: ServiceContext, s: RemoteSettings): Promise<RemoteRow> {
  requireRemote(ctx, s.name);
  await ctx.store.commit({ type: 'remote.update', remote: remoteSpecFrom(s), time: ctx.now() });
  return findRemote(ctx.store.db, s.name)!;
}

/**
 * Changes only where a remote's secret comes from: `ref` is a sealed reference (kept in the
 * store) or '' (kept by the desktop app, or no longer kept). Used when secrets move between the
 * store and the app's keychain (secrets/settle-kept-secrets.ts).
 */
export async function setSecretRef(ctx: ServiceContext, row: RemoteRow, ref: string): Promise<RemoteRow> {
  const { name, url, authKind, username } = row;
  await ctx.store.commit({ type: 'remote.update', remote: { name, url, authKind, username, secretEnv: ref }, time: ctx.now() });
  return findRemote(ctx.store.db, name)!;
}

/** Removes a remote and its row, so a secret sealed in it goes too (the app forgets its own copy: see remote-handlers). */
export async function removeRemote(ctx: ServiceContext, name: string): Promise<void> {
  await ctx.store.commit({ type: 'remote.remove', name, time: ctx.now() });
}

/**
 * Every remote, as listings show them (`remote list`, its JSON, the UI): a secret sealed in the
 * store shows as a mask, not its sealed bytes. Code that opens secrets reads the rows themselves.
 */
export const remotes = (ctx: ServiceContext): RemoteRow[] => listRemotes(ctx.store.db).map((r) => ({ ...r, secretEnv: maskSealedRef(r.secretEnv) }));

export function requireRemote(ctx: ServiceContext, name: string): RemoteRow {
  const found = findRemote(ctx.store.db, name);
  if (!found) throw invalidParam(`No remote named '${name}': add it with \`sextant remote add ${name} URL\`, or give a URL.`);
  return found;
}

/**
 * The remote a push or pull names: an added remote by its name, or a URL. A URL's sync state is
 * kept under a remote named by the URL itself, added on first use (credentials then come from
 * MLflow's own variables, as the MLflow clients read them).
 */
export async function resolveRemote(ctx: ServiceContext, nameOrUrl: string): Promise<RemoteRow> {
  if (!isRemoteUrl(nameOrUrl)) return requireRemote(ctx, nameOrUrl);
  const url = normaliseRemoteUrl(nameOrUrl);
  const existing = findRemote(ctx.store.db, url);
  if (existing) return existing;
  await ctx.store.commit({ type: 'remote.add', remote: { name: url, url, authKind: 'none', username: '', secretEnv: '' }, time: ctx.now() });
  return findRemote(ctx.store.db, url)!;
}
