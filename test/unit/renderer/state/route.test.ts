import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../../../../renderer/state/route';

describe('routes', () => {
  const routes: Route[] = [
    { page: 'home' },
    { page: 'experiment', experimentId: '12' },
    { page: 'experiment', experimentId: '12', view: { filterText: 'metrics.a > 1', sort: { columnId: 'metrics.a', desc: true }, columns: null, groupBy: 'params.optimizer', statusFilter: null, lifecycle: 'all', flat: false, selected: ['r1', 'r2'], expanded: ['p1'] } },
    { page: 'run', runId: 'abc' },
    { page: 'compare', runIds: ['a', 'b'] },
    { page: 'models' },
    { page: 'model', name: 'my model/with,odd chars' },
    { page: 'version', name: 'm', version: '3' },
    { page: 'compareVersions', name: 'm', versions: ['1', '2'] },
    { page: 'loggedModel', modelId: 'm-0123abcd' },
    { page: 'store' },
  ];

  it.each(routes)('round-trips %j through the URL hash', (route) => {
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('opens the run of a link an MLflow client printed', () => {
    expect(parseRoute('#/experiments/5/runs/0123abcd')).toEqual({ page: 'run', runId: '0123abcd' });
  });

  it('reads the runs view after the experiment, and still opens MLflow run links with a query', () => {
    const route = parseRoute('#/experiments/7?q=metrics.a%20%3E%201&sel=r1,r2');
    expect(route).toMatchObject({ page: 'experiment', experimentId: '7', view: { filterText: 'metrics.a > 1', selected: ['r1', 'r2'], sort: null } });
    expect(parseRoute('#/experiments/7?unknown=1')).toEqual({ page: 'experiment', experimentId: '7' });
    expect(parseRoute('#/experiments/7/runs/abc?x=1')).toEqual({ page: 'run', runId: 'abc' });
    expect(parseRoute('#/experiments/7?q=%E0%A4%A')).toEqual({ page: 'experiment', experimentId: '7', view: expect.objectContaining({ filterText: '' }) });
  });

  it('falls back to home for anything it does not know', () => {
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#/nope/1')).toEqual({ page: 'home' });
    expect(parseRoute('#token=abc')).toEqual({ page: 'home' });
  });

  it('keeps a segment with malformed escapes as it is instead of throwing', () => {
    expect(() => parseRoute('#/runs/%E0%A4%A')).not.toThrow();
    expect(parseRoute('#/runs/%E0%A4%A')).toEqual({ page: 'run', runId: '%E0%A4%A' });
    expect(parseRoute('#/models/%/versions/%E0%A4%A8')).toEqual({ page: 'version', name: '%', version: '\u0928' });
    expect(parseRoute('#/%E0%A4%A')).toEqual({ page: 'home' });
  });
});
