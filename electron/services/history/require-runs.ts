import { notFound } from '../../../shared/domain/mlflow-error';
import type { Database } from '../../store/database';

/** Runs per statement (well inside SQLite's parameter limit). */
const CHUNK = 500;

/**
 * Checks that every run exists, as `requireRun` for each in turn would (each id checked by
 * `validate`, then the first missing one refused with the same error), with one statement per
 * 500 runs instead of one per run.
 */
export function requireRuns(db: Database, runIds: readonly string[], validate: (runId: string) => string): void {
  const found = new Set<string>();
  for (let i = 0; i < runIds.length; i += CHUNK) {
    const chunk = runIds.slice(i, i + CHUNK);
    for (const id of db.column<string>(`SELECT run_id FROM runs WHERE run_id IN (${chunk.map(() => '?').join(',')})`, chunk)) found.add(id);
  }
  for (const runId of runIds) {
    validate(runId);
    if (!found.has(runId)) throw notFound(`Run with id=${runId} not found`);
  }
}
