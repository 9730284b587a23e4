import { describe, expect, it } from 'vitest';
import { compareChartScope, defaultChartScope, experimentChartScope, experimentOfScope, runChartScope } from '../../../../renderer/state/chart-scopes';
import { makeRun } from '../components/charts/fixtures';

const inExperiment = (id: string, experimentId: string) => {
  const run = makeRun(id);
  return { ...run, info: { ...run.info, experiment_id: experimentId } };
};

describe('chart scopes', () => {
  it('names experiments, runs and compare sets apart; a compare set in any order is one scope', () => {
    const scopes = [experimentChartScope('1'), runChartScope('1'), compareChartScope(['1'])];
    expect(new Set(scopes).size).toBe(3);
    expect(compareChartScope(['b', 'a', 'b'])).toBe(compareChartScope(['a', 'b']));
  });

  it('defaults to the experiment when every run is of one, else to the set of runs', () => {
    expect(defaultChartScope([inExperiment('a', '7'), inExperiment('b', '7')])).toBe(experimentChartScope('7'));
    expect(defaultChartScope([inExperiment('b', '7'), inExperiment('a', '8')])).toBe(compareChartScope(['a', 'b']));
  });

  it('reads the experiment back from its scope, and nothing from other scopes', () => {
    expect(experimentOfScope(experimentChartScope('42'))).toBe('42');
    expect(experimentOfScope(runChartScope('42'))).toBeNull();
    expect(experimentOfScope('experiment:')).toBeNull();
  });
});
