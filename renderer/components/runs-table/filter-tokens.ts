/**
 * A forgiving tokenizer for a run filter being typed: unlike the parser it never fails, and it
 * keeps an unterminated string or backquoted key at the end as a token of its own (`open`),
 * since that is what the person is in the middle of typing.
 */
export interface FilterToken {
  kind: 'word' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'comma' | 'other';
  text: string;
  start: number;
  end: number;
  /** A string or backquoted key that is not closed yet. */
  open?: boolean;
}

const OP = /^(<=|>=|!=|<>|==|[<>=!])/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i;

/** A word: dotted segments, each plain (`val_acc`) or quoted (`` `my key` ``, `"my key"`). */
function wordEnd(s: string, i: number): { end: number; open: boolean } {
  let j = i;
  for (;;) {
    const c = s[j];
    if (c === '`' || c === '"') {
      const close = s.indexOf(c, j + 1);
      if (close < 0) return { end: s.length, open: true };
      j = close + 1;
    } else {
      const m = /^\w+/.exec(s.slice(j));
      if (!m) break;
      j += m[0].length;
    }
    if (s[j] !== '.') break;
    j++;
  }
  return { end: j, open: false };
}

export function tokenizeFilter(s: string): FilterToken[] {
  const tokens: FilterToken[] = [];
  let i = 0;
  const push = (kind: FilterToken['kind'], end: number, open = false) => {
    tokens.push({ kind, text: s.slice(i, end), start: i, end, ...(open ? { open } : {}) });
    i = end;
  };
  while (i < s.length) {
    const c = s[i]!;
    const rest = s.slice(i);
    if (/\s/.test(c)) i++;
    else if (c === '(') push('lparen', i + 1);
    else if (c === ')') push('rparen', i + 1);
    else if (c === ',') push('comma', i + 1);
    else if (OP.test(rest)) push('op', i + OP.exec(rest)![0].length);
    else if (c === "'" || (c === '"' && !isIdentifierPlace(tokens))) {
      const close = s.indexOf(c, i + 1);
      if (close < 0) push('string', s.length, true);
      else push('string', close + 1);
    } else if (NUMBER.test(rest) && !/^\d+[A-Za-z_]/.test(rest)) push('number', i + NUMBER.exec(rest)![0].length);
    else {
      const w = wordEnd(s, i);
      if (w.end > i) push('word', w.end, w.open);
      else push('other', i + 1);
    }
  }
  return tokens;
}

/** Whether the next token would name an identifier: at the start, after AND, OR, NOT or `(`. */
function isIdentifierPlace(tokens: readonly FilterToken[]): boolean {
  const last = tokens.at(-1);
  if (!last) return true;
  if (last.kind === 'lparen') return true;
  return last.kind === 'word' && /^(and|or|not)$/i.test(last.text);
}
