import { describe, expect, it } from 'vitest';
import { barChartOption } from '../../../../../renderer/components/charts/chart-options-bar';
import { LIGHT_THEME } from '../../../../../renderer/components/charts/chart-types';
import { singleValueBars } from '../../../../../renderer/components/charts/single-value';
import { makeSeries } from './fixtures';

const runs = [{ id: 'a', name: 'run a', color: '#aa0000' }, { id: 'b', name: 'run b', color: '#00bb00' }, { id: 'c', name: 'run c', color: '#0000cc' }];

describe('single-value metrics', () => {
  it('is a bar per run when every run with the metric logged it once', () => {
    const bars = singleValueBars(runs, { a: makeSeries('a', 'test_acc', [0.9]), c: makeSeries('c', 'test_acc', [null]) });
    expect(bars?.map((b) => [b.run.id, b.value])).toEqual([['a', 0.9], ['c', null]]);
  });

  it('is not when a run logged it more than once (even if downsampled to one point), or none did', () => {
    expect(singleValueBars(runs, { a: makeSeries('a', 'm', [1]), b: makeSeries('b', 'm', [1, 2]) })).toBeNull();
    expect(singleValueBars(runs, { a: { ...makeSeries('a', 'm', [1]), total: 50 } })).toBeNull();
    expect(singleValueBars(runs, {})).toBeNull();
  });

  it('draws the bars in the run colours, named by run', () => {
    const bars = singleValueBars(runs, { a: makeSeries('a', 'm', [2]), b: makeSeries('b', 'm', [3]) })!;
    const option = barChartOption({ metricKey: 'm', bars, theme: LIGHT_THEME, logY: false });
    const series = (option.series as { type: string; data: { value: number; itemStyle: { color: string } }[] }[])[0]!;
    expect(series.type).toBe('bar');
    expect(series.data.map((d) => [d.value, d.itemStyle.color])).toEqual([[2, '#aa0000'], [3, '#00bb00']]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['run a', 'run b']);
  });
});
