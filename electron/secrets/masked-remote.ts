import type { RemoteRow } from '../store/sync/sync-repo';
import { secretPlaceOf, secretWord, type SecretPlace } from './secret-place';

/** What stands for a password or token wherever a remote is shown: always the same, so not even its length shows. */
export const SECRET_MASK = '********';

/** What a listing knows besides the row: whether the store is encrypted, the app's keychain, this process's variables. */
export interface MaskContext {
  storeEncrypted: boolean;
  /** Whether the desktop app keeps a secret for a remote; absent headless. */
  appHas?: (remote: string) => boolean;
  /** Variables to say "not set here" against (the process holding the store). */
  env?: NodeJS.ProcessEnv;
}

/** Where a remote's secret comes from, as a listing's JSON shows it: never the secret, never its sealed form. */
export type MaskedSecret =
  | { from: 'mlflow-env' }
  | { from: 'none' }
  | { from: 'env'; name: string; mask: string; set?: boolean }
  | { from: 'store'; mask: string; present: boolean }
  | { from: 'app'; mask: string; present?: boolean };

export function maskedSecret(r: RemoteRow, ctx: MaskContext): MaskedSecret {
  const place: SecretPlace = secretPlaceOf(r);
  switch (place.kind) {
    case 'mlflow-env':
    case 'none':
      return { from: place.kind };
    case 'env':
      return { from: 'env', name: place.name, mask: SECRET_MASK, ...(ctx.env ? { set: ctx.env[place.name] !== undefined } : {}) };
    case 'store':
      return { from: 'store', mask: SECRET_MASK, present: ctx.storeEncrypted };
    case 'app':
      return { from: 'app', mask: SECRET_MASK, ...(ctx.appHas ? { present: ctx.appHas(r.name) } : {}) };
  }
}

/** One line on a remote's auth, the secret masked: "basic auth as ana, password ******** from $TEAM_PW". */
export function describeRemoteAuth(r: RemoteRow, ctx: MaskContext): string {
  const s = maskedSecret(r, ctx);
  if (s.from === 'mlflow-env') return 'credentials from MLFLOW_TRACKING_* variables';
  if (s.from === 'none') return 'no auth';
  const who = r.authKind === 'basic' ? `basic auth as ${r.username}` : 'bearer token';
  const word = secretWord(r.authKind);
  switch (s.from) {
    case 'env':
      return `${who}, ${word} ${SECRET_MASK} from $${s.name}${s.set === false ? ' (not set here)' : ''}`;
    case 'store':
      return s.present ? `${who}, ${word} ${SECRET_MASK} sealed in the encrypted store` : `${who}, ${word} lost when the store was decrypted (enter it again)`;
    case 'app':
      return s.present === false ? `${who}, ${word} no longer kept by the app (enter it again)` : `${who}, ${word} ${SECRET_MASK} kept by the desktop app (OS keychain)`;
  }
}

/** A remote as `remote list` prints it: name, URL, auth with the secret masked, last sync. */
export function remoteListLine(r: RemoteRow, ctx: MaskContext): string {
  const sync = r.lastSyncTime ? `${new Date(r.lastSyncTime).toISOString()} ${r.lastSyncState}` : 'never synced';
  return `${r.name}\t${r.url}\t${describeRemoteAuth(r, ctx)}\t${sync}`;
}

/** A remote as `remote list --json` and job details show it (the row, its secret reference masked). */
export function remoteListing(r: RemoteRow, ctx: MaskContext) {
  const { name, url, authKind, username, createdTime, lastSyncTime, lastSyncState } = r;
  return { name, url, authKind, username, secret: maskedSecret(r, ctx), createdTime, lastSyncTime, lastSyncState };
}
