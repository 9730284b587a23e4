import type { LineSeriesOption } from 'echarts/charts';
import type { LineChartOption, ChartSettings, ChartTheme, ZoomWindow } from './chart-types';
import { axisValueOf, lineTooltip, rawId, smoothId, tooltipStyle } from './chart-tooltip';
import { zoomIds } from './chart-zoom';
import { type PlotLine, valuesInWindow } from './plot-lines';
import { compactNumber } from './compact-number';
import { escapeHtml } from './escape-html';
import { formatDuration, formatValue, outlierBounds } from './series-math';

/** A point of a chart against another metric: the run, the step, both values. */
function metricXTooltip(params: unknown, lines: readonly PlotLine[], xMetric: string): string {
  const p = params as { seriesId?: string; dataIndex?: number; value?: unknown };
  const line = lines.find((l) => p.seriesId?.endsWith(`:${l.run.id}`));
  const i = p.dataIndex ?? -1;
  if (!line || i < 0 || i >= line.x.length) return '';
  return `<b>${escapeHtml(line.run.name)}</b><br>Step ${escapeHtml(formatValue(line.steps[i]!))}<br>${escapeHtml(xMetric)}: ${escapeHtml(formatValue(line.x[i]!))}<br>value: ${escapeHtml(formatValue(line.raw[i] ?? null))}`;
}

export interface LineChartInput {
  metricKey: string;
  lines: PlotLine[];
  settings: ChartSettings;
  theme: ChartTheme;
  zoom: ZoomWindow | null;
  /** For PNG/SVG files: the metric key as title, no slider, no tooltip, the zoom window as the axis range. */
  forExport?: boolean;
  /** The chart's width in px: an exported title longer than that is cut with an ellipsis. */
  width?: number;
  /** x is this metric's value at each point's step (see metric-x.ts), not the x mode. */
  xMetric?: string;
}

const TITLE_LEFT = 8;

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
  const type = line.run.lineType ?? 'solid';
  if (!line.smooth) return [{ ...raw, lineStyle: { width: 1.5, type } }];
  return [
    { ...raw, lineStyle: { width: 1, opacity: 0.25, type }, z: 1 },
    { ...base, id: smoothId(line.run.id), data: pairs(line.x, line.smooth) as LineSeriesOption['data'], lineStyle: { width: 1.75, type }, z: 2 },
  ];
}

/**
 * The title of an exported image, cut with an ellipsis to the image's width. On screen the
 * chart has none: MetricChart shows the key in HTML beside its buttons, truncated there too.
 */
function exportTitle(metricKey: string, theme: ChartTheme, width: number): LineChartOption['title'] {
  const textStyle = { fontSize: 12, fontWeight: 600 as const, color: theme.fg, width: Math.max(40, width - 2 * TITLE_LEFT), overflow: 'truncate' as const, ellipsis: '…' };
  return { text: metricKey, left: TITLE_LEFT, top: 4, textStyle };
}

/** The one step every line is at, or null: a chart of single points, which the axis centres. */
function loneStep(lines: readonly PlotLine[]): number | null {
  const xs = new Set(lines.flatMap((l) => l.x));
  return xs.size === 1 ? [...xs][0]! : null;
}

function xRange(input: LineChartInput): { min: number | 'dataMin'; max: number | 'dataMax' } {
  const { lines, settings, zoom, forExport } = input;
  if (forExport && zoom) return { min: zoom.x[0], max: zoom.x[1] };
  const lone = settings.xMode === 'step' ? loneStep(lines) : null;
  // the edges' labels are hidden: one step either side leaves the step's own label under its points
  return lone === null ? { min: 'dataMin', max: 'dataMax' } : { min: lone - 1, max: lone + 1 };
}

function xAxis(input: LineChartInput): LineChartOption['xAxis'] {
  const { settings, theme, xMetric } = input;
  const range = xRange(input);
  if (xMetric) {
    return {
      type: 'value',
      min: 'dataMin',
      max: 'dataMax',
      name: xMetric,
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { color: theme.muted, fontSize: 11 },
      axisLine: { onZero: false, lineStyle: { color: theme.border } },
      axisLabel: { color: theme.muted, hideOverlap: true, showMinLabel: false, showMaxLabel: false, formatter: (v: number) => compactNumber(v) },
      splitLine: { show: false },
    };
  }
  const common = {
    ...range,
    // at the bottom even when the y-range crosses zero
    axisLine: { onZero: false, lineStyle: { color: theme.border } },
    // the axis spans the data (or the zoom window) exactly; its edges are arbitrary numbers: label only the nice ticks
    axisLabel: { color: theme.muted, hideOverlap: true, showMinLabel: false, showMaxLabel: false },
    splitLine: { show: false },
  };
  if (settings.xMode === 'wall') return { type: 'time', ...common };
  if (settings.xMode === 'relative') return { type: 'value', ...common, axisLabel: { ...common.axisLabel, formatter: (v: number) => formatDuration(v) } };
  // steps are whole numbers: no ticks between them (a lone point at step 0 would get 0.2, 0.4, …)
  return { type: 'value', ...common, minInterval: 1, axisLabel: { ...common.axisLabel, formatter: (v: number) => formatValue(v) } };
}

/** One metric's chart: a line per run in its run colour, drawn as fast as echarts can (no animation, no symbols). */
export function lineChartOption(input: LineChartInput): LineChartOption {
  const { metricKey, lines, settings, theme, zoom, forExport } = input;
  const y = yBounds(lines, settings, zoom);
  const option: LineChartOption = {
    animation: false,
    backgroundColor: forExport ? theme.bg : 'transparent',
    textStyle: { color: theme.fg },
    ...(forExport ? { title: exportTitle(metricKey, theme, input.width ?? 600) } : {}),
    grid: { left: 8, right: 20, top: 30, bottom: forExport ? 8 : 34, containLabel: true },
    xAxis: xAxis(input),
    yAxis: {
      type: settings.logY ? 'log' : 'value',
      scale: true,
      ...(y ?? {}),
      // ticks and labels at the left edge, not at x = 0 (inside the range when a lone step is centred)
      axisLine: { show: false, onZero: false },
      axisLabel: { color: theme.muted, formatter: (v: number) => formatValue(Number(v.toPrecision(4))), ...(y ? { showMinLabel: false, showMaxLabel: false } : {}) },
      splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
    },
    series: lines.flatMap(seriesFor),
  };
  if (forExport) return option;
  const window = zoom ? { startValue: zoom.x[0], endValue: zoom.x[1] } : { start: 0, end: 100 };
  if (input.xMetric) {
    // x is not in step order: the nearest point is found by echarts, per run
    // room for the axis name under the ticks; zoomed with the wheel (Ctrl) or by dragging, no slider
    option.grid = { left: 8, right: 20, top: 30, bottom: 26, containLabel: true };
    option.series = (option.series as LineSeriesOption[]).map((s) => ({ ...s, showSymbol: true, symbolSize: 3 }));
    option.tooltip = { trigger: 'item', ...tooltipStyle(theme), formatter: (p: unknown) => metricXTooltip(p, lines, input.xMetric!) };
    const [insideId] = zoomIds(metricKey);
    option.dataZoom = [{ type: 'inside', id: insideId, xAxisIndex: 0, filterMode: 'none', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false, moveOnMouseMove: true, start: 0, end: 100 }];
    return option;
  }
  option.tooltip = {
    trigger: 'axis',
    ...tooltipStyle(theme),
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
