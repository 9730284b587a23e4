import { SourceError } from '../import-source';
import type { MlflowSqlite } from './mlflow-sqlite';
import { ensureRunIndexes, indexedBy, type RunTable } from './read-indexes';

/** The tables every MLflow SQL store has had since its first schema (MLflow 1.0). */
const REQUIRED = ['experiments', 'runs', 'metrics', 'params', 'tags'] as const;

/**
 * Which of MLflow's tables and columns a database has. MLflow's Alembic migrations added them one
 * by one (metrics.step and is_nan, experiment_tags, latest_metrics, the registry, aliases,
 * datasets/inputs, deleted_time, storage_location, logged models, inputs.step, workspaces), so
 * readers ask for what they need instead of trusting a revision number.
 */
export interface MlflowSchema {
  /** alembic_version.version_num (null when the table is absent or empty). */
  revision: string | null;
  has(table: string, column?: string): boolean;
  /** ` INDEXED BY "…"`: the index that serves a per-run lookup in that table. */
  byRun(table: RunTable): string;
}

export function readMlflowSchema(db: MlflowSqlite, label: string): MlflowSchema {
  const columns = new Map<string, Set<string>>();
  const tables = db.all(label, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r[0]));
  for (const table of tables) {
    const cols = db.all(label, 'SELECT name FROM pragma_table_info(?)', [table]).map((r) => String(r[0]));
    columns.set(table, new Set(cols));
  }
  const missing = REQUIRED.filter((t) => !columns.has(t));
  if (missing.length > 0) {
    throw new SourceError(label, `is an SQLite database but not an MLflow one (no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''})`);
  }
  const indexes = ensureRunIndexes(db, label);
  const revision = columns.has('alembic_version') ? db.all(label, 'SELECT version_num FROM alembic_version LIMIT 1')[0]?.[0] ?? null : null;
  return {
    revision: revision === null ? null : String(revision),
    has: (table, column) => {
      const cols = columns.get(table);
      return cols !== undefined && (column === undefined || cols.has(column));
    },
    byRun: (table) => indexedBy(indexes[table]),
  };
}

/** `AND <alias>.workspace = 'default'` where MLflow ≥ 3.10 keeps workspaces (the one workspace a plain server shows). */
export function workspaceFilter(schema: MlflowSchema, table: string, alias = table): string {
  return schema.has(table, 'workspace') ? ` AND ${alias}.workspace = 'default'` : '';
}
