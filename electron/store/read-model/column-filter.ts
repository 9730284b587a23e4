import type { Clause, FilterTerm } from '../../../shared/search/types';
import type { ListColumns } from './list-columns';
import { termPredicate, valueTest } from './run-filter';
import type { RunRecord } from './run-record';

/** A filter over positions in a run list. */
export type PositionPredicate = (i: number) => boolean;

/**
 * compileRunFilter over a run list's columns: a metric, param or tag clause compared on that
 * key's column (the same value tests, so the same semantics: a missing key never matches, a
 * NaN metric compares as 0); any other term (attributes, datasets, OR, NOT, IS NULL) on the run
 * record as compileRunFilter does. Throws NotCovered where compileRunFilter would.
 */
export function compileColumnFilter(terms: readonly FilterTerm[], list: readonly RunRecord[], columns: ListColumns): PositionPredicate {
  const parts = terms.map((t) => columnTerm(t, list, columns));
  if (parts.length === 0) return () => true;
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [a, b] = parts as [PositionPredicate, PositionPredicate];
    return (i) => a(i) && b(i);
  }
  return (i) => parts.every((p) => p(i));
}

function columnTerm(term: FilterTerm, list: readonly RunRecord[], columns: ListColumns): PositionPredicate {
  if (!('bool' in term)) {
    const clause: Clause = term;
    const isNullTest = clause.comparator === 'IS NULL' || clause.comparator === 'IS NOT NULL';
    if (clause.entity === 'metric' && !isNullTest) {
      const test = valueTest(clause.comparator, clause.value, 'number');
      const nanMatches = test(0);
      const { values, present } = columns.metric(list, clause.key);
      return (i) => {
        if (present[i] === 0) return false;
        const v = values[i]!;
        return v !== v ? nanMatches : test(v);
      };
    }
    if ((clause.entity === 'param' || clause.entity === 'tag') && !isNullTest) {
      const test = valueTest(clause.comparator, clause.value, 'string');
      const col = columns.strings(list, clause.entity, clause.key);
      return (i) => {
        const v = col[i];
        return v !== undefined && test(v);
      };
    }
  }
  const predicate = termPredicate(term);
  return (i) => predicate(list[i]!);
}
