import type { Clause, Comparator } from '../../../shared/search/types';
import { likeToGlob } from './like-to-glob';
import { fragment, placeholders, type SqlFragment } from './sql-fragment';

const PLAIN: Partial<Record<Comparator, string>> = { '=': '=', '!=': '!=', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };

/**
 * `column <comparator> value` with the value bound. `column` is trusted SQL chosen by the
 * compiler, never user text. LIKE is case-sensitive (GLOB), ILIKE compares lower-cased
 * strings (what SQLAlchemy's `ilike` renders on SQLite). A NULL column never matches, so a
 * missing value is false even for `!=`.
 */
export function compareSql(column: string, comparator: Comparator, value: Clause['value']): SqlFragment {
  const plain = PLAIN[comparator];
  if (plain) return fragment(`${column} ${plain} ?`, scalar(value));
  switch (comparator) {
    case 'LIKE':
      return fragment(`${column} GLOB ?`, likeToGlob(String(scalar(value))));
    case 'ILIKE':
      return fragment(`lower(${column}) LIKE lower(?)`, scalar(value));
    case 'IN':
    case 'NOT IN': {
      const list = Array.isArray(value) ? value : [];
      if (list.length === 0) return fragment(comparator === 'IN' ? '0' : `${column} IS NOT NULL`);
      return fragment(`${column} ${comparator} (${placeholders(list.length)})`, ...list);
    }
    default:
      throw new Error(`compareSql: ${comparator} needs an existence test, not a comparison`);
  }
}

function scalar(value: Clause['value']): string | number | null {
  if (Array.isArray(value)) throw new Error('compareSql: a list needs IN or NOT IN');
  return value;
}
