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
 *
 * Serialised first without a replacer (V8's fast path; a replacer costs a JS call per value).
 * JSON.stringify writes every non-finite number as a `null` token in a value position, so when
 * the text holds no such token there was none, and the text is exactly what the replacer would
 * have given. Otherwise (a non-finite number, a real `null`, or one inside a string that looks
 * like a token) it is serialised again with the replacer.
 */
export function stringifyMlflowJson(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined || !mayHoldNullToken(text)) return text as string;
  return stringifyWithReplacer(value);
}

/** The reference serialisation: every non-finite number through a replacer. */
export function stringifyWithReplacer(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

const COLON = 58;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const CLOSE_BRACE = 125;

/**
 * Whether compact JSON text has `null` where a value can stand: after `:`, `[`, `,` or at the
 * start, and before `,`, `]`, `}` or the end. A `null` inside a string may match too (then the
 * caller only takes the slower path); a `null` value never escapes it.
 */
export function mayHoldNullToken(text: string): boolean {
  for (let i = text.indexOf('null'); i !== -1; i = text.indexOf('null', i + 4)) {
    const before = i === 0 ? COLON : text.charCodeAt(i - 1);
    const after = i + 4 === text.length ? CLOSE_BRACE : text.charCodeAt(i + 4);
    if ((before === COLON || before === OPEN_BRACKET || before === COMMA) && (after === COMMA || after === CLOSE_BRACKET || after === CLOSE_BRACE)) return true;
  }
  return false;
}
