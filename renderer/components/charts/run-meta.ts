import type { Run } from '../../../shared/domain/tracking';
import { runColor } from '../run-colors/run-colors';
import type { RunMeta } from './chart-types';

/** What a chart shows of a run: id, a name (the short id when unnamed), its colour, its start. */
export function runMeta(run: Run): RunMeta {
  const id = run.info.run_id;
  return { id, name: run.info.run_name || id.slice(0, 8), color: runColor(id), startTime: run.info.start_time };
}
