import { parseLowerCaseList } from './list-literal';
import { pySet } from './py-repr';
import { quotedValue } from './quoting';
import type { RawClause, RawValue } from './raw-clause';
import { scopedIdentifier, type ScopedType } from './scoped-identifier';
import { Reject } from './search-error';
import type { Clause, Comparator } from './types';

const STRING_OPS = ['=', '!=', 'LIKE', 'ILIKE'];
const NUMERIC_OPS = ['>', '>=', '!=', '=', '<', '<='];

export const REGISTERED_MODEL_FILTER_ATTRIBUTES = ['name'];
export const MODEL_VERSION_FILTER_ATTRIBUTES = ['name', 'version_number', 'run_id', 'source_path'];
const MODEL_VERSION_NUMERIC = ['version_number', 'creation_timestamp', 'last_updated_timestamp'];

interface Rules {
  attributes: readonly string[];
  /** Numeric attributes, for model versions; registered models have none searchable. */
  numeric: readonly string[] | null;
  comparatorError(type: ScopedType, key: string, op: string): string | null;
}

/** SearchModelUtils / SearchModelVersionUtils `_get_value`. */
function registryValue(rules: Rules, type: ScopedType, key: string, token: RawValue): string | number | string[] {
  const stringLike = token.kind === 'string' || token.kind === 'ident';
  if (type === 'tag') {
    if (stringLike) return quotedValue(token);
    throw new Reject(`Expected a quoted string value for tag (e.g. 'my-value'). Got value ${token.text}`, token.span);
  }
  if (stringLike) return quotedValue(token);
  if (token.kind === 'list') {
    if (key !== 'run_id') {
      throw new Reject("Only the 'run_id' attribute supports comparison with a list of quoted string values.", token.span);
    }
    return parseLowerCaseList(token);
  }
  if (token.kind === 'number' && rules.numeric) {
    if (!rules.numeric.includes(key)) {
      throw new Reject(
        `Only the '${pySet(rules.numeric)}' attributes support comparison with numeric values.`,
        token.span,
      );
    }
    return Number(token.text);
  }
  throw new Reject(
    `Expected a quoted string value or a list of quoted string values for attributes. Got value ${token.text}`,
    token.span,
  );
}

const tagComparatorError = (op: string) => (STRING_OPS.includes(op) ? null : `Invalid comparator for tag: ${op}`);

const REGISTERED_MODELS: Rules = {
  attributes: REGISTERED_MODEL_FILTER_ATTRIBUTES,
  numeric: null,
  comparatorError: (type, _key, op) =>
    type === 'tag'
      ? tagComparatorError(op)
      : STRING_OPS.includes(op)
        ? null
        : `Invalid comparator for attribute: ${op}`,
};

const MODEL_VERSIONS: Rules = {
  attributes: MODEL_VERSION_FILTER_ATTRIBUTES,
  numeric: MODEL_VERSION_NUMERIC,
  comparatorError(type, key, op) {
    if (type === 'tag') return tagComparatorError(op);
    if (MODEL_VERSION_NUMERIC.includes(key)) {
      return NUMERIC_OPS.includes(op) ? null : `Invalid comparator for attribute ${key}: ${op}`;
    }
    const valid = STRING_OPS.includes(op) || (op === 'IN' && key === 'run_id');
    return valid ? null : `Invalid comparator for attribute: ${op}`;
  },
};

function registryClauses(rules: Rules, raws: RawClause[]): Clause[] {
  const staged = raws.map((raw) => {
    const { type, key } = scopedIdentifier(raw.ident, rules.attributes, true);
    if (raw.value === null) throw new Reject('Invalid comparison clause. Expected 3 tokens found 2', raw.span);
    return { raw, type, key, value: registryValue(rules, type, key, raw.value) };
  });
  return staged.map(({ raw, type, key, value }) => {
    const op = raw.op.norm;
    const message = rules.comparatorError(type, key, op);
    if (message) throw new Reject(message, raw.op.span);
    if (Array.isArray(value) !== (op === 'IN')) {
      throw new Reject(`Invalid comparator '${op}' for a list of values; use IN`, raw.op.span);
    }
    return { entity: type, key, comparator: op as Comparator, value, span: raw.span };
  });
}

export const registeredModelsClauses = (raws: RawClause[]) => registryClauses(REGISTERED_MODELS, raws);
export const modelVersionsClauses = (raws: RawClause[]) => registryClauses(MODEL_VERSIONS, raws);
