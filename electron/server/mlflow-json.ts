import { MlflowError } from '../../shared/domain/mlflow-error';

const NON_FINITE = /NaN|Infinity/;
/** Marks a bare token while parsing; the reviver turns it back into a number, never a string. */
const MARK = '\u0000sextant-non-finite:';
const MARK_IN_JSON = '\\u0000sextant-non-finite:'; // the same, as a JSON string escape
const revive = (_k: string, v: unknown) => (typeof v === 'string' && v.startsWith(MARK) ? Number(v.slice(MARK.length)) : v);

/**
 * Parses a request body as MLflow's Python server does: bare NaN / Infinity / -Infinity
 * tokens (Python's json.dumps emits them) are accepted as numbers, and a JSON string holding JSON
 * (old R clients double-encoded) is decoded once more. Anything else malformed is a 400.
 */
export function parseMlflowJson(text: string): unknown {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = NON_FINITE.test(text) ? JSON.parse(quoteNonFiniteTokens(text), revive) : JSON.parse(text);
  } catch (err) {
    throw new MlflowError('BAD_REQUEST', `Malformed JSON request body: ${(err as Error).message}`);
  }
  if (typeof value === 'string') return parseMlflowJson(value);
  return value;
}

/** Marks bare NaN/Infinity tokens outside strings so JSON.parse accepts them (see `revive`). */
function quoteNonFiniteTokens(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    for (const token of ['-Infinity', 'Infinity', 'NaN']) {
      if (text.startsWith(token, i)) {
        out += `${text.slice(last, i)}"${MARK_IN_JSON}${token}"`;
        i += token.length - 1;
        last = i + 1;
        break;
      }
    }
  }
  return out + text.slice(last);
}

/**
 * Serialises a response as MLflow's server does: non-finite doubles as the strings
 * "NaN", "Infinity", "-Infinity" (protobuf JSON), never `null`.
 */
export function stringifyMlflowJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}
