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

/**
 * Whether the message already says where the error is. Sextant's own messages (OR, NOT,
 * parentheses) do, for the REST API's sake; MLflow's do not, so the bar adds the position.
 */
export function namesPosition(error: SearchError): boolean {
  return error.message.includes(`at character ${error.offset + 1}:`);
}
