import type { Run } from '../../shared/domain/tracking';

/**
 * The names under which chart choices are kept: one per experiment's Charts tab, per run page,
 * per set of compared runs (in any order).
 */
export const experimentChartScope = (experimentId: string) => `experiment:${experimentId}`;
export const runChartScope = (runId: string) => `run:${runId}`;
export const compareChartScope = (runIds: readonly string[]) => `compare:${[...new Set(runIds)].sort().join(',')}`;

/** For charts whose page names no scope: the experiment when every run is of the same one, else the set of runs. */
export function defaultChartScope(runs: readonly Run[]): string {
  const experiments = new Set(runs.map((r) => r.info.experiment_id));
  const [only] = experiments;
  return experiments.size === 1 && only ? experimentChartScope(only) : compareChartScope(runs.map((r) => r.info.run_id));
}

/** The experiment an experiment's scope names, or null for any other scope. */
export function experimentOfScope(scope: string): string | null {
  return scope.startsWith('experiment:') && scope.length > 'experiment:'.length ? scope.slice('experiment:'.length) : null;
}
