import type { Clause, Comparator, FilterTerm } from '../../../shared/search/types';
import { compareCodePoints } from '../../../shared/domain/code-point-order';
import { likeMatcher } from './like-match';
import { keyFinder, NUMBER_ATTRIBUTES, STRING_ATTRIBUTES, type RunRecord } from './run-record';

export type RunPredicate = (r: RunRecord) => boolean;

/** A filter the JS evaluator does not cover: the search answers from SQL instead. */
export class NotCovered extends Error {}

type Scalar = string | number;
type ValueTest = (v: Scalar) => boolean;

/** `column <comparator> value` as compare-sql.ts renders it, for a column of the value's type. */
export function valueTest(comparator: Comparator, value: Clause['value'], columnType: 'string' | 'number'): ValueTest {
  if (comparator === 'IN' || comparator === 'NOT IN') {
    if (!Array.isArray(value) || columnType !== 'string') throw new NotCovered(`${comparator} on a ${columnType}`);
    const set = new Set<Scalar>(value);
    return comparator === 'IN' ? (v) => set.has(v) : (v) => !set.has(v);
  }
  if (Array.isArray(value) || value === null || typeof value !== columnType) throw new NotCovered(`${comparator} with a ${typeof value} value on a ${columnType}`);
  if (comparator === 'LIKE' || comparator === 'ILIKE') {
    if (columnType !== 'string') throw new NotCovered('LIKE on a number');
    const match = likeMatcher(value as string, comparator === 'ILIKE');
    return (v) => match(v as string);
  }
  const cmp: (a: Scalar) => number =
    columnType === 'number' ? (a) => ((a as number) < (value as number) ? -1 : (a as number) > (value as number) ? 1 : 0) : (a) => compareCodePoints(a as string, value as string);
  switch (comparator) {
    case '=':
      return columnType === 'number' ? (v) => v === value : (v) => v === value;
    case '!=':
      return (v) => v !== value;
    case '>':
      return (v) => cmp(v) > 0;
    case '>=':
      return (v) => cmp(v) >= 0;
    case '<':
      return (v) => cmp(v) < 0;
    case '<=':
      return (v) => cmp(v) <= 0;
    default:
      throw new NotCovered(`comparator ${comparator}`);
  }
}

function keyValueClause(keysOf: (r: RunRecord) => readonly string[], valuesOf: (r: RunRecord) => readonly string[], clause: Clause): RunPredicate {
  const { comparator } = clause;
  const find = keyFinder(clause.key);
  if (comparator === 'IS NULL') return (r) => find(keysOf(r)) < 0;
  if (comparator === 'IS NOT NULL') return (r) => find(keysOf(r)) >= 0;
  const test = valueTest(comparator, clause.value, 'string');
  return (r) => {
    const i = find(keysOf(r));
    return i >= 0 && test(valuesOf(r)[i]!);
  };
}

/**
 * A metric clause: the latest value compared as a number; a NaN value compares as 0 (MLflow's
 * SQL store keeps NaN as 0 with is_nan set); a missing metric never matches.
 */
function metricClause(clause: Clause): RunPredicate {
  const test = valueTest(clause.comparator, clause.value, 'number');
  const nanMatches = test(0);
  const find = keyFinder(clause.key);
  return (r) => {
    const i = find(r.metricKeys);
    if (i < 0) return false;
    const v = r.metricPoints[3 * i]!;
    return v !== v ? nanMatches : test(v);
  };
}

function datasetClause(clause: Clause): RunPredicate {
  const test = valueTest(clause.comparator, clause.value, 'string');
  switch (clause.key) {
    case 'name':
      return (r) => r.datasets.some((d) => test(d.name));
    case 'digest':
      return (r) => r.datasets.some((d) => test(d.digest));
    case 'context':
      return (r) => r.datasets.some((d) => d.context !== null && test(d.context));
    default:
      throw new NotCovered(`dataset key ${clause.key}`);
  }
}

function attributeClause(clause: Clause): RunPredicate {
  const { key, comparator } = clause;
  const text = Object.hasOwn(STRING_ATTRIBUTES, key) ? STRING_ATTRIBUTES[key] : undefined;
  if (text) {
    const test = valueTest(comparator, clause.value, 'string');
    return (r) => test(text(r));
  }
  const number = Object.hasOwn(NUMBER_ATTRIBUTES, key) ? NUMBER_ATTRIBUTES[key] : undefined;
  if (!number) throw new NotCovered(`attribute ${key}`);
  if ((comparator === 'IN' || comparator === 'NOT IN') && Array.isArray(clause.value) && clause.value.length === 0) throw new NotCovered('empty list on a number');
  const test = valueTest(comparator, clause.value, 'number');
  return (r) => {
    const v = number(r);
    return v !== null && test(v);
  };
}

function clausePredicate(clause: Clause): RunPredicate {
  switch (clause.entity) {
    case 'attribute':
      return attributeClause(clause);
    case 'metric':
      return metricClause(clause);
    case 'param':
      return keyValueClause((r) => r.paramKeys, (r) => r.paramValues, clause);
    case 'tag':
      return keyValueClause((r) => r.tagKeys, (r) => r.tagValues, clause);
    case 'dataset':
      return datasetClause(clause);
    default:
      throw new NotCovered(`entity ${String((clause as Clause).entity)}`);
  }
}

export function termPredicate(term: FilterTerm): RunPredicate {
  if (!('bool' in term)) return clausePredicate(term);
  if (term.bool === 'NOT') {
    const inner = termPredicate(term.term);
    return (r) => !inner(r);
  }
  const parts = term.terms.map(termPredicate);
  return term.bool === 'AND' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
}

/**
 * A run filter (all terms must hold) as a predicate with the SQL path's semantics
 * (electron/store/search/runs-filter-sql.ts). Every clause is two-valued: a missing key or a
 * NULL column does not match, so its NOT does, as the SQL's `NOT coalesce(…, 0)` has it.
 * Throws NotCovered for anything it does not know.
 */
export function compileRunFilter(terms: readonly FilterTerm[]): RunPredicate {
  const parts = terms.map(termPredicate);
  if (parts.length === 0) return () => true;
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [a, b] = parts as [RunPredicate, RunPredicate];
    return (r) => a(r) && b(r);
  }
  return (r) => parts.every((p) => p(r));
}
