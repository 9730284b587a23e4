import { RUN_ORDER_ATTRIBUTES, RUN_NUMERIC_ATTRIBUTES, canonicalRunAttribute } from '../../../shared/search/runs-identifier';

/** What an identifier of the run filter names, by the prefix MLflow accepts for it. */
export type FilterEntity = 'metrics' | 'params' | 'tags' | 'attributes';

const ENTITY_BY_PREFIX: Record<string, FilterEntity> = {
  metric: 'metrics', metrics: 'metrics',
  param: 'params', params: 'params', parameter: 'params', parameters: 'params',
  tag: 'tags', tags: 'tags',
  attribute: 'attributes', attributes: 'attributes', attr: 'attributes', run: 'attributes',
};

export const entityOfPrefix = (prefix: string): FilterEntity | null => (Object.hasOwn(ENTITY_BY_PREFIX, prefix) ? ENTITY_BY_PREFIX[prefix]! : null);

/** The run attributes a filter can name, without MLflow's aliases (`created`, `Run name`). */
export const FILTER_ATTRIBUTES = RUN_ORDER_ATTRIBUTES.filter((a) => canonicalRunAttribute(a) === a);

/**
 * A key as the filter must write it: plain when it is word characters (dots allowed between
 * them), else in backquotes (double quotes for a key that holds a backquote).
 */
export function quoteFilterKey(key: string): string {
  if (/^\w+(\.\w+)*$/.test(key)) return key;
  return key.includes('`') ? `"${key}"` : `\`${key}\``;
}

/** A string value as the filter must write it; null when it holds both kinds of quote. */
export function quoteFilterValue(value: string): string | null {
  if (!value.includes("'")) return `'${value}'`;
  return value.includes('"') ? null : `"${value}"`;
}

/** Splits `metrics.val_acc` / `` params.`my key` `` / `status` into entity and key (unquoted). */
export function splitFilterIdentifier(word: string): { prefix: string | null; entity: FilterEntity | null; key: string } {
  const unquote = (s: string) => (/^([`"]).*\1$/s.test(s) ? s.slice(1, -1) : s.replace(/^[`"]/, ''));
  const dot = word.startsWith('`') || word.startsWith('"') ? -1 : word.indexOf('.');
  if (dot < 0) return { prefix: null, entity: 'attributes', key: unquote(word) };
  const prefix = word.slice(0, dot);
  return { prefix, entity: entityOfPrefix(prefix), key: unquote(word.slice(dot + 1)) };
}

/** The comparators MLflow accepts for an identifier (see shared/search/runs-filter.ts). */
export function comparatorsFor(entity: FilterEntity, key: string): string[] {
  const numeric = ['>', '>=', '<', '<=', '=', '!='];
  if (entity === 'metrics') return numeric;
  if (entity === 'params' || entity === 'tags') return ['=', '!=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'];
  const attribute = canonicalRunAttribute(key);
  if (RUN_NUMERIC_ATTRIBUTES.has(attribute)) return numeric;
  return attribute === 'run_id' ? ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'] : ['=', '!=', 'LIKE', 'ILIKE'];
}
