import { createHash } from 'node:crypto';
import { text } from './sql-values';
import type { MlflowSqlite } from './mlflow-sqlite';

/**
 * Names the database by what its first writes recorded and later writes do not change: the
 * default experiment's creation time and the oldest run (by start time, then id). A copy of the
 * file, or the same database after MLflow logged more, has the same identity; its path does not
 * count.
 */
export function dbIdentity(db: MlflowSqlite, hasCreationTime: boolean): string {
  const first = db.all('experiments', `SELECT experiment_id, name, ${hasCreationTime ? 'creation_time' : 'NULL'} FROM experiments ORDER BY experiment_id LIMIT 1`)[0] ?? [];
  const run = db.all('runs', 'SELECT run_uuid FROM runs ORDER BY start_time, run_uuid LIMIT 1').map((r) => text(r[0]));
  const hash = createHash('sha256').update(JSON.stringify([first.map(text), run])).digest('hex');
  return `mlflow-db:${hash.slice(0, 32)}`;
}
