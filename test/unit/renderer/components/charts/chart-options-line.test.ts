import { describe, expect, it } from 'vitest';
import { lineChartOption, yBounds } from '../../../../../renderer/components/charts/chart-options-line';
import { type ChartSettings, DEFAULT_SETTINGS, LIGHT_THEME, type RunMeta } from '../../../../../renderer/components/charts/chart-types';
import { metricXLines } from '../../../../../renderer/components/charts/metric-x';
import { plotLines } from '../../../../../renderer/components/charts/plot-lines';
import { makeSeries } from './fixtures';

const runs: RunMeta[] = [
  { id: 'a', name: 'alpha', color: '#111111', startTime: 0 },
  { id: 'b', name: 'beta', color: '#222222', startTime: 2000 },
];
const data = { a: makeSeries('a', 'loss', [4, 3, 2, 1]), b: makeSeries('b', 'loss', [8, 6, 4, 2], { start: 2000 }) };
const build = (patch: Partial<ChartSettings> = {}, zoom: Parameters<typeof lineChartOption>[0]['zoom'] = null) => {
  const settings = { ...DEFAULT_SETTINGS, ...patch };
  const lines = plotLines(runs, data, settings);
  return { lines, option: lineChartOption({ metricKey: 'loss', lines, settings, theme: LIGHT_THEME, zoom }) };
};
type Series = { id: string; color: string; data: [number, number | null][]; lineStyle: { opacity?: number }; showSymbol: boolean };
const seriesOf = (o: unknown) => (o as { series: Series[] }).series;
const axis = (o: unknown, name: 'xAxis' | 'yAxis') => (o as Record<string, Record<string, unknown>>)[name]!;

describe('line chart option', () => {
  it('draws one line per run in its run colour, fast: no animation, no symbols', () => {
    const { option } = build();
    const series = seriesOf(option);
    expect(series.map((s) => [s.id, s.color])).toEqual([['raw:a', '#111111'], ['raw:b', '#222222']]);
    expect(option.animation).toBe(false);
    expect(series.every((s) => s.showSymbol === false)).toBe(true);
    expect(series[0]!.data).toEqual([[0, 4], [1, 3], [2, 2], [3, 1]]);
  });

  it('leaves out runs without points and shows the symbol of a lone point', () => {
    const lines = plotLines(runs, { a: makeSeries('a', 'k', [5]) }, DEFAULT_SETTINGS);
    const series = seriesOf(lineChartOption({ metricKey: 'k', lines, settings: DEFAULT_SETTINGS, theme: LIGHT_THEME, zoom: null }));
    expect(series).toHaveLength(1);
    expect(series[0]!.showSymbol).toBe(true);
  });

  it('with smoothing: a faint raw line under a smoothed one per run', () => {
    const series = seriesOf(build({ smoothing: 0.6 }).option);
    expect(series.map((s) => s.id)).toEqual(['raw:a', 'smooth:a', 'raw:b', 'smooth:b']);
    expect(series[0]!.lineStyle.opacity).toBeLessThan(0.5);
    expect(series[1]!.data[0]![1]).toBeCloseTo(4);
    expect(series[1]!.data[3]![1]).toBeGreaterThan(1); // lags behind the falling raw line
  });

  it('switches the x-axis between step, wall time and relative time', () => {
    expect(axis(build().option, 'xAxis').type).toBe('value');
    const wall = build({ xMode: 'wall' });
    expect(axis(wall.option, 'xAxis').type).toBe('time');
    expect(seriesOf(wall.option)[1]!.data[0]![0]).toBe(2000);
    const rel = build({ xMode: 'relative' });
    expect(seriesOf(rel.option)[1]!.data.map((p) => p[0])).toEqual([0, 1, 2, 3]); // run b started at 2000 ms
    const fmt = (axis(rel.option, 'xAxis').axisLabel as { formatter: (v: number) => string }).formatter;
    expect(fmt(125)).toBe('2m 05s');
  });

  it('uses a log y-axis and drops values it cannot show', () => {
    const lines = plotLines(runs, { a: makeSeries('a', 'k', [1, 0, -1, 10]) }, { ...DEFAULT_SETTINGS, logY: true });
    const option = lineChartOption({ metricKey: 'k', lines, settings: { ...DEFAULT_SETTINGS, logY: true }, theme: LIGHT_THEME, zoom: null });
    expect(axis(option, 'yAxis').type).toBe('log');
    expect(seriesOf(option)[0]!.data.map((p) => p[1])).toEqual([1, null, null, 10]);
  });

  it('clips the y-axis to the 1st–99th percentile when ignoring outliers', () => {
    const values = [...Array.from({ length: 200 }, (_, i) => i % 5), 10_000];
    const lines = plotLines(runs, { a: makeSeries('a', 'k', values) }, DEFAULT_SETTINGS);
    const settings = { ...DEFAULT_SETTINGS, ignoreOutliers: true };
    const y = axis(lineChartOption({ metricKey: 'k', lines, settings, theme: LIGHT_THEME, zoom: null }), 'yAxis');
    expect(y.max).toBeLessThan(10);
    expect(y.min).toBeLessThanOrEqual(0);
    expect(axis(lineChartOption({ metricKey: 'k', lines, settings: DEFAULT_SETTINGS, theme: LIGHT_THEME, zoom: null }), 'yAxis').max).toBeUndefined();
  });

  it('keeps the zoom window in the option and fits y to the values inside it', () => {
    const zoom = { x: [1, 2] as [number, number], steps: [0, 3] as [number, number] };
    const { option, lines } = build({}, zoom);
    const dz = option.dataZoom as { id: string; startValue: number; endValue: number }[];
    expect(dz.map((d) => [d.startValue, d.endValue])).toEqual([[1, 2], [1, 2]]);
    expect(new Set(dz.map((d) => d.id)).size).toBe(2);
    const y = yBounds(lines, DEFAULT_SETTINGS, zoom)!;
    expect(y.min).toBeGreaterThan(1.5); // values at x 1–2: 3, 2, 6, 4
    expect(y.max).toBeLessThan(6.5);
  });

  it('for export: no slider or tooltip, the zoom window as the axis range, a solid background', () => {
    const zoom = { x: [1, 2] as [number, number], steps: [0, 3] as [number, number] };
    const settings = DEFAULT_SETTINGS;
    const option = lineChartOption({ metricKey: 'loss', lines: plotLines(runs, data, settings), settings, theme: LIGHT_THEME, zoom, forExport: true });
    expect(option.dataZoom).toBeUndefined();
    expect(option.tooltip).toBeUndefined();
    expect([axis(option, 'xAxis').min, axis(option, 'xAxis').max]).toEqual([1, 2]);
    expect(option.backgroundColor).toBe(LIGHT_THEME.bg);
  });

  it('has a tooltip formatter that escapes run names', () => {
    const evil: RunMeta[] = [{ id: 'a', name: '<img src=x onerror=alert(1)>', color: '#111' }];
    const lines = plotLines(evil, { a: makeSeries('a', 'k', [1, 2]) }, DEFAULT_SETTINGS);
    const option = lineChartOption({ metricKey: 'k', lines, settings: DEFAULT_SETTINGS, theme: LIGHT_THEME, zoom: null });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([{ seriesId: 'raw:a', value: [1, 2], axisValue: 1 }]);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('keeps step ticks whole: a lone point at step 0 gets no 0.2, 0.4, …', () => {
    const lines = plotLines(runs, { a: makeSeries('a', 'k', [5]) }, DEFAULT_SETTINGS);
    const option = lineChartOption({ metricKey: 'k', lines, settings: DEFAULT_SETTINGS, theme: LIGHT_THEME, zoom: null });
    expect(axis(option, 'xAxis').minInterval).toBe(1);
    expect([axis(option, 'xAxis').min, axis(option, 'xAxis').max]).toEqual([-1, 1]); // the point centred, its step labelled
    expect(axis(build().option, 'xAxis').min).toBe('dataMin');
    // the y-axis stays at the left edge, not at x = 0 inside that range
    expect((axis(option, 'yAxis').axisLine as { onZero?: boolean }).onZero).toBe(false);
    expect(axis(build({ xMode: 'relative' }).option, 'xAxis').minInterval).toBeUndefined(); // seconds may be fractional
  });

  it('leaves the title on screen to the HTML header, and cuts a long one in exports with an ellipsis', () => {
    expect(build().option.title).toBeUndefined(); // echarts would draw it under the PNG/SVG/CSV buttons
    const metricKey = `eval/${'very_long_metric_name_'.repeat(8)}`;
    const settings = DEFAULT_SETTINGS;
    const option = lineChartOption({ metricKey, lines: plotLines(runs, data, settings), settings, theme: LIGHT_THEME, zoom: null, forExport: true, width: 420 });
    const title = option.title as { text: string; textStyle: { width: number; overflow: string; ellipsis: string } };
    expect(title.text).toBe(metricKey);
    expect(title.textStyle).toMatchObject({ overflow: 'truncate', ellipsis: '…' });
    expect(title.textStyle.width).toBeLessThan(420);
  });

  it('against another metric: a value x-axis named by it, points to hover, a tooltip naming run, step and both values', () => {
    const acc = { a: makeSeries('a', 'acc', [0.1, 0.2, 0.3, 0.4]) };
    const lines = metricXLines(runs, acc, data, DEFAULT_SETTINGS);
    const option = lineChartOption({ metricKey: 'panel-1', lines, settings: DEFAULT_SETTINGS, theme: LIGHT_THEME, zoom: null, xMetric: 'acc' });
    expect(axis(option, 'xAxis')).toMatchObject({ type: 'value', name: 'acc' });
    expect(seriesOf(option).map((s) => [s.id, s.showSymbol])).toEqual([['raw:a', true]]);
    expect(seriesOf(option)[0]!.data).toEqual([[0.1, 4], [0.2, 3], [0.3, 2], [0.4, 1]]);
    const tooltip = option.tooltip as { trigger: string; formatter: (p: unknown) => string };
    expect(tooltip.trigger).toBe('item');
    expect(tooltip.formatter({ seriesId: 'raw:a', dataIndex: 2 })).toBe('<b>alpha</b><br>Step 2<br>acc: 0.3<br>value: 2');
  });
});
