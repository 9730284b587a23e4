import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, ParallelSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  ParallelComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';

/** A metric's line chart. Each chart kind has its own composed type (echarts' parallel and grid axis types do not compose). */
export type LineChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | TooltipComponentOption | DataZoomComponentOption | TitleComponentOption
>;
export type ScatterChartOption = ComposeOption<ScatterSeriesOption | GridComponentOption | TooltipComponentOption>;
/** A metric every charted run logged once: a bar per run. */
export type BarChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | TitleComponentOption>;
// echarts' ParallelAxisOption declares `mainType?: string`, which ComposeOption turns into an index signature: add it by hand.
type ParallelAxisOption = NonNullable<ParallelComponentOption['parallelAxisDefault']>;
export type ParallelChartOption = ComposeOption<ParallelSeriesOption | TooltipComponentOption | VisualMapComponentOption> & {
  parallel?: ParallelComponentOption;
  parallelAxis?: ParallelAxisOption[];
};
/** Any option the charts build: only series and components registered in echarts-setup.ts. */
export type ChartOption = LineChartOption | ScatterChartOption | ParallelChartOption | BarChartOption;

/** What the x-axis measures: the logged step, the wall-clock time, or seconds since the run started. */
export type XMode = 'step' | 'wall' | 'relative';

export interface ChartSettings {
  xMode: XMode;
  /** Exponential moving average weight, 0 (off) to 0.99. */
  smoothing: number;
  logY: boolean;
  /** Clip the y-axis to the 1st–99th percentile of the values shown. */
  ignoreOutliers: boolean;
}

export const DEFAULT_SETTINGS: ChartSettings = { xMode: 'step', smoothing: 0, logY: false, ignoreOutliers: false };

/** Colours read from the CSS variables, so charts follow light and dark mode. */
export interface ChartTheme {
  fg: string;
  muted: string;
  border: string;
  bg: string;
  raised: string;
}

export const LIGHT_THEME: ChartTheme = { fg: '#1d2330', muted: '#657084', border: '#d9dde4', bg: '#ffffff', raised: '#ffffff' };

/** The little the charts need to know about a run. */
export interface RunMeta {
  id: string;
  name: string;
  color: string;
  /** Run start (epoch ms), the origin of relative time; undefined when unknown. */
  startTime?: number;
  /** How the line is drawn where one chart shows several metrics of the same run; solid when unset. */
  lineType?: 'solid' | 'dashed' | 'dotted';
}

/** A visible x window and the step range it covers (what is re-read at full resolution). */
export interface ZoomWindow {
  x: [number, number];
  steps: [number, number];
}
