import type { LineSeriesOption } from 'echarts/charts';
import type { LineChartOption, ChartSettings, ChartTheme, ZoomWindow } from './chart-types';
import { axisValueOf, lineTooltip, rawId, smoothId } from './chart-tooltip';
import { zoomIds } from './chart-zoom';
import { type PlotLine, valuesInWindow } from './plot-lines';
import { formatDuration, formatValue, outlierBounds } from './series-math';

export interface LineChartInput {
  metricKey: string;
  lines: PlotLine[];
  settings: ChartSettings;
  theme: ChartTheme;
  zoom: ZoomWindow | null;
  /** For PNG/SVG files: no slider, no tooltip, the zoom window as the axis range. */
  forExport?: boolean;
}

/** Padding around a y-range; multiplicative on a log axis. */
function pad(min: number, max: number, logY: boolean): { min: number; max: number } {
  if (logY) return { min: min / 1.1, max: max * 1.1 };
  const span = max - min || Math.abs(max) || 1;
  return { min: min - span * 0.05, max: max + span * 0.05 };
}

/**
 * The y-range: the 1st–99th percentile when ignoring outliers, the values in the zoom window
 * when zoomed (the axis follows the zoom), otherwise null and echarts fits all the data.
 */
export function yBounds(lines: readonly PlotLine[], settings: ChartSettings, zoom: ZoomWindow | null): { min: number; max: number } | null {
  const values = valuesInWindow(lines, zoom?.x ?? null);
  if (settings.ignoreOutliers) {
    const b = outlierBounds(values, settings.logY);
    return b && pad(b.min, b.max, settings.logY);
  }
  if (!zoom || values.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return pad(min, max, settings.logY);
}

const pairs = (x: number[], y: (number | null)[]) => x.map((xi, i) => [xi, y[i] ?? null]);

function seriesFor(line: PlotLine): LineSeriesOption[] {
  const single = line.x.length === 1; // a lone point needs its symbol to be seen
  const base: LineSeriesOption = {
    type: 'line',
    name: line.run.name,
    showSymbol: single,
    symbolSize: 5,
    connectNulls: false,
    color: line.run.color,
    emphasis: { disabled: true },
  };
  const raw: LineSeriesOption = { ...base, id: rawId(line.run.id), data: pairs(line.x, line.raw) as LineSeriesOption['data'] };
  if (!line.smooth) return [{ ...raw, lineStyle: { width: 1.5 } }];
  return [
    { ...raw, lineStyle: { width: 1, opacity: 0.25 }, z: 1 },
    { ...base, id: smoothId(line.run.id), data: pairs(line.x, line.smooth) as LineSeriesOption['data'], lineStyle: { width: 1.75 }, z: 2 },
  ];
}

function xAxis(input: LineChartInput): LineChartOption['xAxis'] {
  const { settings, theme, zoom, forExport } = input;
  const range = forExport && zoom ? { min: zoom.x[0], max: zoom.x[1] } : { min: 'dataMin' as const, max: 'dataMax' as const };
  const common = {
    ...range,
    axisLine: { lineStyle: { color: theme.border } },
    // the axis spans the data (or the zoom window) exactly; its edges are arbitrary numbers: label only the nice ticks
    axisLabel: { color: theme.muted, hideOverlap: true, showMinLabel: false, showMaxLabel: false },
    splitLine: { show: false },
  };
  if (settings.xMode === 'wall') return { type: 'time', ...common };
  const formatter = settings.xMode === 'relative' ? (v: number) => formatDuration(v) : (v: number) => formatValue(v);
  return { type: 'value', ...common, axisLabel: { ...common.axisLabel, formatter } };
}

/** One metric's chart: a line per run in its run colour, drawn as fast as echarts can (no animation, no symbols). */
export function lineChartOption(input: LineChartInput): LineChartOption {
  const { metricKey, lines, settings, theme, zoom, forExport } = input;
  const y = yBounds(lines, settings, zoom);
  const option: LineChartOption = {
    animation: false,
    backgroundColor: forExport ? theme.bg : 'transparent',
    textStyle: { color: theme.fg },
    title: { text: metricKey, left: 8, top: 4, textStyle: { fontSize: 12, fontWeight: 600, color: theme.fg } },
    grid: { left: 8, right: 20, top: 30, bottom: forExport ? 8 : 34, containLabel: true },
    xAxis: xAxis(input),
    yAxis: {
      type: settings.logY ? 'log' : 'value',
      scale: true,
      ...(y ?? {}),
      axisLine: { show: false },
      axisLabel: { color: theme.muted, formatter: (v: number) => formatValue(Number(v.toPrecision(4))), ...(y ? { showMinLabel: false, showMaxLabel: false } : {}) },
      splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
    },
    series: lines.flatMap(seriesFor),
  };
  if (forExport) return option;
  const window = zoom ? { startValue: zoom.x[0], endValue: zoom.x[1] } : { start: 0, end: 100 };
  option.tooltip = {
    trigger: 'axis',
    confine: true,
    backgroundColor: theme.raised,
    borderColor: theme.border,
    textStyle: { color: theme.fg, fontSize: 12 },
    axisPointer: { type: 'line', lineStyle: { color: theme.muted } },
    formatter: (params: unknown) => lineTooltip(axisValueOf(params), lines, settings.xMode),
  };
  // Ids unique per chart: echarts.connect then links hovering but leaves each chart's zoom its own.
  const [insideId, sliderId] = zoomIds(metricKey);
  option.dataZoom = [
    { type: 'inside', id: insideId, xAxisIndex: 0, filterMode: 'none', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false, moveOnMouseMove: true, ...window },
    {
      type: 'slider',
      id: sliderId,
      xAxisIndex: 0,
      filterMode: 'none',
      height: 16,
      bottom: 6,
      showDetail: false,
      showDataShadow: false,
      brushSelect: true,
      borderColor: theme.border,
      fillerColor: 'rgba(110,162,245,0.18)',
      ...window,
    },
  ];
  return option;
}
