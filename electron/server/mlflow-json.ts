import { MlflowError } from '../../shared/domain/mlflow-error';

const NON_FINITE = /NaN|Infinity/;

/**
 * Parses a request body as MLflow's Python server does: bare NaN / Infinity / -Infinity
 * tokens (Python's json.dumps emits them) are accepted, and a JSON string holding JSON
 * (old R clients double-encoded) is decoded once more. Anything else malformed is a 400.
 */
export function parseMlflowJson(text: string): unknown {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(NON_FINITE.test(text) ? quoteNonFiniteTokens(text) : text);
  } catch (err) {
    throw new MlflowError('BAD_REQUEST', `Malformed JSON request body: ${(err as Error).message}`);
  }
  if (typeof value === 'string') return parseMlflowJson(value);
  return value;
}

/** Rewrites bare NaN/Infinity tokens outside strings as the strings MLflow also accepts. */
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
        out += `${text.slice(last, i)}"${token}"`;
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
