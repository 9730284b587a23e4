import { MIN_NEW_PASSPHRASE_LENGTH } from '../../../shared/ipc/store-types';

/**
 * The fewest characters a new passphrase may have (scrypt slows guessing; it cannot save a short
 * one). The contract refuses a shorter new passphrase too (store.protect, store.encrypt, store.rekey).
 */
export const MIN_PASSPHRASE_LENGTH = MIN_NEW_PASSPHRASE_LENGTH;

export type StrengthLevel = 'too-short' | 'weak' | 'fair' | 'good' | 'strong';

export interface PassphraseStrength {
  level: StrengthLevel;
  /** 0–4, for the meter. */
  score: number;
  /** One short line: how strong, and what would make it stronger. */
  hint: string;
}

const COMMON = /^(?:password|passw0rd|qwerty|letmein|welcome|admin|iloveyou|sextant|mlflow|123456|abc123|dragon|monkey|secret)/i;

/** Characters a guesser would try for this passphrase's kinds of characters. */
function poolSize(p: string): number {
  let pool = 0;
  if (/[a-z]/.test(p)) pool += 26;
  if (/[A-Z]/.test(p)) pool += 26;
  if (/\d/.test(p)) pool += 10;
  // one kind of separator between words ('-', ' ') is a guess away; varied symbols are not
  const symbols = new Set(p.replace(/[a-zA-Z\d]/g, ''));
  if (symbols.size) pool += symbols.size > 1 ? 33 : 5;
  return Math.max(pool, 1);
}

/** Length after squeezing runs of one character and straight sequences (aaaa, 1234, abcd) to two. */
function effectiveLength(p: string): number {
  let n = 0;
  let run = 0;
  for (let i = 0; i < p.length; i++) {
    const step = i > 0 ? p.charCodeAt(i) - p.charCodeAt(i - 1) : NaN;
    run = step === 0 || step === 1 || step === -1 ? run + 1 : 0;
    if (run < 2) n++;
  }
  return n;
}

/**
 * A rough, offline estimate (no word lists): bits from length and kinds of characters, with
 * repeats, sequences and the most common passwords counted down. A hint, never a gate beyond
 * the minimum length.
 */
export function passphraseStrength(p: string): PassphraseStrength {
  if (p.length < MIN_PASSPHRASE_LENGTH) {
    return { level: 'too-short', score: 0, hint: `Too short: use at least ${MIN_PASSPHRASE_LENGTH} characters (${p.length} so far).` };
  }
  let bits = effectiveLength(p) * Math.log2(poolSize(p));
  if (COMMON.test(p)) bits = Math.min(bits, 20);
  if (new Set(p.toLowerCase()).size <= 3) bits = Math.min(bits, 20);
  if (bits < 45) return { level: 'weak', score: 1, hint: 'Weak: easy to guess. Add more words or characters.' };
  if (bits < 60) return { level: 'fair', score: 2, hint: 'Fair: a few more words would make it much harder to guess.' };
  if (bits < 85) return { level: 'good', score: 3, hint: 'Good.' };
  return { level: 'strong', score: 4, hint: 'Strong.' };
}
