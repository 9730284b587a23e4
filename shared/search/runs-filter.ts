import { parseLowerCaseList } from './list-literal';
import { pySet } from './py-repr';
import { quotedValue } from './quoting';
import type { RawClause, RawValue } from './raw-clause';
import {
  CLAUSE_ENTITY,
  RUN_FILTER_ATTRIBUTES,
  RUN_NUMERIC_ATTRIBUTES,
  canonicalRunAttribute,
  runsIdentifier,
  type RunsType,
} from './runs-identifier';
import { Reject } from './search-error';
import type { Clause, Comparator } from './types';

const METRIC_OPS = ['>', '>=', '!=', '=', '<', '<='];
const PARAM_TAG_OPS = ['!=', '=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'];
const STRING_ATTR_OPS = ['!=', '=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];
const NULL_OPS = ['IS NULL', 'IS NOT NULL'];

/** MLflow's `SearchUtils._get_value` for run searches. */
function runsValue(type: RunsType, key: string, token: RawValue): string | number | string[] {
  const stringLike = token.kind === 'string' || token.kind === 'ident';
  switch (type) {
    case 'metric':
      if (token.kind !== 'number') {
        throw new Reject(`Expected numeric value type for metric. Found ${token.text}`, token.span);
      }
      return Number(token.text);
    case 'parameter':
    case 'tag':
      if (stringLike) return quotedValue(token);
      throw new Reject(
        `Expected a quoted string value for ${type} (e.g. 'my-value'). Got value ${token.text}`,
        token.span,
      );
    case 'attribute':
      if (RUN_NUMERIC_ATTRIBUTES.has(key)) {
        if (token.kind === 'number') return Number(token.text);
        throw new Reject(`Expected numeric value type for numeric attribute: ${key}. Found ${token.text}`, token.span);
      }
      if (stringLike) return quotedValue(token);
      if (token.kind === 'list') {
        if (key !== 'run_id') {
          throw new Reject(
            "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
            token.span,
          );
        }
        return parseLowerCaseList(token);
      }
      throw new Reject(`Expected a quoted string value for attributes. Got value ${token.text}`, token.span);
    case 'dataset':
      if (stringLike) return quotedValue(token);
      if (token.kind === 'list') return parseLowerCaseList(token);
      throw new Reject(`Expected a quoted string value for dataset attributes. Got value ${token.text}`, token.span);
  }
}

/** The comparator checks MLflow's SQL store makes (`is_metric`, `is_param`, …), same messages. */
function comparatorError(type: RunsType, key: string, op: string): string | null {
  const bad = (valid: string[], closingQuote: boolean) =>
    `Invalid comparator '${op}' not one of '${pySet(valid)}${closingQuote ? "'" : ''}`;
  let message: string | null = null;
  if (type === 'attribute' && !RUN_NUMERIC_ATTRIBUTES.has(key)) {
    if (!STRING_ATTR_OPS.includes(op)) message = bad(STRING_ATTR_OPS, true);
  } else if (type === 'attribute') {
    if (!METRIC_OPS.includes(op)) message = bad(STRING_ATTR_OPS, false);
  } else if (type === 'metric') {
    if (!METRIC_OPS.includes(op)) message = bad(METRIC_OPS, false);
  } else if (type === 'parameter') {
    if (!PARAM_TAG_OPS.includes(op)) message = bad(PARAM_TAG_OPS, true);
  } else if (type === 'tag') {
    if (!PARAM_TAG_OPS.includes(op)) message = bad(PARAM_TAG_OPS, false);
  } else if (!STRING_ATTR_OPS.includes(op)) {
    message = bad(STRING_ATTR_OPS, false);
  }
  return message;
}

/** Validates the clauses of a search_runs filter; throws Reject with MLflow's message. */
export function runsClauses(raws: RawClause[]): Clause[] {
  // MLflow parses every clause (identifier, value) before its store checks comparators, so an
  // error in a later clause's key wins over an earlier clause's comparator.
  const staged = raws.map((raw) => {
    const { type, key } = runsIdentifier(raw.ident, RUN_FILTER_ATTRIBUTES);
    if (raw.value === null) {
      if (type !== 'tag' && type !== 'parameter') {
        throw new Reject(
          `IS NULL / IS NOT NULL is only supported for tags and params, not for '${type}' '${key}'`,
          raw.span,
        );
      }
      return { raw, type, key, value: null };
    }
    return { raw, type, key, value: runsValue(type, key, raw.value) };
  });
  return staged.map(({ raw, type, key, value }) => {
    const canonical = type === 'attribute' ? canonicalRunAttribute(key) : key;
    const op = raw.op.norm;
    const message = comparatorError(type, canonical, op);
    if (message) throw new Reject(message, raw.op.span);
    const isList = Array.isArray(value);
    if (isList !== (op === 'IN' || op === 'NOT IN') && !NULL_OPS.includes(op)) {
      throw new Reject(`Invalid comparator '${op}' for a list of values; use IN or NOT IN`, raw.op.span);
    }
    return { entity: CLAUSE_ENTITY[type], key: canonical, comparator: op as Comparator, value, span: raw.span };
  });
}
