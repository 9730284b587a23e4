import { LOGGED_MODEL_ATTRIBUTES } from './logged-models-filter';
import { pyTypeName } from './py-repr';
import { Reject } from './search-error';
import type { LoggedModelOrderBy, ParseResult } from './types';

/** Orderable logged-model fields: the filterable columns, under the same aliases. */
const ORDERABLE = LOGGED_MODEL_ATTRIBUTES;

const NOWHERE = { offset: 0, length: 0 };

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function loggedModelOrder(raw: unknown): LoggedModelOrderBy {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Reject('`order_by` must be a list of dictionaries.', NOWHERE);
  }
  const ob = raw as Record<string, unknown>;
  const fieldName = typeof ob.field_name === 'string' ? ob.field_name : '';
  if (fieldName === '') throw new Reject('`field_name` in the `order_by` clause must be specified.', NOWHERE);
  const ascending = ob.ascending ?? true;
  if (typeof ascending !== 'boolean') {
    throw new Reject(
      `Value of \`ascending\` in the \`order_by\` clause must be a boolean, got ${pyTypeName(ascending)} ` +
        `for field ${fieldName}.`,
      NOWHERE,
    );
  }
  const datasetName = optionalString(ob.dataset_name);
  const datasetDigest = optionalString(ob.dataset_digest);
  const datasets = { ...(datasetName ? { datasetName } : {}), ...(datasetDigest ? { datasetDigest } : {}) };
  const dot = fieldName.indexOf('.');
  if (dot < 0) {
    const key = Object.hasOwn(ORDERABLE, fieldName) ? ORDERABLE[fieldName] : undefined;
    if (!key) throw new Reject(`Invalid order by field name: ${fieldName}`, NOWHERE);
    return { entity: 'attribute', key, ascending };
  }
  if (fieldName.slice(0, dot) !== 'metrics') {
    throw new Reject(`Invalid order by field name: ${fieldName}. Only metrics are supported.`, NOWHERE);
  }
  return { entity: 'metric', key: fieldName.slice(dot + 1), ascending, ...datasets };
}

/**
 * Validates search_logged_models order_by objects (`{field_name, ascending, dataset_name,
 * dataset_digest}`) the way MLflow's SQL store does: plain names are logged-model columns or
 * their aliases, dotted names must be `metrics.<key>`.
 */
export function parseLoggedModelOrderBy(items: readonly unknown[] | null | undefined): ParseResult<LoggedModelOrderBy[]> {
  const parsed: LoggedModelOrderBy[] = [];
  for (const [index, item] of (items ?? []).entries()) {
    try {
      parsed.push(loggedModelOrder(item));
    } catch (err) {
      if (!(err instanceof Reject)) throw err;
      return { ok: false, error: { message: err.message, offset: 0, length: 0, item: index } };
    }
  }
  return { ok: true, value: parsed };
}
