import { describe, expect, it } from 'vitest';
import { axisPlan, defaultScatterFields, jitterOf, samePlace, scatterOption, scatterPoints } from '../../../../../renderer/components/charts/chart-options-scatter';
import { LIGHT_THEME } from '../../../../../renderer/components/charts/chart-types';
import { runColor } from '../../../../../renderer/components/run-colors/run-colors';
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

  it('spreads runs around their category on a text x-axis, the same way every time', () => {
    const option = scatterOption({ runs, x: opt, y: loss, theme: LIGHT_THEME });
    const xAxis = option.xAxis as { type: string; min: number; max: number; axisLabel: { formatter: (v: number) => string } };
    expect(xAxis).toMatchObject({ type: 'value', min: -0.5, max: 1.5 });
    expect([0, 1, 0.5].map(xAxis.axisLabel.formatter)).toEqual(['adam', 'sgd', '']);
    const xs = (option.series as { data: { value: number[] }[] }[])[0]!.data.map((d) => d.value[0]!);
    expect(xs[0]).toBeCloseTo(jitterOf('a'));
    expect(xs[1]).toBeCloseTo(1 + jitterOf('b'));
    expect(xs[1]).not.toBe(xs[2]); // b and c share "sgd" but not a place
    expect(Math.abs(jitterOf('b'))).toBeLessThanOrEqual(0.25);
    expect(jitterOf('b')).toBe(jitterOf('b'));
  });

  it('uses a log x-axis for values spanning orders of magnitude, and a y category axis for text', () => {
    const wide = [1e-5, 1e-3, 0.2].map((v, i) => makeRun(`w${i}`, { params: { lr: String(v), opt: i ? 'sgd' : 'adam' }, metrics: { loss: i } }));
    const option = scatterOption({ runs: wide, x: lr, y: opt, theme: LIGHT_THEME });
    expect((option.xAxis as { type: string }).type).toBe('log');
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['adam', 'sgd'] });
    expect(axisPlan(true, [1, 2, 50])).toEqual({ kind: 'value', categories: [] });
  });

  it('draws dots see-through with an outline, and lists every run at a shared place in the tooltip', () => {
    const same = ['p', 'q', 'r'].map((id, i) => makeRun(id, { name: `run ${id}`, params: { lr: i < 2 ? '0.1' : '0.2' }, metrics: { loss: i < 2 ? 1 : 2 } }));
    const option = scatterOption({ runs: same, x: lr, y: loss, theme: LIGHT_THEME });
    const style = (option.series as { data: { itemStyle: { opacity: number; borderWidth: number } }[] }[])[0]!.data[0]!.itemStyle;
    expect(style.opacity).toBeLessThan(1);
    expect(style.borderWidth).toBeGreaterThan(0);
    const html = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ dataIndex: 1 });
    expect(html).toContain('2 runs here');
    expect(html).toContain('run p');
    expect(html).toContain('run q');
    expect(html).not.toContain('run r');
    expect(samePlace(scatterPoints(same, lr, loss).points).map((g) => g.length)).toEqual([2, 2, 1]);
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

  it('prefers a numeric varying param on x and the sorted metric on y', () => {
    const sweep = [
      makeRun('a', { params: { optimizer: 'adam', lr: '0.1', seed: '1' }, metrics: { acc: 0.5, val_loss: 2 } }),
      makeRun('b', { params: { optimizer: 'sgd', lr: '0.001', seed: '1' }, metrics: { acc: 0.7, val_loss: 1 } }),
    ];
    expect(defaultScatterFields(sweep, 'val_loss')).toEqual({ x: { kind: 'param', key: 'lr' }, y: { kind: 'metric', key: 'val_loss' } });
    expect(defaultScatterFields(sweep)!.y).toEqual({ kind: 'metric', key: 'acc' });
  });
});
