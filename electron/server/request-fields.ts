import { invalidParam } from '../../shared/domain/mlflow-error';

/**
 * Typed reads of one MLflow request message (a JSON body, or a GET query turned into an
 * object), with MLflow's coercions (numeric strings for int64/double, "NaN" strings, enum
 * names or numbers, `run_uuid` for `run_id`) and MLflow's error messages.
 */
export type Message = Record<string, unknown>;

export function asMessage(body: unknown): Message {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidParam('Request body must be a JSON object.');
  return body as Message;
}

/**
 * A GET's query string as a message (a repeated key becomes a list), or null when there is no
 * query string: MLflow then reads the message from the JSON body instead (`_get_request_message`
 * tests `request.args`, which `?` alone leaves empty and `?a` does not).
 */
export function queryMessage(query: URLSearchParams): Message | null {
  const keys = new Set(query.keys());
  if (keys.size === 0) return null;
  const msg: Message = {};
  for (const key of keys) {
    const all = query.getAll(key);
    msg[key] = all.length > 1 ? all : all[0];
  }
  return msg;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** A short, safe rendering of a bad value for an error message (never walks nested input). */
export function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v !== null && typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 100 ? `${v.slice(0, 100)}…` : v);
  return String(v);
}

const badValue = (name: string, v: unknown, want: string) =>
  invalidParam(`Invalid value ${describeValue(v)} for parameter '${name}' supplied: expected ${want}.`);
export const missing = (name: string) => invalidParam(`Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`);

export function optString(m: Message, name: string): string | undefined {
  const v = m[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && (name === 'experiment_id' || name.endsWith('_id'))) return String(v);
  throw badValue(name, v, 'a string');
}

export function reqString(m: Message, name: string): string {
  const v = optString(m, name);
  if (!present(v)) throw missing(name);
  return v!;
}

/** `run_id`, accepting the deprecated `run_uuid`. */
export function reqRunId(m: Message): string {
  const v = optString(m, 'run_id') || optString(m, 'run_uuid');
  if (!v) throw missing('run_id');
  return v;
}

/** An int64: a JSON number or numeric string with an integral value (1, "1", 1.0, 1.7e12). */
export function toInt(v: unknown, name: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[-+]?\d+(\.\d*)?([eE]\+?\d+)?\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isFinite(n) || !Number.isInteger(n)) throw badValue(name, v, 'an integer');
  return n;
}

export function optInt(m: Message, name: string): number | undefined {
  const v = m[name];
  if (v === undefined || v === null || v === '') return undefined;
  return toInt(v, name);
}

export function reqInt(m: Message, name: string): number {
  const n = optInt(m, name);
  if (n === undefined) throw missing(name);
  return n;
}

/** A double: a JSON number, a numeric string, or "NaN"/"Infinity"/"-Infinity". Booleans are refused. */
export function toDouble(v: unknown, name: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === 'NaN' || t === 'nan') return Number.NaN;
    if (t === 'Infinity' || t === 'inf' || t === '+Infinity') return Number.POSITIVE_INFINITY;
    if (t === '-Infinity' || t === '-inf') return Number.NEGATIVE_INFINITY;
    if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  }
  throw badValue(name, v, 'a double');
}

export function optBool(m: Message, name: string): boolean | undefined {
  const v = m[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  throw badValue(name, v, 'a boolean');
}

/** An enum given by name or number (`names[i]` has number i + offset). */
export function optEnum<T extends string>(m: Message, name: string, names: readonly T[], offset = 1): T | undefined {
  const v = m[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string' && (names as readonly string[]).includes(v)) return v as T;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN;
  const byNumber = names[n - offset];
  if (byNumber !== undefined) return byNumber;
  throw badValue(name, v, `one of ${names.join(', ')}`);
}

export function optArray(m: Message, name: string): unknown[] {
  const v = m[name];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  throw badValue(name, v, 'a list');
}

export function optStringArray(m: Message, name: string): string[] {
  const v = m[name];
  if (typeof v === 'string') return [v];
  return optArray(m, name).map((x) => {
    if (typeof x === 'string') return x;
    if (typeof x === 'number') return String(x);
    throw badValue(name, x, 'a list of strings');
  });
}

export interface KeyValueInput {
  key: string;
  value: string;
}

/** A list of {key, value} messages (tags, params); values may be numbers from loose clients. */
export function keyValues(m: Message, name: string, opts: { valueRequired?: boolean } = {}): KeyValueInput[] {
  return optArray(m, name).map((item) => {
    const kv = asMessage(item);
    const key = kv.key;
    if (!present(key)) throw missing(`${name}.key`);
    if (typeof key !== 'string') throw badValue(`${name}.key`, key, 'a string');
    let value = kv.value;
    if (value === undefined || value === null) {
      if (opts.valueRequired) throw missing(`${name}.value`);
      value = '';
    }
    if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
    if (typeof value !== 'string') throw badValue(`${name}.value`, value, 'a string');
    return { key, value };
  });
}
