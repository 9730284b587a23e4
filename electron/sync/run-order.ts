import type { Database } from '../store/database';

/**
 * The runs of an experiment (deleted ones too), each parent before the runs nested under it
 * (through `mlflow.parentRunId`), otherwise by start time.
 */
export function runsParentsFirst(db: Database, experimentId: string): string[] {
  const rows = db.all<{ run_id: string; parent: string | null }>(
    `SELECT r.run_id, t.value AS parent FROM runs r
       LEFT JOIN tags t ON t.run_id = r.run_id AND t.key = 'mlflow.parentRunId'
      WHERE r.experiment_id = ? ORDER BY r.start_time, r.run_id`,
    [experimentId],
  );
  const children = new Map<string, string[]>();
  const ids = new Set(rows.map((r) => r.run_id));
  const roots: string[] = [];
  for (const r of rows) {
    if (r.parent && ids.has(r.parent) && r.parent !== r.run_id) (children.get(r.parent) ?? children.set(r.parent, []).get(r.parent)!).push(r.run_id);
    else roots.push(r.run_id);
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return; // a cycle of parent tags: each run once
    seen.add(id);
    out.push(id);
    for (const c of children.get(id) ?? []) visit(c);
  };
  for (const id of roots) visit(id);
  for (const r of rows) visit(r.run_id); // runs only on a cycle
  return out;
}
