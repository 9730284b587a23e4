import type { FailedMatchResult, MatchResult } from 'ohm-js';
import { pyStr } from './py-repr';
import { recoverFilter } from './raw-filter';
import type { SearchEntity, SearchError } from './types';

const QUOTES = new Set(["'", '"', '`']);
const WORD = /[\p{L}\p{N}_$#]/u;

/** Where a quoted token starting at `i` ends (just past the closing quote, or the text end). */
export function skipQuoted(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === '\\' && quote !== '`') j += 2;
    else if (text[j] === quote && text[j + 1] === quote) j += 2;
    else if (text[j] === quote) return j + 1;
    else j += 1;
  }
  return text.length;
}

interface Scan {
  /** [start, end) of every top-level AND keyword. */
  ands: [number, number][];
  /** Position of the first top-level `;`, or -1. */
  semicolon: number;
}

function scan(text: string): Scan {
  const ands: [number, number][] = [];
  let semicolon = -1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (QUOTES.has(ch)) {
      i = skipQuoted(text, i);
    } else if (WORD.test(ch)) {
      let j = i;
      while (j < text.length && WORD.test(text[j] as string)) j++;
      if (text.slice(i, j).toLowerCase() === 'and') ands.push([i, j]);
      i = j;
    } else {
      if (ch === ';' && semicolon < 0) semicolon = i;
      i++;
    }
  }
  return { ands, semicolon };
}

/** Length of the token starting at `pos`, for underlining. */
export function tokenLength(text: string, pos: number): number {
  if (pos >= text.length) return 0;
  const ch = text[pos] as string;
  if (QUOTES.has(ch)) return skipQuoted(text, pos) - pos;
  const run = (re: RegExp) => {
    let j = pos;
    while (j < text.length && re.test(text[j] as string)) j++;
    return j - pos;
  };
  if (WORD.test(ch)) return run(WORD);
  if (/[<>=~!]/.test(ch)) return run(/[<>=~!]/);
  return 1;
}

/** The clause around `pos`: the text between the surrounding top-level ANDs. */
function clauseAround(text: string, pos: number, ands: [number, number][]): string {
  let start = 0;
  let end = text.length;
  for (const [s, e] of ands) {
    if (e <= pos) start = Math.max(start, e);
    else if (s >= pos) end = Math.min(end, s);
  }
  return text.slice(start, end).trim() || text.trim();
}

/** The tokens that are neither clauses nor ANDs, as MLflow lists them. */
const junkTokens = (text: string): string[] =>
  recoverFilter(text).flatMap((item) => (item.kind === 'junk' ? [item.token.text] : []));

/**
 * Turns a failed grammar match into MLflow's message for an unparseable filter, positioned at
 * the first character the grammar could not accept.
 */
export function filterSyntaxError(text: string, failed: MatchResult, entity: SearchEntity): SearchError {
  const match = failed as FailedMatchResult;
  const pos = match.getRightmostFailurePosition();
  const { ands, semicolon } = scan(text);
  const expected = match.getExpectedText();
  if (semicolon >= 0 && text.slice(semicolon + 1).trim() !== '') {
    const message =
      entity === 'logged_models'
        ? `Invalid filter string: ${pyStr(text)}. Expected a single SQL expression.`
        : `Search filter contained multiple expression ${pyStr(text)}. Provide AND-ed expression list.`;
    return { message, offset: semicolon, length: 1, expected };
  }
  const length = tokenLength(text, pos);
  if (entity === 'logged_models') {
    const message =
      `Invalid filter string: ${pyStr(text)}. Expected a list of comparisons separated by 'AND' ` +
      `(e.g. 'metrics.loss > 0.1 AND params.lr = 0.01').`;
    return { message, offset: pos, length, expected };
  }
  const junk = junkTokens(text);
  const tokens = junk.length > 0 ? junk : [clauseAround(text, pos, ands)];
  const shown = tokens.map((t) => (entity === 'runs' ? `'${t}'` : t)).join(', ');
  return { message: `Invalid clause(s) in filter string: ${shown}`, offset: pos, length, expected };
}
