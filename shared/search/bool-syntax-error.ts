import type { FailedMatchResult, MatchResult } from 'ohm-js';
import { skipQuoted, tokenLength } from './syntax-error';
import type { SearchError } from './types';

/** Deeper nesting is refused before parsing (the parser and SQLite both recurse on it). */
export const MAX_NESTING = 100;

const QUOTES = new Set(["'", '"', '`']);
/** A keyword that needs a condition after it, ending the text before the failure. */
const KEYWORD_BEFORE = /(?:^|[\s()])(and|or|not)\s*$/i;
/** Tokens Sextant's grammar gives a meaning that MLflow's has not. */
const EXTENDED_TOKEN = /^(?:[()]|(?:or|not)(?![\p{L}\p{N}_$#]))/iu;

/** Scans the parentheses outside quoted text up to `end`: those still open, and the first too deep. */
function parens(text: string, end: number): { open: number[]; tooDeep: number } {
  const open: number[] = [];
  let tooDeep = -1;
  let i = 0;
  while (i < end) {
    const ch = text[i] as string;
    if (QUOTES.has(ch)) {
      i = skipQuoted(text, i);
      continue;
    }
    if (ch === '(') open.push(i);
    else if (ch === ')') open.pop();
    if (open.length > MAX_NESTING && tooDeep < 0) tooDeep = i;
    i++;
  }
  return { open, tooDeep };
}

/** An error for parentheses nested deeper than MAX_NESTING, or null. */
export function nestingError(text: string): SearchError | null {
  const { tooDeep } = parens(text, text.length);
  if (tooDeep < 0) return null;
  return {
    message: `Invalid filter string at character ${tooDeep + 1}: parentheses nest more than ${MAX_NESTING} deep`,
    offset: tooDeep,
    length: 1,
  };
}

/** Whether what the grammar expected is a condition or what may follow one (not a clause part). */
const betweenTerms = (expected: string): boolean => /"\("|"\)"|\bOR\b|end of input/.test(expected);

/**
 * Whether Sextant's message explains a filter both grammars reject better than MLflow's: when
 * the extended grammar read further, or MLflow's stumbled on a parenthesis, OR or NOT where the
 * extended grammar was between two terms (not inside a clause, like the list of an IN).
 */
export function prefersBoolError(text: string, mlflow: MatchResult, extended: MatchResult): boolean {
  const mlflowPos = (mlflow as FailedMatchResult).getRightmostFailurePosition();
  const failed = extended as FailedMatchResult;
  if (failed.getRightmostFailurePosition() > mlflowPos) return true;
  return EXTENDED_TOKEN.test(text.slice(mlflowPos)) && betweenTerms(failed.getExpectedText());
}

/** What went wrong at `pos`, from what the grammar expected there. */
function detail(text: string, pos: number, expected: string): string {
  const found = pos >= text.length ? 'the end of the filter' : `'${text.slice(pos, pos + tokenLength(text, pos))}'`;
  const before = text.slice(0, pos);
  if (expected.includes('"("')) {
    const keyword = KEYWORD_BEFORE.exec(before)?.[1];
    const after = keyword ? ` after ${keyword.toUpperCase()}` : before.trimEnd().endsWith('(') ? " after '('" : '';
    return `expected a condition${after}, found ${found}`;
  }
  if (expected.includes('")"') || expected.includes('end of input')) {
    const { open } = parens(text, pos);
    const last = open.at(-1);
    if (text[pos] === ')' && last === undefined) return "')' has no matching '('";
    if (pos >= text.length && last !== undefined) return `the '(' at character ${last + 1} is not closed`;
    return `expected ${last === undefined ? 'AND or OR' : "AND, OR or ')'"} between two conditions, found ${found}`;
  }
  return `expected ${expected}, found ${found}`;
}

/**
 * Explains a run filter that neither MLflow's grammar nor Sextant's extended one accepts, at
 * the first character the extended grammar could not read. The position is in the message too,
 * since the REST API has no other place for it.
 */
export function boolSyntaxError(text: string, failed: MatchResult): SearchError {
  const match = failed as FailedMatchResult;
  const pos = match.getRightmostFailurePosition();
  const expected = match.getExpectedText();
  return {
    message: `Invalid filter string at character ${pos + 1}: ${detail(text, pos, expected)}`,
    offset: pos,
    length: tokenLength(text, pos),
    expected,
  };
}
