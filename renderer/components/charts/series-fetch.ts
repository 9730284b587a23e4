import type { MetricSeries } from '../../../shared/ipc/contract-types';
import type { Client } from '../../api/client';

/** The contract's limit on runs per `metrics.series` call. */
export const RUNS_PER_CALL = 100;

/**
 * One metric's lines for many runs, asked for in calls of at most 100 runs, downsampled in main
 * to about `maxPoints` points each, cut to a step range when one is given.
 */
export async function fetchSeries(
  api: Client,
  key: string,
  runIds: readonly string[],
  maxPoints: number,
  steps?: [number, number],
): Promise<Record<string, MetricSeries>> {
  const calls: Promise<MetricSeries[]>[] = [];
  for (let i = 0; i < runIds.length; i += RUNS_PER_CALL) {
    const input = { runIds: runIds.slice(i, i + RUNS_PER_CALL), key, maxPoints, ...(steps ? { minStep: steps[0], maxStep: steps[1] } : {}) };
    calls.push(api.call('metrics.series', input));
  }
  const out: Record<string, MetricSeries> = {};
  for (const list of await Promise.all(calls)) for (const s of list) out[s.runId] = s;
  return out;
}

/** Points to ask for a chart this many pixels wide: about two per pixel, within the contract's bounds. */
export function pointsFor(widthPx: number): number {
  return Math.min(100_000, Math.max(200, Math.round((widthPx * 2) / 100) * 100));
}
