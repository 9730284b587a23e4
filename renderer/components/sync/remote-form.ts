import type { Input } from '../../../shared/ipc/contract';
import type { RemoteAuthKind, RemoteView } from '../../../shared/ipc/sync-types';

/** The add/edit form as typed: the secret itself only while it is being entered. */
export interface RemoteFormValues {
  name: string;
  url: string;
  auth: RemoteAuthKind;
  username: string;
  /** `kept`: entered here and kept by the desktop app; `env`: a variable of the process holding the store. */
  secretFrom: 'kept' | 'env';
  secret: string;
  envName: string;
}

export const emptyForm = (canKeep: boolean): RemoteFormValues => ({ name: '', url: '', auth: 'none', username: '', secretFrom: canKeep ? 'kept' : 'env', secret: '', envName: '' });

export function formFromRemote(r: RemoteView, canKeep: boolean): RemoteFormValues {
  const env = r.secret.from === 'env' ? r.secret.name : '';
  return { name: r.name, url: r.url, auth: r.authKind, username: r.username, secretFrom: r.secret.from === 'env' || !canKeep ? 'env' : 'kept', secret: '', envName: env };
}

type Secret = Input<'remotes.add'>['secret'];
type Auth = Input<'remotes.add'>['auth'];

function authOf(v: RemoteFormValues): Auth {
  return v.auth === 'basic' ? { kind: 'basic', username: v.username.trim() } : { kind: v.auth };
}

/** The secret to send: a typed value to keep, a variable's name, or nothing (edit: keep the kept one). */
function secretOf(v: RemoteFormValues): Secret {
  if (v.auth === 'none') return undefined;
  if (v.secretFrom === 'env') return v.envName.trim() ? { from: 'env', name: v.envName.trim() } : undefined;
  return v.secret ? { from: 'kept', value: v.secret } : undefined;
}

const what = (v: RemoteFormValues) => (v.auth === 'basic' ? 'password' : 'token');

/**
 * The add or edit call for the form, or what is missing. Editing a remote whose secret the app
 * keeps may leave the secret empty: the kept one stays.
 */
export function saveInput(v: RemoteFormValues, existing: RemoteView | null): { input: Input<'remotes.add'> } | { error: string } {
  if (!v.name.trim()) return { error: 'Give the remote a name.' };
  if (!/^https?:\/\//i.test(v.url.trim())) return { error: 'The URL starts with http:// or https://.' };
  if (v.auth === 'basic' && !v.username.trim()) return { error: 'Basic auth needs a user name.' };
  const secret = secretOf(v);
  const keepsKept = existing?.secret.from === 'kept' && existing.secret.present && v.secretFrom === 'kept';
  if (v.auth !== 'none' && !secret && !keepsKept) {
    return { error: v.secretFrom === 'env' ? `Name the environment variable that holds the ${what(v)}.` : `Enter the ${what(v)}.` };
  }
  return { input: { name: v.name.trim(), url: v.url.trim(), auth: authOf(v), ...(secret ? { secret } : {}) } };
}

/** "Test connection" for what the form holds now (an edited remote's kept secret is used when none is typed). */
export function testInput(v: RemoteFormValues, existing: RemoteView | null): Input<'remotes.test'> {
  const secret = secretOf(v);
  return { url: v.url.trim(), auth: authOf(v), ...(secret ? { secret } : {}), ...(existing ? { name: existing.name } : {}) };
}

export const authLabel = (r: RemoteView): string => {
  if (r.authKind === 'none') return 'none';
  const kind = r.authKind === 'basic' ? `basic (${r.username})` : 'token';
  if (r.secret.from === 'env') return `${kind}, from $${r.secret.name}`;
  if (r.secret.from === 'kept') return `${kind}, kept by the app${r.secret.present ? '' : ' (missing: enter it again)'}`;
  return kind;
};
