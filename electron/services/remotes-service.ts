import { invalidParam } from '../../shared/domain/mlflow-error';
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
  if (secretEnv && !ENV_VAR.test(secretEnv)) throw invalidParam(`'${secretEnv}' is not an environment variable name.`);
  return { name: input.name, url, authKind: input.passwordEnv ? 'basic' : input.tokenEnv ? 'bearer' : 'none', username: input.username ?? '', secretEnv };
}

export async function addRemote(ctx: ServiceContext, input: AddRemoteInput): Promise<RemoteRow> {
  const remote = remoteSpec(input);
  await ctx.store.commit({ type: 'remote.add', remote, time: ctx.now() });
  return findRemote(ctx.store.db, remote.name)!;
}

export async function removeRemote(ctx: ServiceContext, name: string): Promise<void> {
  await ctx.store.commit({ type: 'remote.remove', name, time: ctx.now() });
}

export const remotes = (ctx: ServiceContext): RemoteRow[] => listRemotes(ctx.store.db);

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
