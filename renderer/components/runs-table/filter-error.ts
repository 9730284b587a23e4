import type { SearchError } from '../../../shared/search';

/**
 * Splits the filter around the error span: [before, bad, after], for underlining in place. An
 * empty span (the text ended too soon) becomes two spaces at the end, so there is something
 * to underline.
 */
export function errorParts(text: string, error: SearchError): [string, string, string] {
  const start = Math.min(Math.max(0, error.offset), text.length);
  const end = Math.min(text.length, start + Math.max(0, error.length));
  return [text.slice(0, start), text.slice(start, end) || '\u00a0\u00a0', text.slice(end)];
}
