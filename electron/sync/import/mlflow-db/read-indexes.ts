import type { MlflowSqlite } from './mlflow-sqlite';

/** The per-run lookups the reader makes, and the columns an index needs to lead with to serve them. */
const NEEDED = { metrics: ['run_uuid', 'key'], params: ['run_uuid'], tags: ['run_uuid'] } as const;
export type RunTable = keyof typeof NEEDED;
export type RunIndexes = Record<RunTable, string>;

/**
 * Makes sure every per-run lookup is served by an index, and names it (`INDEXED BY`): without, SQLite
 * picks the primary key (key, …, run_uuid) and scans a key's rows of every run for each run, which
 * is quadratic. MLflow added run_uuid indexes in 1.x and (run_uuid, key, step) in 3.x; an older
 * database gets the index it lacks in sql.js's in-memory copy (never in the file). Runs before the
 * reader is sealed read-only.
 */
export function ensureRunIndexes(db: MlflowSqlite, label: string): RunIndexes {
  const out = {} as RunIndexes;
  for (const [table, columns] of Object.entries(NEEDED) as [RunTable, readonly string[]][]) {
    const found = findIndex(db, label, table, columns);
    if (found) {
      out[table] = found;
      continue;
    }
    const name = `sextant_import_${table}_${columns.join('_')}`;
    db.exec(label, `CREATE INDEX IF NOT EXISTS "${name}" ON "${table}" (${columns.map((c) => `"${c}"`).join(', ')})`);
    out[table] = name;
  }
  return out;
}

function findIndex(db: MlflowSqlite, label: string, table: string, columns: readonly string[]): string | null {
  for (const [name] of db.all(label, 'SELECT name FROM pragma_index_list(?)', [table])) {
    const cols = db.all(label, 'SELECT name FROM pragma_index_info(?) ORDER BY seqno', [name ?? null]).map((r) => r[0]);
    if (columns.every((c, i) => cols[i] === c)) return String(name);
  }
  return null;
}

export const indexedBy = (name: string) => ` INDEXED BY "${name.replace(/"/g, '""')}"`;
