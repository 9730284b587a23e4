import { describe, expect, it } from 'vitest';
import { defaultScatterFields, scatterOption, scatterPoints } from '../../../../../renderer/components/charts/chart-options-scatter';
import { LIGHT_THEME } from '../../../../../renderer/components/charts/chart-types';
import { runColor } from '../../../../../renderer/components/run-colors';
import { makeRun } from './fixtures';

const runs = [
  makeRun('a', { name: '<script>x</script>', params: { lr: '0.1', opt: 'adam' }, metrics: { loss: 1 } }),
  makeRun('b', { params: { lr: '0.01', opt: 'sgd' }, metrics: { loss: 2 } }),
  makeRun('c', { params: { opt: 'sgd' }, metrics: { loss: 3 } }),
];
const lr = { kind: 'param' as const, key: 'lr' };
const loss = { kind: 'metric' as const, key: 'loss' };
const opt = { kind: 'param' as const, key: 'opt' };

describe('scatter plot', () => {
  it('puts one dot per run that has both values, in its run colour', () => {
    const { points, missing } = scatterPoints(runs, lr, loss);
    expect(points.map((p) => [p.run.id, p.x, p.y])).toEqual([['a', 0.1, 1], ['b', 0.01, 2]]);
    expect(missing).toBe(1);
    const option = scatterOption({ runs, x: lr, y: loss, theme: LIGHT_THEME });
    const data = (option.series as { data: { itemStyle: { color: string } }[] }[])[0]!.data;
    expect(data.map((d) => d.itemStyle.color)).toEqual([runColor('a'), runColor('b')]);
    expect((option.xAxis as { type: string }).type).toBe('value');
  });

  it('uses a category axis for text values', () => {
    const option = scatterOption({ runs, x: opt, y: loss, theme: LIGHT_THEME });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['adam', 'sgd'] });
  });

  it('cuts long axis names instead of squeezing the plot for them', () => {
    const option = scatterOption({ runs, x: lr, y: loss, theme: LIGHT_THEME });
    for (const a of [option.xAxis, option.yAxis] as { nameTruncate?: { maxWidth: number } }[]) expect(a.nameTruncate?.maxWidth).toBeGreaterThan(0);
  });

  it('escapes names in the tooltip', () => {
    const option = scatterOption({ runs, x: lr, y: loss, theme: LIGHT_THEME });
    const html = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ dataIndex: 0 });
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
  });
});

describe('scatter defaults', () => {
  it('puts a differing param on x and the metric most runs have on y', () => {
    const withNan = [
      makeRun('a', { params: { seed: '1', lr: '0.1' }, metrics: { acc: 0.5, mostly_nan: 'NaN', 'system/cpu': 3 } }),
      makeRun('b', { params: { seed: '1', lr: '0.2' }, metrics: { acc: 0.7, 'system/cpu': 4 } }),
    ];
    const d = defaultScatterFields(withNan)!;
    expect(d.x).toEqual({ kind: 'param', key: 'lr' });
    expect(d.y).toEqual({ kind: 'metric', key: 'acc' });
    expect(defaultScatterFields([])).toBeNull();
  });
});
