import type { MetricSeries } from '../../../shared/ipc/contract-types';
import type { RunMeta } from './chart-types';

/** One run's only value of a metric: a bar. null for NaN/Inf. */
export interface SingleValueBar {
  run: RunMeta;
  value: number | null;
}

/**
 * The bars of a metric every charted run with it logged exactly once (a final score, a test
 * accuracy), in run order; null when some run logged it more than once, or none logged it.
 */
export function singleValueBars(runs: readonly RunMeta[], lines: Record<string, MetricSeries | undefined>): SingleValueBar[] | null {
  const bars: SingleValueBar[] = [];
  for (const run of runs) {
    const line = lines[run.id];
    if (!line || line.steps.length === 0) continue;
    if (line.total !== 1 || line.steps.length !== 1) return null;
    const v = line.values[0];
    bars.push({ run, value: v === null || v === undefined || !Number.isFinite(v) ? null : v });
  }
  return bars.length ? bars : null;
}
