import type { StoreConversionAction, StoreConversionView, StoreKeyKind, StoreStatus } from '../../../shared/ipc/store-types';
import { formatSize } from '../artifacts/format-size';
import { MIN_PASSPHRASE_LENGTH } from './passphrase-strength';

export function keyKindLabel(kind: StoreKeyKind): string {
  return kind === 'os-keychain' ? 'key in the OS keychain' : kind === 'passphrase' ? 'passphrase' : 'key file';
}

/** How the store is protected, in a few words (the status bar, the settings page). */
export function protectionLabel(s: Pick<StoreStatus, 'encrypted' | 'keyKind'>): string {
  if (!s.encrypted) return 'Not encrypted';
  return s.keyKind ? `Encrypted · ${keyKindLabel(s.keyKind)}` : 'Encrypted';
}

/** The heading while a conversion runs. */
export function conversionTitle(action: StoreConversionAction): string {
  return action === 'encrypt' ? 'Encrypting the store' : action === 'decrypt' ? 'Decrypting the store' : "Changing the store's key";
}

const n = (x: number) => x.toLocaleString('en-US');

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export interface ConversionEndText {
  tone: 'ok' | 'cancelled' | 'error';
  /** The one sentence: what happened, and how the store opens now. */
  headline: string;
  /** Counts and time, and the backend's own summary when it adds something. */
  details: string[];
}

/** The end summary of a conversion that is no longer running. */
export function conversionEnd(c: StoreConversionView, now: Pick<StoreStatus, 'encrypted' | 'keyKind'>): ConversionEndText {
  const p = c.progress;
  const took = c.endedAt !== undefined ? ` in ${duration(c.endedAt - c.startedAt)}` : '';
  const counts = p.itemsDone || p.bytesDone ? `${n(p.itemsDone)} item${p.itemsDone === 1 ? '' : 's'} · ${formatSize(p.bytesDone)}${took}` : took.trim();
  const summary = c.outcome?.summary;
  const problems = (c.outcome?.problems ?? []).map((pr) => `${pr.item}: ${pr.message}`);
  const details = [counts, ...(summary ? [summary] : []), ...problems].filter(Boolean);
  const opens = now.encrypted && now.keyKind ? ` It opens with its ${keyKindLabel(now.keyKind)} from now on.` : '';
  const verb = c.action === 'encrypt' ? 'Encrypting the store' : c.action === 'decrypt' ? 'Decrypting the store' : "Changing the store's key";
  if (c.state === 'cancelled') return { tone: 'cancelled', headline: `${verb} was cancelled: the store is as it was.`, details };
  if (c.state === 'failed') return { tone: 'error', headline: `${verb} did not finish: the store is as it was.`, details };
  if (c.action === 'encrypt') return { tone: 'ok', headline: `The store is encrypted.${opens}`, details };
  if (c.action === 'decrypt') return { tone: 'ok', headline: 'The store is decrypted: anyone who can read its folder can read its runs now.', details };
  return { tone: 'ok', headline: `The store's key was changed (its data was not rewritten).${opens}`, details };
}

/** Why a new passphrase cannot be used (null when it can): too short, or the two entries differ. */
export function newPassphraseProblem(passphrase: string, confirmation: string): string | null {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return `Use at least ${MIN_PASSPHRASE_LENGTH} characters.`;
  if (passphrase !== confirmation) return 'The two passphrases differ: type the same one twice.';
  return null;
}

