import type { BarSeriesOption } from 'echarts/charts';
import type { BarChartOption, ChartTheme } from './chart-types';
import { tooltipStyle } from './chart-tooltip';
import { compactNumber } from './compact-number';
import { escapeHtml } from './escape-html';
import { formatValue } from './series-math';
import type { SingleValueBar } from './single-value';

const MAX_LABEL = 14;
const cut = (name: string) => (name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name);

/** A metric each run logged once: a bar per run in its run colour, the run names under them. */
export function barChartOption(input: { metricKey: string; bars: readonly SingleValueBar[]; theme: ChartTheme; logY: boolean; forExport?: boolean }): BarChartOption {
  const { bars, theme, logY, forExport } = input;
  const log = logY && bars.every((b) => b.value === null || b.value > 0);
  const many = bars.length > 6;
  const series: BarSeriesOption = {
    type: 'bar',
    barMaxWidth: 48,
    data: bars.map((b) => ({ value: b.value ?? '-', itemStyle: { color: b.run.color } })) as BarSeriesOption['data'],
  };
  return {
    animation: false,
    backgroundColor: forExport ? theme.bg : 'transparent',
    textStyle: { color: theme.fg },
    ...(forExport ? { title: { text: input.metricKey, left: 8, top: 4, textStyle: { fontSize: 12, fontWeight: 600 as const, color: theme.fg } } } : {}),
    grid: { left: 8, right: 20, top: 30, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: bars.map((b) => b.run.name),
      axisLine: { lineStyle: { color: theme.border } },
      axisTick: { alignWithLabel: true },
      axisLabel: { color: theme.muted, interval: 0, rotate: many ? 35 : 0, hideOverlap: true, formatter: (name: string) => cut(name) },
    },
    yAxis: {
      type: log ? 'log' : 'value',
      scale: log,
      axisLabel: { color: theme.muted, formatter: (v: number) => compactNumber(v) },
      splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
    },
    ...(forExport
      ? {}
      : {
          tooltip: {
            trigger: 'item' as const,
            ...tooltipStyle(theme),
            formatter: (p: unknown) => {
              const bar = bars[(p as { dataIndex?: number }).dataIndex ?? -1];
              return bar ? `<b>${escapeHtml(bar.run.name)}</b><br>${escapeHtml(input.metricKey)}: ${escapeHtml(formatValue(bar.value))}` : '';
            },
          },
        }),
    series: [series],
  };
}
