import type { RawValue } from './raw-clause';
import { pyNumber, pyStr, pyTuple } from './py-repr';
import { Reject } from './search-error';

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0',
};

/**
 * Decodes a run of adjacent Python string literals (`'a''b'` is 'a' 'b' = "ab", as
 * ast.literal_eval sees it), handling the common backslash escapes.
 */
export function decodePyStrings(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    if (/\s/.test(raw[i] as string)) {
      i++;
      continue;
    }
    const quote = raw[i++];
    while (i < raw.length && raw[i] !== quote) {
      const ch = raw[i++] as string;
      if (ch !== '\\' || i >= raw.length) {
        out += ch;
        continue;
      }
      const esc = raw[i++] as string;
      const hex = esc === 'x' ? 2 : esc === 'u' ? 4 : esc === 'U' ? 8 : 0;
      if (hex && /^[0-9a-fA-F]+$/.test(raw.slice(i, i + hex)) && raw.slice(i, i + hex).length === hex) {
        out += String.fromCodePoint(parseInt(raw.slice(i, i + hex), 16));
        i += hex;
      } else {
        out += SIMPLE_ESCAPES[esc] ?? `\\${esc}`;
      }
    }
    i++; // closing quote
  }
  return out;
}

const ILL_FORMED =
  'While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.';

type PyValue = { str: string } | { num: number; repr: string };

function itemValue(item: RawValue): PyValue {
  if (item.kind === 'string' || (item.kind === 'ident' && item.text.startsWith('"'))) {
    return { str: decodePyStrings(item.text) };
  }
  if (item.kind === 'number') {
    const num = Number(item.text);
    return { num, repr: pyNumber(num, /^-?\d+$/.test(item.text)) };
  }
  throw new Reject(ILL_FORMED, item.span);
}

/**
 * MLflow's `_parse_list_from_sql_token` + `_check_valid_identifier_list`: the parenthesised
 * text is evaluated as a Python literal and must be a non-empty tuple of strings.
 */
export function parseStringList(list: RawValue & { kind: 'list' }): string[] {
  if (list.items.length === 0) {
    if (list.text.includes(',')) throw new Reject(ILL_FORMED, list.span);
    throw new Reject(
      'While parsing a list in the query, expected a non-empty list of string values, but got empty list',
      list.span,
    );
  }
  const values = list.items.map(itemValue);
  const strings = values.flatMap((v) => ('str' in v ? [v.str] : []));
  if (strings.length !== values.length) {
    const reprs = values.map((v) => ('str' in v ? pyStr(v.str) : v.repr));
    throw new Reject(
      'While parsing a list in the query, expected string value, punctuation, or whitespace, ' +
        `but got different type in list: ${pyTuple(reprs)}`,
      list.span,
    );
  }
  return strings;
}

/** Python's str.islower(): at least one cased character and no upper/title-case ones. */
export const pyIsLower = (s: string): boolean => /\p{Ll}/u.test(s) && !/[\p{Lu}\p{Lt}]/u.test(s);

/** MLflow's `_parse_run_ids`: the list, minus values that are not all lower case. */
export const parseLowerCaseList = (list: RawValue & { kind: 'list' }): string[] =>
  parseStringList(list).filter(pyIsLower);
