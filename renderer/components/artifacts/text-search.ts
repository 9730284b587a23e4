/** Finding a string in a (long) text: where it occurs, and moving between occurrences. */

/** More than this many matches are not counted: the count reads "10,000+". */
export const MATCH_LIMIT = 10_000;

export interface Matches {
  /** Where each match starts, in order. */
  starts: number[];
  /** The length of every match. */
  length: number;
  /** True when counting stopped at the limit. */
  capped: boolean;
}

export const NO_MATCHES: Matches = { starts: [], length: 0, capped: false };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every occurrence of `query` in `text`, ignoring case (non-overlapping, left to right). */
export function findMatches(text: string, query: string, limit = MATCH_LIMIT): Matches {
  if (query === '') return NO_MATCHES;
  const re = new RegExp(escapeRegExp(query), 'giu');
  const starts: number[] = [];
  const length = query.length;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (starts.length === limit) return { starts, length, capped: true };
    starts.push(m.index);
  }
  return { starts, length, capped: false };
}

/** The match after (`step` 1) or before (-1) `current`, wrapping around at either end; -1 when there are none. */
export function stepMatch(count: number, current: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}

/** The first match at or after `index` (where the reader is), else the first one; -1 when there are none. */
export function firstMatchFrom(matches: Matches, index: number): number {
  if (matches.starts.length === 0) return -1;
  const i = matches.starts.findIndex((s) => s >= index);
  return i === -1 ? 0 : i;
}

/** "3 of 17", "3 of 10,000+", "No matches"; '' with no query. */
export function describeMatches(matches: Matches, current: number, query: string): string {
  if (query === '') return '';
  if (matches.starts.length === 0) return 'No matches';
  return `${(current + 1).toLocaleString()} of ${matches.starts.length.toLocaleString()}${matches.capped ? '+' : ''}`;
}

/** A span of text cut at the matches inside it: plain pieces and matches, each with its match number. */
export type Piece = { text: string; match: number | null };

export function splitAtMatches(text: string, start: number, end: number, matches: Matches): Piece[] {
  const pieces: Piece[] = [];
  let at = start;
  // the first match that ends after `start`
  let lo = 0;
  let hi = matches.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches.starts[mid]! + matches.length <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < matches.starts.length && matches.starts[i]! < end; i++) {
    const s = Math.max(start, matches.starts[i]!);
    const e = Math.min(end, matches.starts[i]! + matches.length);
    if (s > at) pieces.push({ text: text.slice(at, s), match: null });
    pieces.push({ text: text.slice(s, e), match: i });
    at = e;
  }
  if (at < end) pieces.push({ text: text.slice(at, end), match: null });
  return pieces;
}
