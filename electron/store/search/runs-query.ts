import type { FilterTerm, OrderByClause } from '../../../shared/search/types';
import { runTermSql } from './runs-filter-sql';
import { runsOrderSql } from './runs-order-sql';
import { limitOffset, placeholders, STAGES, type SqlFragment, type ViewType } from './sql-fragment';

export interface RunsQueryInput {
  experimentIds: readonly string[];
  /**
   * Terms that must all hold: from `parseRunsFilter(filter)` (OR, NOT and parentheses), or
   * plain clauses from `parseFilter(filter, 'runs')`.
   */
  clauses?: readonly FilterTerm[];
  /** From `parseOrderBy(orderBy, 'runs')`. */
  orderBy?: readonly OrderByClause[];
  viewType?: ViewType;
  limit?: number;
  offset?: number;
}

/**
 * search_runs as one SELECT of `run_id`s over the tracking schema, in MLflow's order. Every
 * value (keys included) is a bound parameter. No experiment ids means no runs, as in MLflow.
 *
 * The matching runs are selected first (`f`), sorted by run_id, and only then joined to the
 * metrics/params/tags being sorted on: their (run_id, key) lookups then walk the indexes in
 * order instead of jumping around, which roughly halves the cost of sorting thousands of runs.
 */
export function compileRunsQuery(input: RunsQueryInput): SqlFragment {
  const stages = STAGES[input.viewType ?? 'ACTIVE_ONLY'];
  const order = runsOrderSql(input.orderBy ?? []);
  const conditions = [
    input.experimentIds.length
      ? { sql: `r.experiment_id IN (${placeholders(input.experimentIds.length)})`, params: [...input.experimentIds] }
      : { sql: '0', params: [] },
    { sql: `r.lifecycle_stage IN (${placeholders(stages.length)})`, params: stages },
    ...(input.clauses ?? []).map(runTermSql),
  ];
  const where = conditions.map((c) => c.sql).join(' AND ');
  const columns = order.columns.map((c) => `${c} AS ${c.slice(2)}`).join(', ');
  // Without joins the plain query lets SQLite use runs_by_experiment for the default order.
  const matching = order.joins.sql
    ? `(SELECT ${columns} FROM runs r WHERE ${where} ORDER BY r.run_id LIMIT -1) f`
    : `(SELECT ${columns} FROM runs r WHERE ${where}) f`;
  const paging = limitOffset(input.limit, input.offset);
  return {
    sql: `SELECT f.run_id FROM ${matching}${order.joins.sql} ORDER BY ${order.orderBy}${paging.sql}`,
    params: [...conditions.flatMap((c) => c.params), ...order.joins.params, ...paging.params],
  };
}
