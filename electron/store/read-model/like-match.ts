/**
 * SQL LIKE as the run search runs it (see electron/store/search/compare-sql.ts): `%` any
 * sequence, `_` one character, no escape character. LIKE is case-sensitive (GLOB); ILIKE folds
 * ASCII letters only (SQLite's lower() and LIKE know no other case).
 */
export function likeMatcher(pattern: string, caseInsensitive: boolean): (value: string) => boolean {
  const p = caseInsensitive ? asciiLower(pattern) : pattern;
  if (!p.includes('%') && !p.includes('_')) return caseInsensitive ? (v) => asciiLower(v) === p : (v) => v === p;
  return caseInsensitive ? (v) => wildcardMatch(asciiLower(v), p) : (v) => wildcardMatch(v, p);
}

export function asciiLower(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}

const PERCENT = 37;
const UNDERSCORE = 95;

/** Width in code units of the character at `i` (a surrogate pair is one character). */
function charWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d < 0xe000) return 2;
  }
  return 1;
}

/** Wildcard match with backtracking to the last `%` only: O(len(s) × len(p)) at worst. */
export function wildcardMatch(s: string, p: string): boolean {
  let si = 0;
  let pi = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    const pc = pi < p.length ? p.charCodeAt(pi) : -1;
    if (pc === UNDERSCORE) {
      si += charWidth(s, si);
      pi++;
    } else if (pc === PERCENT) {
      starP = pi++;
      starS = si;
    } else if (pc !== -1 && pc === s.charCodeAt(si)) {
      si++;
      pi++;
    } else if (starP >= 0) {
      pi = starP + 1;
      starS += charWidth(s, starS);
      si = starS;
    } else {
      return false;
    }
  }
  while (pi < p.length && p.charCodeAt(pi) === PERCENT) pi++;
  return pi === p.length;
}
