import { SourceError } from '../import-source';
import type { MlflowSqlite } from './mlflow-sqlite';

/**
 * SQLite's own check of every page and index (`PRAGMA quick_check`), so a damaged database is
 * refused before the importer writes anything (SQLite either lists the problems or, when the
 * damage is in the pages it needs to check, fails outright). What it cannot see (a damaged value
 * that is still well-formed) is left to the reader, which names the item it fails on.
 */
export function checkIntegrity(db: MlflowSqlite, label: string): void {
  let rows: string[];
  try {
    rows = db.all(label, 'PRAGMA quick_check(5)').map((r) => String(r[0]));
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause ?? err;
    throw new SourceError(label, `is damaged (SQLite: ${cause instanceof Error ? cause.message : String(cause)})`);
  }
  if (rows.length === 1 && rows[0] === 'ok') return;
  const problems = rows.flatMap((r) => r.split('\n')).map((l) => l.trim()).filter((l) => l && !l.startsWith('***'));
  throw new SourceError(label, `is damaged (SQLite quick_check: ${problems.slice(0, 3).join('; ')})`);
}
