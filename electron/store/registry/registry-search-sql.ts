import type { Clause, OrderByClause } from '../../../shared/search/types';
import { compareSql } from '../search/compare-sql';
import { limitOffset, type SqlFragment } from '../search/sql-fragment';
import { DELETED_STAGE } from './registry-repo';

const PROMPT_TAG = 'mlflow.prompt.is_prompt';

const MODEL_COLUMNS: Record<string, string> = {
  name: 'm.name',
  creation_timestamp: 'm.creation_time',
  timestamp: 'm.last_updated_time',
  last_updated_timestamp: 'm.last_updated_time',
};

const VERSION_COLUMNS: Record<string, string> = {
  name: 'v.name',
  run_id: 'v.run_id',
  source_path: 'v.source',
  version_number: 'v.version',
  creation_timestamp: 'v.creation_time',
  last_updated_timestamp: 'v.last_updated_time',
};

function clauseSql(c: Clause, columns: Record<string, string>, tagTable: string, owner: string): SqlFragment {
  if (c.entity === 'tag') {
    const cmp = compareSql('t.value', c.comparator, c.value);
    return { sql: `EXISTS (SELECT 1 FROM ${tagTable} t WHERE ${owner} AND t.key = ? AND ${cmp.sql})`, params: [c.key, ...cmp.params] };
  }
  const column = columns[c.key];
  if (!column) throw new Error(`registry search: unsupported attribute ${c.key}`);
  return compareSql(column, c.comparator, c.value);
}

const isPromptClause = (c: Clause) => c.entity === 'tag' && c.key === PROMPT_TAG;

/**
 * Prompts (MLflow 3 GenAI) live in the registry but are not models. As in MLflow's SQL store,
 * clauses on the prompt tag are taken out of the filter: `= 'true'` (or `!= 'false'`) selects
 * only prompts, anything else (and no clause at all) leaves prompts out.
 */
function promptCondition(clauses: readonly Clause[], nameColumn: string): SqlFragment {
  const wantsPrompts = clauses.some((c) => isPromptClause(c) && ((c.comparator === '=' && String(c.value).toLowerCase() === 'true') || (c.comparator === '!=' && String(c.value).toLowerCase() === 'false')));
  const exists = `EXISTS (SELECT 1 FROM registered_model_tags p WHERE p.name = ${nameColumn} AND p.key = ? AND lower(p.value) = 'true')`;
  return { sql: wantsPrompts ? exists : `NOT ${exists}`, params: [PROMPT_TAG] };
}

function orderSql(orderBy: readonly OrderByClause[], columns: Record<string, string>, tieBreak: string): string {
  const items = orderBy.map((o) => `${columns[o.key] ?? 'NULL'} ${o.ascending ? 'ASC' : 'DESC'}`);
  return [...items, tieBreak].join(', ');
}

function where(parts: SqlFragment[]): SqlFragment {
  return { sql: parts.map((p) => p.sql).join(' AND ') || '1', params: parts.flatMap((p) => p.params) };
}

export function compileRegisteredModelsQuery(input: { clauses: readonly Clause[]; orderBy: readonly OrderByClause[]; limit: number; offset: number }): SqlFragment {
  const owner = 't.name = m.name';
  const conds = [promptCondition(input.clauses, 'm.name'), ...input.clauses.filter((c) => !isPromptClause(c)).map((c) => clauseSql(c, MODEL_COLUMNS, 'registered_model_tags', owner))];
  const w = where(conds);
  const page = limitOffset(input.limit, input.offset);
  return { sql: `SELECT m.name FROM registered_models m WHERE ${w.sql} ORDER BY ${orderSql(input.orderBy, MODEL_COLUMNS, 'm.name ASC')}${page.sql}`, params: [...w.params, ...page.params] };
}

export function compileModelVersionsQuery(input: { clauses: readonly Clause[]; orderBy: readonly OrderByClause[]; limit: number; offset: number }): SqlFragment {
  const owner = 't.name = v.name AND t.version = v.version';
  const conds = [
    { sql: 'v.current_stage != ?', params: [DELETED_STAGE] },
    promptCondition(input.clauses, 'v.name'),
    ...input.clauses.filter((c) => !isPromptClause(c)).map((c) => clauseSql(c, VERSION_COLUMNS, 'model_version_tags', owner)),
  ];
  const w = where(conds);
  const page = limitOffset(input.limit, input.offset);
  return {
    sql: `SELECT v.name, v.version FROM model_versions v WHERE ${w.sql} ORDER BY ${orderSql(input.orderBy, VERSION_COLUMNS, 'v.name ASC, v.version DESC')}${page.sql}`,
    params: [...w.params, ...page.params],
  };
}
