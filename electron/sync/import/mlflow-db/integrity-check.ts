import { SourceError } from '../import-source';
import type { MlflowSqlite } from './mlflow-sqlite';

/**
 * SQLite's own check of every page and index (`PRAGMA quick_check`), so a damaged database is
 * refused before the importer writes anything. What it cannot see (a damaged value that is still
 * well-formed) is left to the reader, which names the item it fails on.
 */
export function checkIntegrity(db: MlflowSqlite, label: string): void {
  const problems = db.all(label, 'PRAGMA quick_check(5)').map((r) => String(r[0]));
  if (problems.length === 1 && problems[0] === 'ok') return;
  throw new SourceError(label, `is damaged (SQLite quick_check: ${problems.join('; ')})`);
}
