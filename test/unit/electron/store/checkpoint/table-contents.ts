import type { Database as SqlJsDatabase, SqlValue } from 'sql.js';

/** Every table's rows as sorted JSON lines (order-insensitive: a mirror may store rows in another order). */
export function tableContents(db: SqlJsDatabase): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]?.values ?? [];
  for (const [name] of tables) {
    const res = db.exec(`SELECT * FROM "${String(name)}"`)[0];
    out[String(name)] = (res?.values ?? []).map((row: SqlValue[]) => JSON.stringify(row.map((v) => (v instanceof Uint8Array ? Array.from(v) : v)))).sort();
  }
  return out;
}

/** The schema (tables, indexes), so a mirror that missed a migration is caught too. */
export function schema(db: SqlJsDatabase): string[] {
  return (db.exec('SELECT type, name, sql FROM sqlite_master ORDER BY type, name')[0]?.values ?? []).map((r) => JSON.stringify(r));
}
