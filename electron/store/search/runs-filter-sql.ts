import type { Clause } from '../../../shared/search/types';
import { compareSql } from './compare-sql';
import { fragment, type SqlFragment } from './sql-fragment';

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
      // MLflow's SQL store keeps NaN metrics as value 0 (is_nan = 1), so a NaN compares as 0.
      const test = compareSql(entity === 'metric' ? 'COALESCE(x.value, 0.0)' : 'x.value', comparator, value);
      return {
        sql: `r.run_id IN (SELECT x.run_id FROM ${table} x WHERE x.key = ? AND ${test.sql})`,
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
