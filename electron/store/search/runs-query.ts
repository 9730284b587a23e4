import type { Clause, OrderByClause } from '../../../shared/search/types';
import { runClauseSql } from './runs-filter-sql';
import { runsOrderSql } from './runs-order-sql';
import { limitOffset, placeholders, STAGES, type SqlFragment, type ViewType } from './sql-fragment';

export interface RunsQueryInput {
  experimentIds: readonly string[];
  /** From `parseFilter(filter, 'runs')`. */
  clauses?: readonly Clause[];
  /** From `parseOrderBy(orderBy, 'runs')`. */
  orderBy?: readonly OrderByClause[];
  viewType?: ViewType;
  limit?: number;
  offset?: number;
}

/**
 * search_runs as one SELECT of `run_id`s over the tracking schema, in MLflow's order. Every
 * value (keys included) is a bound parameter. No experiment ids means no runs, as in MLflow.
 */
export function compileRunsQuery(input: RunsQueryInput): SqlFragment {
  const stages = STAGES[input.viewType ?? 'ACTIVE_ONLY'];
  const order = runsOrderSql(input.orderBy ?? []);
  const conditions = [
    input.experimentIds.length
      ? { sql: `r.experiment_id IN (${placeholders(input.experimentIds.length)})`, params: [...input.experimentIds] }
      : { sql: '0', params: [] },
    { sql: `r.lifecycle_stage IN (${placeholders(stages.length)})`, params: stages },
    ...(input.clauses ?? []).map(runClauseSql),
  ];
  const paging = limitOffset(input.limit, input.offset);
  return {
    sql:
      `SELECT r.run_id FROM runs r${order.joins.sql} WHERE ${conditions.map((c) => c.sql).join(' AND ')}` +
      ` ORDER BY ${order.orderBy}${paging.sql}`,
    params: [...order.joins.params, ...conditions.flatMap((c) => c.params), ...paging.params],
  };
}
