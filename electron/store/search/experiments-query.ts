import type { Clause, OrderByClause } from '../../../shared/search/types';
import { compareSql } from './compare-sql';
import { fragment, limitOffset, placeholders, STAGES, type SqlFragment, type ViewType } from './sql-fragment';

export interface ExperimentsQueryInput {
  /** From `parseFilter(filter, 'experiments')`. */
  clauses?: readonly Clause[];
  /** From `parseOrderBy(orderBy, 'experiments')`. */
  orderBy?: readonly OrderByClause[];
  viewType?: ViewType;
  limit?: number;
  offset?: number;
}

const COLUMNS: Record<string, string> = {
  name: 'e.name',
  creation_time: 'e.creation_time',
  last_update_time: 'e.last_update_time',
};

function experimentClauseSql(clause: Clause): SqlFragment {
  const { entity, key, comparator, value } = clause;
  if (entity === 'attribute') {
    const column = Object.hasOwn(COLUMNS, key) ? COLUMNS[key] : undefined;
    if (!column) throw new Error(`Unknown experiment attribute: ${key}`);
    return compareSql(column, comparator, value);
  }
  if (comparator === 'IS NULL' || comparator === 'IS NOT NULL') {
    const not = comparator === 'IS NULL' ? 'NOT ' : '';
    return fragment(
      `${not}EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.experiment_id AND t.key = ?)`,
      key,
    );
  }
  const test = compareSql('t.value', comparator, value);
  return {
    sql: `e.experiment_id IN (SELECT t.experiment_id FROM experiment_tags t WHERE t.key = ? AND ${test.sql})`,
    params: [key, ...test.params],
  };
}

/** experiment_id is TEXT holding a decimal integer; order it as a number (then as text). */
function orderTerm(key: string, ascending: boolean): string {
  const dir = ascending ? 'ASC' : 'DESC';
  if (key === 'experiment_id') return `CAST(e.experiment_id AS INTEGER) ${dir}, e.experiment_id ${dir}`;
  const column = Object.hasOwn(COLUMNS, key) ? COLUMNS[key] : undefined;
  if (!column) throw new Error(`Unknown experiment order key: ${key}`);
  return `${column} ${dir}`;
}

/**
 * MLflow's `_get_search_experiments_order_by_clauses`: the default order is
 * `creation_time DESC, experiment_id ASC`; otherwise `experiment_id DESC` breaks ties unless
 * experiment_id was named.
 */
function experimentsOrder(orderBy: readonly OrderByClause[]): string {
  const items: { key: string; ascending: boolean }[] = orderBy.length
    ? [...orderBy]
    : [
        { key: 'creation_time', ascending: false },
        { key: 'experiment_id', ascending: true },
      ];
  if (!items.some((o) => o.key === 'experiment_id')) items.push({ key: 'experiment_id', ascending: false });
  return items.map((o) => orderTerm(o.key, o.ascending)).join(', ');
}

/** search_experiments as one SELECT of `experiment_id`s, in MLflow's order. */
export function compileExperimentsQuery(input: ExperimentsQueryInput): SqlFragment {
  const stages = STAGES[input.viewType ?? 'ACTIVE_ONLY'];
  const conditions = [
    { sql: `e.lifecycle_stage IN (${placeholders(stages.length)})`, params: stages },
    ...(input.clauses ?? []).map(experimentClauseSql),
  ];
  const paging = limitOffset(input.limit, input.offset);
  return {
    sql:
      `SELECT e.experiment_id FROM experiments e WHERE ${conditions.map((c) => c.sql).join(' AND ')}` +
      ` ORDER BY ${experimentsOrder(input.orderBy ?? [])}${paging.sql}`,
    params: [...conditions.flatMap((c) => c.params), ...paging.params],
  };
}
