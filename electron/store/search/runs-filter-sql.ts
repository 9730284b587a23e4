import type { Clause, FilterTerm } from '../../../shared/search/types';
import { compareSql } from './compare-sql';
import { fragment, joinFragments, type SqlFragment } from './sql-fragment';

/** Run attributes → columns of `runs r`. `run_name` is the name column, kept in sync with the tag. */
export const RUN_COLUMNS: Record<string, string> = {
  run_id: 'r.run_id',
  run_name: 'r.name',
  status: 'r.status',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  start_time: 'r.start_time',
  end_time: 'r.end_time',
};

const KEY_VALUE_TABLES = { metric: 'latest_metrics', param: 'params', tag: 'tags' } as const;

const DATASET_CONTEXT_TAG = 'mlflow.data.context';

/** Whether a NaN metric, which MLflow compares as 0, satisfies `0 <comparator> value`. */
function zeroSatisfies(comparator: Clause['comparator'], value: Clause['value']): boolean {
  const v = Number(value);
  switch (comparator) {
    case '=':
      return v === 0;
    case '!=':
      return v !== 0;
    case '>':
      return 0 > v;
    case '>=':
      return 0 >= v;
    case '<':
      return 0 < v;
    case '<=':
      return 0 <= v;
    default:
      return false;
  }
}

export function runColumn(key: string): string {
  const column = Object.hasOwn(RUN_COLUMNS, key) ? RUN_COLUMNS[key] : undefined;
  if (!column) throw new Error(`Unknown run attribute: ${key}`);
  return column;
}

/**
 * One search_runs clause as a condition on `runs r`. Key/value clauses select the matching
 * run ids through the (key, value) indexes, so each is evaluated once, not once per run.
 */
export function runClauseSql(clause: Clause): SqlFragment {
  const { entity, key, comparator, value } = clause;
  switch (entity) {
    case 'attribute':
      return compareSql(runColumn(key), comparator, value);
    case 'metric':
    case 'param':
    case 'tag': {
      const table = KEY_VALUE_TABLES[entity];
      if (comparator === 'IS NULL' || comparator === 'IS NOT NULL') {
        const not = comparator === 'IS NULL' ? 'NOT ' : '';
        return fragment(`${not}EXISTS (SELECT 1 FROM ${table} x WHERE x.run_id = r.run_id AND x.key = ?)`, key);
      }
      const test = compareSql('x.value', comparator, value);
      // MLflow's SQL store keeps a NaN metric as value 0 with is_nan = 1, so NaN compares as 0.
      // Deciding that here keeps the (key, value) index usable for the common case.
      const nanMatches = entity === 'metric' && zeroSatisfies(comparator, value);
      return {
        sql: `r.run_id IN (SELECT x.run_id FROM ${table} x WHERE x.key = ? AND ${nanMatches ? `(${test.sql} OR x.is_nan = 1)` : test.sql})`,
        params: [key, ...test.params],
      };
    }
    case 'dataset': {
      if (key === 'context') {
        const test = compareSql('t.value', comparator, value);
        return {
          sql:
            'r.run_id IN (SELECT i.run_id FROM inputs i JOIN input_tags t ON t.input_id = i.input_id ' +
            `WHERE i.source_type = ? AND t.key = ? AND ${test.sql})`,
          params: ['DATASET', DATASET_CONTEXT_TAG, ...test.params],
        };
      }
      const column = key === 'name' ? 'd.name' : 'd.digest';
      const test = compareSql(column, comparator, value);
      return {
        sql:
          'r.run_id IN (SELECT i.run_id FROM inputs i JOIN datasets d ON d.dataset_id = i.source_id ' +
          `WHERE i.source_type = ? AND ${test.sql})`,
        params: ['DATASET', ...test.params],
      };
    }
  }
}

/**
 * One term of a run filter (Sextant's grammar) as a condition on `runs r`. NOT means "does not
 * match": a clause on a missing key or a NULL column (e.g. `end_time` of a running run) does
 * not match, so its NOT does. SQL's NOT would keep such a NULL unknown and drop the run;
 * `coalesce(…, 0)` makes every NOT two-valued. AND and OR need no such care: in a WHERE, an
 * unknown that reaches the top counts as false, exactly like a non-match.
 */
export function runTermSql(term: FilterTerm): SqlFragment {
  if (!('bool' in term)) return runClauseSql(term);
  if (term.bool === 'NOT') {
    const inner = runTermSql(term.term);
    return { sql: `NOT coalesce((${inner.sql}), 0)`, params: inner.params };
  }
  const joined = joinFragments(term.terms.map(runTermSql), ` ${term.bool} `);
  return { sql: `(${joined.sql})`, params: joined.params };
}
