import type { Clause, LoggedModelOrderBy } from '../../../shared/search/types';
import { datasetsSql, loggedModelClauseSql, loggedModelOrderValue, type LoggedModelDatasetFilter } from './logged-models-sql';
import { limitOffset, placeholders, type SqlFragment } from './sql-fragment';

export interface LoggedModelsQueryInput {
  experimentIds: readonly string[];
  /** From `parseFilter(filter, 'logged_models')`. */
  clauses?: readonly Clause[];
  /** From `parseLoggedModelOrderBy(orderBy)`. */
  orderBy?: readonly LoggedModelOrderBy[];
  datasets?: readonly LoggedModelDatasetFilter[];
  limit?: number;
  offset?: number;
}

/**
 * search_logged_models as one SELECT of `model_id`s, in MLflow's order: each order_by item
 * sorts missing values last, then `creation_timestamp DESC` unless it was named (newest first
 * by default), then model_id as a final, deterministic tie-break. Deleted models never match.
 * With `datasets` and no metric clause, only models with a metric on one of them match.
 */
export function compileLoggedModelsQuery(input: LoggedModelsQueryInput): SqlFragment {
  const clauses = input.clauses ?? [];
  const datasets = input.datasets ?? [];
  const conditions: SqlFragment[] = [
    { sql: 'm.lifecycle_stage != ?', params: ['deleted'] },
    input.experimentIds.length
      ? { sql: `m.experiment_id IN (${placeholders(input.experimentIds.length)})`, params: [...input.experimentIds] }
      : { sql: '0', params: [] },
    ...clauses.map((c) => loggedModelClauseSql(c, datasets)),
  ];
  if (datasets.length && !clauses.some((c) => c.entity === 'metric')) {
    const on = datasetsSql(datasets);
    conditions.push({ sql: `m.model_id IN (SELECT x.model_id FROM logged_model_metrics x WHERE ${on.sql})`, params: on.params });
  }
  const orderBy = input.orderBy ?? [];
  const values = orderBy.map(loggedModelOrderValue);
  const columns = ['m.model_id AS model_id', 'm.creation_time AS created', ...values.map((v, i) => `${v.sql} AS o${i}`)];
  const terms = orderBy.flatMap((o, i) => [`(o${i} IS NULL) ASC`, `o${i} ${o.ascending ? 'ASC' : 'DESC'}`]);
  if (!orderBy.some((o) => o.entity === 'attribute' && o.key === 'creation_timestamp')) terms.push('created DESC');
  terms.push('model_id ASC');
  const paging = limitOffset(input.limit, input.offset);
  return {
    sql:
      `SELECT model_id FROM (SELECT ${columns.join(', ')} FROM logged_models m ` +
      `WHERE ${conditions.map((c) => c.sql).join(' AND ')}) ORDER BY ${terms.join(', ')}${paging.sql}`,
    params: [...values.flatMap((v) => v.params), ...conditions.flatMap((c) => c.params), ...paging.params],
  };
}
