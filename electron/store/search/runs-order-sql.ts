import type { OrderByClause } from '../../../shared/search/types';
import { runColumn } from './runs-filter-sql';
import type { SqlFragment } from './sql-fragment';

const ORDER_TABLES = { metric: 'latest_metrics', param: 'params', tag: 'tags' } as const;

export interface RunsOrderSql {
  /** LEFT JOINs that bring the sorted-on metrics/params/tags next to each run (`f.run_id`). */
  joins: SqlFragment;
  /** Run columns the ORDER BY reads from `f` (always run_id and start_time). */
  columns: string[];
  /** The ORDER BY terms, without the keyword, over `f` and the joined aliases. */
  orderBy: string;
}

/** A run column as the outer query sees it: `r.end_time` → `f.end_time`. */
const outer = (column: string) => column.replace(/^r\./, 'f.');

/**
 * MLflow's `_get_orderby_clauses`: each key sorts missing values last in both directions
 * (metrics: numbers, then NaN, then missing), then `start_time DESC` unless start_time was
 * named, then `run_id` as the final tie-break.
 */
export function runsOrderSql(orderBy: readonly OrderByClause[]): RunsOrderSql {
  const joins: string[] = [];
  const joinParams: string[] = [];
  const columns = new Set(['r.run_id', 'r.start_time']);
  const terms: string[] = [];
  let startTimeNamed = false;
  orderBy.forEach((item, i) => {
    const dir = item.ascending ? 'ASC' : 'DESC';
    if (item.entity === 'attribute') {
      const column = runColumn(item.key);
      if (item.key === 'start_time') startTimeNamed = true;
      columns.add(column);
      terms.push(`(${outer(column)} IS NULL) ASC`, `${outer(column)} ${dir}`);
      return;
    }
    if (item.entity === 'dataset') throw new Error("Invalid identifier type 'dataset'");
    const alias = `o${i}`;
    joins.push(` LEFT JOIN ${ORDER_TABLES[item.entity]} ${alias} ON ${alias}.run_id = f.run_id AND ${alias}.key = ?`);
    joinParams.push(item.key);
    if (item.entity === 'metric') {
      terms.push(`CASE WHEN ${alias}.is_nan = 1 THEN 1 WHEN ${alias}.value IS NULL THEN 2 ELSE 0 END ASC`);
    } else {
      terms.push(`(${alias}.value IS NULL) ASC`);
    }
    terms.push(`${alias}.value ${dir}`);
  });
  if (!startTimeNamed) terms.push('f.start_time DESC');
  terms.push('f.run_id ASC');
  return { joins: { sql: joins.join(''), params: joinParams }, columns: [...columns], orderBy: terms.join(', ') };
}
