import type { Run } from '../../shared/domain/tracking';

const PARENT_TAG = 'mlflow.parentRunId';

/** The ids of the runs that have runs nested under them, among these runs. */
export function parentRunIds(runs: readonly Run[]): Set<string> {
  const present = new Set(runs.map((r) => r.info.run_id));
  const out = new Set<string>();
  for (const r of runs) {
    const parent = r.data.tags?.find((t) => t.key === PARENT_TAG)?.value;
    if (parent !== undefined && parent !== r.info.run_id && present.has(parent)) out.add(parent);
  }
  return out;
}
