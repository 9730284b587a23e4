import type { Run } from '../../../shared/domain/tracking';
import type { ScatterChartOption, ChartTheme, RunMeta } from './chart-types';
import { escapeHtml } from './escape-html';
import { asNumber, availableFields, differingFields, type Field, fieldLabel, fieldValue, finiteCount, isNumericField } from './run-fields';
import { runMeta } from './run-meta';
import { formatValue } from './series-math';
import { tooltipStyle } from './chart-tooltip';

export interface ScatterPoint {
  run: RunMeta;
  x: string | number;
  y: string | number;
}

type Value = string | number | null;
const usable = (v: Value, numeric: boolean) => v !== null && (!numeric || asNumber(v) !== null);
const show = (v: string | number) => (typeof v === 'number' ? formatValue(v) : v);

/**
 * The axes shown at first: x a param that differs across the runs (else any field), y the
 * metric most runs have a finite value for, preferring ones that differ and leaving system metrics last.
 */
export function defaultScatterFields(runs: readonly Run[]): { x: Field; y: Field } | null {
  const all = availableFields(runs);
  if (all.length === 0) return null;
  const differs = new Set(differingFields(runs).map((f) => `${f.kind}:${f.key}`));
  const score = (f: Field) => finiteCount(runs, f) * 4 + (differs.has(`${f.kind}:${f.key}`) ? 2 : 0) + (f.key.startsWith('system/') ? 0 : 1);
  const x = all.find((f) => f.kind === 'param' && differs.has(`param:${f.key}`)) ?? all[0]!;
  const metrics = all.filter((f) => f.kind === 'metric');
  const y = metrics.reduce<Field | undefined>((best, f) => (!best || score(f) > score(best) ? f : best), undefined) ?? all.find((f) => f !== x) ?? x;
  return { x, y };
}

/** The runs that have both values (as numbers on a numeric axis), and how many were left out. */
export function scatterPoints(runs: readonly Run[], x: Field, y: Field): { points: ScatterPoint[]; missing: number; numericX: boolean; numericY: boolean } {
  const xs = runs.map((r) => fieldValue(r, x));
  const ys = runs.map((r) => fieldValue(r, y));
  const numericX = isNumericField(xs);
  const numericY = isNumericField(ys);
  const points: ScatterPoint[] = [];
  runs.forEach((run, i) => {
    const xv = xs[i]!;
    const yv = ys[i]!;
    if (!usable(xv, numericX) || !usable(yv, numericY)) return;
    points.push({ run: runMeta(run), x: numericX ? asNumber(xv)! : String(xv), y: numericY ? asNumber(yv)! : String(yv) });
  });
  return { points, missing: runs.length - points.length, numericX, numericY };
}

function axis(field: Field, numeric: boolean, values: (string | number)[], theme: ChartTheme, position: 'x' | 'y') {
  const common = {
    name: fieldLabel(field),
    // a long key would squeeze the plot to make room for it: cut it (the tooltip has it whole)
    nameTruncate: { maxWidth: position === 'x' ? 480 : 280 },
    nameLocation: 'middle' as const,
    nameGap: position === 'x' ? 28 : 48,
    nameTextStyle: { color: theme.fg },
    axisLine: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted, hideOverlap: true },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
  };
  if (numeric) return { type: 'value' as const, scale: true, ...common };
  return { type: 'category' as const, data: [...new Set(values.map(String))].sort(), ...common };
}

/** Any two params or metrics against each other, one dot per run in its run colour. */
export function scatterOption(input: { runs: readonly Run[]; x: Field; y: Field; theme: ChartTheme }): ScatterChartOption {
  const { x, y, theme } = input;
  const { points, numericX, numericY } = scatterPoints(input.runs, x, y);
  return {
    animation: false,
    textStyle: { color: theme.fg },
    grid: { left: 64, right: 24, top: 16, bottom: 44 },
    xAxis: axis(x, numericX, points.map((p) => p.x), theme, 'x'),
    yAxis: axis(y, numericY, points.map((p) => p.y), theme, 'y'),
    tooltip: {
      trigger: 'item',
      ...tooltipStyle(theme),
      formatter: (p: unknown) => {
        const point = points[(p as { dataIndex?: number }).dataIndex ?? -1];
        if (!point) return '';
        return (
          `<b>${escapeHtml(point.run.name)}</b><br>` +
          `${escapeHtml(fieldLabel(x))}: ${escapeHtml(show(point.x))}<br>${escapeHtml(fieldLabel(y))}: ${escapeHtml(show(point.y))}`
        );
      },
    },
    series: [
      {
        type: 'scatter',
        symbolSize: 10,
        large: points.length > 2000,
        data: points.map((p) => ({ value: [p.x, p.y], itemStyle: { color: p.run.color, opacity: 0.85 } })),
      },
    ],
  };
}
