import { decodePyStrings } from './list-literal';
import { pyNumber, pySet, pyStr, pyTupleOfStr } from './py-repr';
import type { RawClause, RawValue } from './raw-clause';
import { Reject } from './search-error';
import type { Clause, ClauseEntity, Comparator } from './types';

/**
 * search_logged_models has its own parser in MLflow (mlflow/utils/search_logged_model_utils.py),
 * looser and stricter than the runs one in different places: only the plural prefixes
 * `attributes.`, `metrics.`, `params.`, `tags.`; comparators are case-sensitive (`like` is
 * rejected); string values just lose their single quotes (so `params.lr = 0.01` and
 * `params.x = abc` are accepted, and a "double-quoted" value keeps its quotes); lists are not
 * lower-case filtered.
 */

const ENTITY_TYPES: Record<string, ClauseEntity> = {
  attributes: 'attribute',
  metrics: 'metric',
  params: 'param',
  tags: 'tag',
};

/** Filterable columns of MLflow's logged_models table (and aliases) → canonical key. */
export const LOGGED_MODEL_ATTRIBUTES: Record<string, string> = {
  name: 'name',
  model_id: 'model_id',
  model_type: 'model_type',
  status: 'status',
  source_run_id: 'source_run_id',
  experiment_id: 'experiment_id',
  artifact_location: 'artifact_location',
  status_message: 'status_message',
  lifecycle_stage: 'lifecycle_stage',
  creation_time: 'creation_timestamp',
  creation_timestamp: 'creation_timestamp',
  creation_timestamp_ms: 'creation_timestamp',
  last_updated_timestamp: 'last_updated_timestamp',
  last_updated_timestamp_ms: 'last_updated_timestamp',
};
const NUMERIC_ATTRIBUTES = new Set(['creation_timestamp', 'last_updated_timestamp']);

const NUMERIC_OPS = ['<', '<=', '>', '>=', '=', '!='];
const STRING_OPS = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];

const stripAll = (s: string, ch: string) => {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === ch) start++;
  while (end > start && s[end - 1] === ch) end--;
  return s.slice(start, end);
};

interface Entity {
  entity: ClauseEntity;
  key: string;
  /** How MLflow prints it: `metrics.acc`, `attributes.name`. */
  shown: string;
}

function loggedModelEntity(raw: RawClause): Entity {
  const m = /^([a-z]+)\.(.+)$/.exec(raw.ident.text);
  if (m) {
    const [, prefix = '', rest = ''] = m;
    const entity = Object.hasOwn(ENTITY_TYPES, prefix) ? ENTITY_TYPES[prefix] : undefined;
    if (!entity) {
      const valid = Object.keys(ENTITY_TYPES).map(pyStr).join(', ');
      throw new Reject(`Invalid entity type: ${pyStr(prefix)}. Expected one of [${valid}].`, {
        offset: raw.ident.span.offset,
        length: prefix.length,
      });
    }
    const key = stripAll(rest, '`');
    return { entity, key, shown: `${prefix}.${key}` };
  }
  return { entity: 'attribute', key: stripAll(raw.ident.text, '`'), shown: `attributes.${stripAll(raw.ident.text, '`')}` };
}

function canonicalAttribute(key: string, raw: RawClause): string {
  const canonical = Object.hasOwn(LOGGED_MODEL_ATTRIBUTES, key) ? LOGGED_MODEL_ATTRIBUTES[key] : undefined;
  if (canonical) return canonical;
  throw new Reject(
    `Invalid attribute key '${key}' specified. Valid keys are '${pySet(Object.keys(LOGGED_MODEL_ATTRIBUTES))}'`,
    raw.ident.span,
  );
}

function numericValue(token: RawValue): number {
  if (token.kind === 'number') return Number(token.text);
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(token.text);
  if (token.kind === 'ident' && special) {
    if (special[2]?.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  throw new Reject(`could not convert string to float: ${pyStr(token.text)}`, token.span);
}

function listValue(token: RawValue & { kind: 'list' }): string[] {
  return token.items.map((item) => {
    if (item.kind === 'string' || (item.kind === 'ident' && item.text.startsWith('"'))) return decodePyStrings(item.text);
    if (item.kind === 'number') return pyNumber(Number(item.text), /^-?\d+$/.test(item.text));
    throw new Reject(
      'While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.',
      item.span,
    );
  });
}

interface ParsedClause {
  raw: RawClause & { value: RawValue };
  entity: ClauseEntity;
  key: string;
  shown: string;
  op: string;
  value: Clause['value'];
}

/** What MLflow's `parse_filter_string` checks, clause by clause, in order. */
function parseClause(raw: RawClause): ParsedClause {
  if (raw.value === null) {
    throw new Reject(`Invalid comparison: ${raw.ident.text}${raw.op.norm}. Expected a comparison with 3 tokens.`, raw.span);
  }
  const { entity, key, shown } = loggedModelEntity(raw);
  const alias = Object.hasOwn(LOGGED_MODEL_ATTRIBUTES, key) ? LOGGED_MODEL_ATTRIBUTES[key] : undefined;
  const numeric = entity === 'metric' || (entity === 'attribute' && NUMERIC_ATTRIBUTES.has(alias ?? ''));
  const op = raw.op.norm === 'NOT IN' ? 'NOT IN' : raw.op.text;
  if (!(numeric ? NUMERIC_OPS : STRING_OPS).includes(op)) {
    throw new Reject(
      `Invalid comparison operator for ${shown}: ${pyStr(op)}. Expected one of ${pyTupleOfStr(STRING_OPS)}.`,
      raw.op.span,
    );
  }
  let value: Clause['value'];
  if (numeric) value = numericValue(raw.value);
  else if (raw.value.kind === 'list') value = listValue(raw.value);
  else value = stripAll(raw.value.text, "'");
  return { raw: { ...raw, value: raw.value }, entity, key, shown, op, value };
}

/** What would otherwise fail later, in MLflow's store (as HTTP 500s there). */
function finishClause({ raw, entity, key, shown, op, value }: ParsedClause): Clause {
  if ((op === 'IN' || op === 'NOT IN') !== Array.isArray(value)) {
    throw new Reject(`Invalid comparison operator for ${shown}: ${pyStr(op)} with value ${raw.value.text}.`, raw.op.span);
  }
  const canonical = entity === 'attribute' ? canonicalAttribute(key, raw) : key;
  return { entity, key: canonical, comparator: op as Comparator, value, span: raw.span };
}

/** Validates the clauses of a search_logged_models filter; throws Reject with MLflow's message. */
export function loggedModelsClauses(raws: RawClause[]): Clause[] {
  return raws.map(parseClause).map(finishClause);
}

/**
 * MLflow reads a logged-model filter left to right and fails at the first bad piece, so in a
 * filter with stray tokens, errors in the clauses before the first stray token come first.
 */
export function checkLoggedModelClauses(raws: RawClause[]): void {
  raws.forEach(parseClause);
}
