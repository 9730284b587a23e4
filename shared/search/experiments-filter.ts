import { pySet } from './py-repr';
import { quotedValue } from './quoting';
import type { RawClause, RawValue } from './raw-clause';
import { scopedIdentifier, type ScopedType } from './scoped-identifier';
import { Reject } from './search-error';
import type { Clause, Comparator } from './types';

export const EXPERIMENT_FILTER_ATTRIBUTES = ['name', 'creation_time', 'last_update_time'];
export const EXPERIMENT_ORDER_ATTRIBUTES = ['name', 'experiment_id', 'creation_time', 'last_update_time'];
const NUMERIC = new Set(['creation_time', 'last_update_time']);

const NUMERIC_OPS = ['>', '>=', '!=', '=', '<', '<='];
const STRING_ATTR_OPS = ['!=', '=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];
const STRING_OPS = ['=', '!=', 'LIKE', 'ILIKE'];

function experimentValue(type: ScopedType, key: string, token: RawValue): string | number {
  const stringLike = token.kind === 'string' || token.kind === 'ident';
  if (type === 'tag') {
    if (stringLike) return quotedValue(token);
    throw new Reject(`Expected a quoted string value for tag (e.g. 'my-value'). Got value ${token.text}`, token.span);
  }
  if (NUMERIC.has(key)) {
    if (token.kind === 'number') return Number(token.text);
    throw new Reject(`Expected numeric value type for numeric attribute: ${key}. Found ${token.text}`, token.span);
  }
  if (stringLike) return quotedValue(token);
  if (token.kind === 'list') {
    throw new Reject("Only the 'run_id' attribute supports comparison with a list of quoted string values.", token.span);
  }
  throw new Reject(`Expected a quoted string value for attributes. Got value ${token.text}`, token.span);
}

/**
 * The comparator as MLflow's experiment search sees it: not upper-cased (so `like` is rejected),
 * except the operators sqlparse rebuilds itself (`NOT IN`, `IS NULL`, `IS NOT NULL`).
 */
const asWritten = (raw: RawClause): string =>
  raw.op.norm === 'NOT IN' || raw.value === null ? raw.op.norm : raw.op.text;

function comparatorError(type: ScopedType, key: string, op: string): string | null {
  if (type === 'tag') {
    if (op === 'IS NULL' || op === 'IS NOT NULL' || STRING_OPS.includes(op)) return null;
    return `Invalid comparator for tag: ${op}`;
  }
  if (NUMERIC.has(key)) {
    return NUMERIC_OPS.includes(op) ? null : `Invalid comparator '${op}' not one of '${pySet(STRING_ATTR_OPS)}`;
  }
  if (!STRING_ATTR_OPS.includes(op)) return `Invalid comparator '${op}' not one of '${pySet(STRING_ATTR_OPS)}'`;
  return STRING_OPS.includes(op) ? null : `Invalid comparator for string attribute: ${op}`;
}

/** Validates the clauses of a search_experiments filter; throws Reject with MLflow's message. */
export function experimentsClauses(raws: RawClause[]): Clause[] {
  const staged = raws.map((raw) => {
    const { type, key } = scopedIdentifier(raw.ident, EXPERIMENT_FILTER_ATTRIBUTES);
    if (raw.value === null) {
      if (type !== 'tag') {
        throw new Reject(`IS NULL / IS NOT NULL is only supported for tags, not for attribute '${key}'`, raw.span);
      }
      return { raw, type, key, value: null };
    }
    return { raw, type, key, value: experimentValue(type, key, raw.value) };
  });
  return staged.map(({ raw, type, key, value }) => {
    const op = asWritten(raw);
    const message = comparatorError(type, key, op);
    if (message) throw new Reject(message, raw.op.span);
    return { entity: type, key, comparator: op as Comparator, value, span: raw.span };
  });
}
