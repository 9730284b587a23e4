import { SourceError } from '../import-source';
import type { MlflowSqlite } from './mlflow-sqlite';

/**
 * SQLite's own check of every page and index (`PRAGMA quick_check`), so a damaged database is
 * refused before the importer writes anything. What it cannot see (a damaged value that is still
 * well-formed) is left to the reader, which names the item it fails on.
 */
export function checkIntegrity(db: MlflowSqlite, label: string): void {
  const rows = db.all(label, 'PRAGMA quick_check(5)').map((r) => String(r[0]));
  if (rows.length === 1 && rows[0] === 'ok') return;
  const problems = rows.flatMap((r) => r.split('\n')).map((l) => l.trim()).filter((l) => l && !l.startsWith('***'));
  throw new SourceError(label, `is damaged (SQLite quick_check: ${problems.slice(0, 3).join('; ')})`);
}
