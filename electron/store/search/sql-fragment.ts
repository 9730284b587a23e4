/** A piece of SQL and the values for its `?` placeholders, in order. */
export type SqlParam = string | number | null;

export interface SqlFragment {
  sql: string;
  params: SqlParam[];
}

export const fragment = (sql: string, ...params: SqlParam[]): SqlFragment => ({ sql, params });

export const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');

/** Joins fragments with a separator, concatenating their parameters in order. */
export function joinFragments(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) };
}

/** `LIMIT ? OFFSET ?` for the given paging, or nothing. */
export function limitOffset(limit: number | undefined, offset: number | undefined): SqlFragment {
  if (limit === undefined && !offset) return fragment('');
  return fragment(' LIMIT ? OFFSET ?', limit ?? -1, offset ?? 0);
}

/** Which lifecycle stages a view type selects (MLflow's ViewType). */
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export const STAGES: Record<ViewType, string[]> = {
  ACTIVE_ONLY: ['active'],
  DELETED_ONLY: ['deleted'],
  ALL: ['active', 'deleted'],
};
