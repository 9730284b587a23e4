import type { Run } from '../../../shared/domain/tracking';
import type { ScatterChartOption, ChartTheme, RunMeta } from './chart-types';
import { escapeHtml } from './escape-html';
import { compactNumber } from './compact-number';
import { spansOrders } from './log-scale';
import { asNumber, availableFields, type Field, fieldId, fieldValue, finiteCount, isNumericField } from './run-fields';
import { axisName, isNumeric, leadMetric, varyingParams } from './sweep-axes';
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
 * The axes shown at first: x the first param that varies across the runs (a numeric one
 * preferred), y the metric the table is sorted by (else the first metric). Without those, any
 * field with a finite value, then any field.
 */
export function defaultScatterFields(runs: readonly Run[], sortedMetric: string | null = null): { x: Field; y: Field } | null {
  const all = availableFields(runs);
  if (all.length === 0) return null;
  const varying = varyingParams(runs);
  const x = varying.find((f) => isNumeric(runs, f)) ?? varying[0] ?? all.find((f) => f.kind === 'param') ?? all[0]!;
  const y = leadMetric(runs, sortedMetric) ?? all.find((f) => fieldId(f) !== fieldId(x) && finiteCount(runs, f) > 0) ?? all.find((f) => f !== x) ?? x;
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

/** A small offset in [-0.25, 0.25] from a run id: the same run always lands at the same place beside its category. */
export function jitterOf(runId: string): number {
  let h = 2166136261;
  for (let i = 0; i < runId.length; i++) h = Math.imul(h ^ runId.charCodeAt(i), 16777619);
  return (((h >>> 0) % 1001) / 1000 - 0.5) * 0.5;
}

/** The points sharing each point's place (same x and y): the tooltip lists every run there. */
export function samePlace(points: readonly ScatterPoint[]): ScatterPoint[][] {
  const at = new Map<string, ScatterPoint[]>();
  for (const p of points) {
    const k = `${typeof p.x}:${p.x}\u0000${typeof p.y}:${p.y}`;
    at.set(k, [...(at.get(k) ?? []), p]);
  }
  return points.map((p) => at.get(`${typeof p.x}:${p.x}\u0000${typeof p.y}:${p.y}`)!);
}

/** How an axis is drawn: numbers on a value axis (log when they span orders of magnitude), text as categories. */
export interface AxisPlan {
  kind: 'value' | 'log' | 'category';
  categories: string[];
}

export function axisPlan(numeric: boolean, values: readonly (string | number)[]): AxisPlan {
  if (!numeric) return { kind: 'category', categories: [...new Set(values.map(String))].sort() };
  return { kind: spansOrders(values as number[]) ? 'log' : 'value', categories: [] };
}

function axis(field: Field, plan: AxisPlan, theme: ChartTheme, position: 'x' | 'y') {
  const common = {
    name: axisName(field),
    // a long key would squeeze the plot to make room for it: cut it (the tooltip has it whole)
    nameTruncate: { maxWidth: position === 'x' ? 480 : 280 },
    nameLocation: 'middle' as const,
    nameGap: position === 'x' ? 28 : 48,
    nameTextStyle: { color: theme.fg },
    axisLine: { lineStyle: { color: theme.border } },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
  };
  if (plan.kind !== 'category') return { type: plan.kind, scale: true, ...common, axisLabel: { color: theme.muted, hideOverlap: true, formatter: (v: number) => compactNumber(v) } };
  if (position === 'y') return { type: 'category' as const, data: plan.categories, ...common, axisLabel: { color: theme.muted, hideOverlap: true } };
  // categories on x are a value axis of their indexes, so points can be jittered apart around each one
  const n = plan.categories.length;
  return {
    type: 'value' as const,
    min: -0.5,
    max: n - 0.5,
    interval: 1,
    ...common,
    splitLine: { show: false },
    axisLabel: { color: theme.muted, hideOverlap: true, showMinLabel: false, showMaxLabel: false, formatter: (v: number) => (Number.isInteger(v) ? (plan.categories[v] ?? '') : '') },
  };
}

const MAX_TOOLTIP_RUNS = 15;

/**
 * Any two params or metrics against each other, one dot per run in its run colour:
 * semi-transparent with an outline so overlapping dots show, a tooltip naming every run at
 * the dot's place, and runs on a categorical x spread a little around their category.
 */
export function scatterOption(input: { runs: readonly Run[]; x: Field; y: Field; theme: ChartTheme }): ScatterChartOption {
  const { x, y, theme } = input;
  const { points, numericX, numericY } = scatterPoints(input.runs, x, y);
  const xPlan = axisPlan(numericX, points.map((p) => p.x));
  const yPlan = axisPlan(numericY, points.map((p) => p.y));
  const places = samePlace(points);
  const xOf = (p: ScatterPoint) => (xPlan.kind === 'category' ? xPlan.categories.indexOf(String(p.x)) + jitterOf(p.run.id) : p.x);
  return {
    animation: false,
    textStyle: { color: theme.fg },
    grid: { left: 64, right: 24, top: 16, bottom: 44 },
    xAxis: axis(x, xPlan, theme, 'x'),
    yAxis: axis(y, yPlan, theme, 'y'),
    tooltip: {
      trigger: 'item',
      ...tooltipStyle(theme),
      formatter: (p: unknown) => {
        const i = (p as { dataIndex?: number }).dataIndex ?? -1;
        const point = points[i];
        if (!point) return '';
        const here = places[i]!;
        const names = here.slice(0, MAX_TOOLTIP_RUNS).map((q) => `<b>${escapeHtml(q.run.name)}</b>`);
        if (here.length > MAX_TOOLTIP_RUNS) names.push(`+${here.length - MAX_TOOLTIP_RUNS} more`);
        const count = here.length > 1 ? `<div style="opacity:.7">${here.length} runs here</div>` : '';
        return `${count}${names.join('<br>')}<br>${escapeHtml(axisName(x))}: ${escapeHtml(show(point.x))}<br>${escapeHtml(axisName(y))}: ${escapeHtml(show(point.y))}`;
      },
    },
    series: [
      {
        type: 'scatter',
        symbolSize: 11,
        large: points.length > 2000,
        data: points.map((p) => ({ value: [xOf(p), p.y], itemStyle: { color: p.run.color, opacity: 0.6, borderColor: theme.fg, borderWidth: 1 } })),
      },
    ],
  };
}
