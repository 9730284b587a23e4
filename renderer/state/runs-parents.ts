import type { RunRecord } from '../components/runs-table/run-values';

/** The ids of the runs that have runs nested under them, among these runs. */
export function parentRunIds(runs: readonly Pick<RunRecord, 'id' | 'parentId'>[]): Set<string> {
  const present = new Set(runs.map((r) => r.id));
  const out = new Set<string>();
  for (const r of runs) {
    const parent = r.parentId;
    if (parent !== null && parent !== r.id && present.has(parent)) out.add(parent);
  }
  return out;
}
