import { EXPERIMENT_ORDER_ATTRIBUTES } from './experiments-filter';
import { orderByItem } from './order-by-item';
import { pyList, pySet } from './py-repr';
import { CLAUSE_ENTITY, RUN_ORDER_ATTRIBUTES, canonicalRunAttribute, runsIdentifier } from './runs-identifier';
import { scopedIdentifier } from './scoped-identifier';
import { Reject } from './search-error';
import type { OrderByClause, ParseResult, SearchEntity } from './types';

const WHOLE = (item: string) => ({ offset: 0, length: item.length });

function runsOrder(item: string): OrderByClause {
  const { identifier, ascending } = orderByItem(item);
  const { type, key } = runsIdentifier(identifier, RUN_ORDER_ATTRIBUTES);
  if (type === 'dataset') throw new Reject(`Invalid identifier type '${type}'`, WHOLE(item));
  const canonical = type === 'attribute' ? canonicalRunAttribute(key) : key;
  return { entity: CLAUSE_ENTITY[type], key: canonical, ascending };
}

function experimentsOrder(item: string): OrderByClause {
  const { identifier, ascending } = orderByItem(item);
  const { type, key } = scopedIdentifier(identifier, EXPERIMENT_ORDER_ATTRIBUTES);
  if (type !== 'attribute') throw new Reject(`Invalid order_by entity: ${type}`, WHOLE(item));
  return { entity: 'attribute', key, ascending };
}

const REGISTERED_MODEL_KEYS: Record<string, string> = {
  name: 'name',
  timestamp: 'last_updated_timestamp',
  last_updated_timestamp: 'last_updated_timestamp',
};

function registeredModelsOrder(item: string): OrderByClause {
  const { identifier, ascending } = orderByItem(item);
  const token = identifier.text.trim();
  const key = Object.hasOwn(REGISTERED_MODEL_KEYS, token) ? REGISTERED_MODEL_KEYS[token] : undefined;
  if (!key) {
    throw new Reject(
      `Invalid order by key '${token}' specified. Valid keys are '${pySet(['name', 'timestamp'])}'`,
      identifier.span,
    );
  }
  return { entity: 'attribute', key, ascending };
}

const MODEL_VERSION_ORDER_KEYS = ['name', 'version_number', 'creation_timestamp', 'last_updated_timestamp'];

function modelVersionsOrder(item: string): OrderByClause {
  const { identifier, ascending } = orderByItem(item);
  const { key } = scopedIdentifier(identifier, MODEL_VERSION_ORDER_KEYS);
  if (!MODEL_VERSION_ORDER_KEYS.includes(key)) {
    throw new Reject(`Invalid order by key '${key}' specified. Valid keys are ${pySet(MODEL_VERSION_ORDER_KEYS)}`, WHOLE(item));
  }
  return { entity: 'attribute', key, ascending };
}

const PARSERS: Record<Exclude<SearchEntity, 'logged_models'>, (item: string) => OrderByClause> = {
  runs: runsOrder,
  experiments: experimentsOrder,
  registered_models: registeredModelsOrder,
  model_versions: modelVersionsOrder,
};

/** Entities whose store rejects the same field twice (experiments' does not). */
const CHECKS_DUPLICATES = new Set<SearchEntity>(['runs', 'registered_models', 'model_versions']);

/**
 * Parses order_by strings (`metrics.rmse DESC`, `attributes.start_time`, `` tags.`a b` ASC``)
 * for runs, experiments, registered models and model versions, as MLflow 3.11 does. Logged
 * models take objects instead: see parseLoggedModelOrderBy.
 */
export function parseOrderBy(
  items: readonly string[] | null | undefined,
  entity: Exclude<SearchEntity, 'logged_models'>,
): ParseResult<OrderByClause[]> {
  const list = items ?? [];
  const parsed: OrderByClause[] = [];
  const seen = new Set<string>();
  for (const [index, item] of list.entries()) {
    try {
      const clause = PARSERS[entity](item);
      const id = `${clause.entity}\u0000${clause.key}`;
      if (CHECKS_DUPLICATES.has(entity) && seen.has(id)) {
        throw new Reject(`\`order_by\` contains duplicate fields: ${pyList(list)}`, WHOLE(item));
      }
      seen.add(id);
      parsed.push(clause);
    } catch (err) {
      if (!(err instanceof Reject)) throw err;
      return { ok: false, error: { message: err.message, offset: err.span.offset, length: err.span.length, item: index } };
    }
  }
  return { ok: true, value: parsed };
}
