import { createHash } from 'node:crypto';
import type { Run } from '../../shared/domain/tracking';

const sortedPairs = (list: { key: string; value: unknown }[] | undefined) => (list ?? []).map((p) => [p.key, String(p.value)]).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));

/**
 * A run as runs/search shows it (info, params, tags, the latest value of every metric, dataset
 * inputs), hashed: equal to the one recorded at the last complete pull means nothing a search can
 * see changed, so only the run's files are looked at again (refreshPulledRun: an artifact added to
 * a finished run is not visible in a search). (A point logged below a metric's latest step is not
 * visible there either.)
 */
export function runFingerprint(run: Run): string {
  const i = run.info;
  const shape = {
    info: [i.run_name, i.status, i.start_time ?? null, i.end_time ?? null, i.lifecycle_stage, i.user_id, i.artifact_uri],
    params: sortedPairs(run.data.params),
    tags: sortedPairs(run.data.tags),
    metrics: (run.data.metrics ?? []).map((m) => [m.key, String(m.value), m.timestamp, m.step]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    inputs: (run.inputs?.dataset_inputs ?? []).map((d) => [d.dataset.name, d.dataset.digest]).sort(),
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 32);
}
