import { spanOf, type RawToken } from './raw-clause';
import { Reject } from './search-error';

/** MLflow's `_is_quoted`: at least two characters, starting and ending with `quote`. */
export const isQuoted = (s: string, quote: string): boolean =>
  s.length >= 2 && s.startsWith(quote) && s.endsWith(quote);

/** MLflow's `_trim_backticks`. */
export const trimBackticks = (s: string): string => (isQuoted(s, '`') ? s.slice(1, -1) : s);

/** MLflow's `_strip_quotes` without the error: one layer of '…' or "…" comes off. */
export const stripQuotes = (s: string): string =>
  isQuoted(s, "'") || isQuoted(s, '"') ? s.slice(1, -1) : s;

/** `_strip_quotes(value, expect_quoted_value=True)`: string values must be quoted. */
export function quotedValue(token: RawToken): string {
  if (isQuoted(token.text, "'") || isQuoted(token.text, '"')) return token.text.slice(1, -1);
  throw new Reject(
    'Parameter value is either not quoted or unidentified quote types used for string value ' +
      `${token.text}. Use either single or double quotes.`,
    token.span,
  );
}

/** An identifier split on its first dot, as MLflow does on the raw text (quotes included). */
export interface SplitIdentifier {
  prefix: RawToken | null;
  key: RawToken;
}

export function splitIdentifier(ident: RawToken): SplitIdentifier {
  const dot = ident.text.indexOf('.');
  if (dot < 0) return { prefix: null, key: ident };
  const start = ident.span.offset;
  const end = start + ident.span.length;
  return {
    prefix: { text: ident.text.slice(0, dot), span: spanOf(start, start + dot) },
    key: { text: ident.text.slice(dot + 1), span: spanOf(start + dot + 1, end) },
  };
}
