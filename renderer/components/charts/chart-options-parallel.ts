import type { Run } from '../../../shared/domain/tracking';
import type { ParallelChartOption, ChartTheme } from './chart-types';
import { escapeHtml } from './escape-html';
import { compactNumber } from './compact-number';
import { spansOrders } from './log-scale';
import { asNumber, differingFields, type Field, fieldId, fieldValue, finiteCount, isNumericField } from './run-fields';
import { axisName, leadMetric, varyingParams } from './sweep-axes';
import { runMeta } from './run-meta';
import { formatValue } from './series-math';
import { tooltipStyle } from './chart-tooltip';

export const MISSING = '(none)';
const MAX_DEFAULT_PARAMS = 8;

/**
 * The axes shown at first: the params whose values differ across the runs, then the metric the
 * table is sorted by (else the first metric). With fewer than two such axes, other metrics that
 * differ fill in (system metrics last).
 */
export function defaultParallelFields(runs: readonly Run[], sortedMetric: string | null = null): Field[] {
  const params = varyingParams(runs).slice(0, MAX_DEFAULT_PARAMS);
  const lead = leadMetric(runs, sortedMetric);
  const fields = lead ? [...params, lead] : params;
  if (fields.length >= 2) return fields;
  const more = differingFields(runs)
    .filter((f) => f.kind === 'metric' && f.key !== lead?.key && finiteCount(runs, f) >= 2)
    .sort((a, b) => Number(a.key.startsWith('system/')) - Number(b.key.startsWith('system/')));
  return [...fields, ...more].slice(0, MAX_DEFAULT_PARAMS + 1);
}

/** The metric the lines are coloured by: `lead` when it is an axis, else the first metric axis; null colours lines by run. */
export function colourField(fields: readonly Field[], lead: Field | null): Field | null {
  return fields.find((f) => lead && fieldId(f) === fieldId(lead)) ?? fields.find((f) => f.kind === 'metric') ?? null;
}

/** From low to high value: readable on light and dark backgrounds alike. */
export const COLOUR_RAMP = ['#2b6cd4', '#1b9aaa', '#4daf4a', '#d4a514', '#d9622b'];

interface Axis {
  field: Field;
  numeric: boolean;
  /** A numeric axis whose values span orders of magnitude (see log-scale.ts). */
  log: boolean;
  categories: string[];
  values: (string | number | null)[];
}

/** The runs the chart leaves out: each misses a number on a numeric axis (no value, or NaN/Inf), and which axes those are. */
export interface LeftOutRun {
  run: Run;
  missing: Field[];
}

/** What the parallel chart draws: the axes (over the drawn runs only), the runs drawn, and those left out. */
export interface ParallelRows {
  axes: Axis[];
  drawn: Run[];
  leftOut: LeftOutRun[];
}

/**
 * The runs as rows across the axes. A run lacking a number on a numeric axis is left out: echarts
 * would draw its line straight on to the next axis, crossing this one at a value the run never had.
 * A run lacking a text value is drawn through the axis' own "(none)" category.
 */
export function parallelRows(runs: readonly Run[], fields: readonly Field[]): ParallelRows {
  const raw = fields.map((field) => {
    const values = runs.map((r) => fieldValue(r, field));
    return { field, values, numeric: isNumericField(values) };
  });
  const drawn: Run[] = [];
  const kept: number[] = [];
  const leftOut: LeftOutRun[] = [];
  runs.forEach((run, i) => {
    const missing = raw.filter((a) => a.numeric && asNumber(a.values[i]!) === null).map((a) => a.field);
    if (missing.length) leftOut.push({ run, missing });
    else {
      drawn.push(run);
      kept.push(i);
    }
  });
  const axes = raw.map(({ field, numeric, values }): Axis => {
    const shown = kept.map((i) => values[i]!);
    if (numeric) {
      const numbers = shown.map(asNumber);
      return { field, numeric, log: spansOrders(numbers), categories: [], values: numbers };
    }
    const text = shown.map((v) => (v === null ? MISSING : String(v)));
    return { field, numeric, log: false, categories: [...new Set(text)].sort(), values: text };
  });
  return { axes, drawn, leftOut };
}

/** Says which runs the chart leaves out and why, or null when it draws them all. */
export function leftOutNote(leftOut: readonly LeftOutRun[]): string | null {
  if (leftOut.length === 0) return null;
  const fields = new Map<string, Field>();
  for (const l of leftOut) for (const f of l.missing) fields.set(fieldId(f), f);
  const names = [...fields.values()].map(axisName);
  const which = names.length > 3 ? `${names.slice(0, 3).join(', ')} or ${names.length - 3} more` : names.join(' or ');
  const n = leftOut.length;
  return `${n} run${n === 1 ? '' : 's'} without a number for ${which} left out`;
}

/**
 * How lines are coloured by a metric axis: a colour scale over its values, or over their log10
 * (an extra value after the axes' ones) when they span orders of magnitude, so a learning-rate
 * metric from 1e-7 to 0.1 is not one colour save for its largest value. Null colours lines by run.
 */
export interface ColourScale {
  /** The metric's axis. */
  axis: number;
  /** The value the colour follows: the axis', or its log10 after the axes' values. */
  dim: number;
  log: boolean;
  min: number;
  max: number;
}

export function colourScale(axes: readonly Axis[], colourBy: Field | null): ColourScale | null {
  const at = colourBy ? axes.findIndex((a) => a.numeric && fieldId(a.field) === fieldId(colourBy)) : -1;
  if (at < 0) return null;
  const values = axes[at]!.values.filter((v): v is number => typeof v === 'number');
  if (values.length === 0) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return null; // one value: a colour scale says nothing, run colours say more
  const log = spansOrders(values);
  return { axis: at, dim: log ? axes.length : at, log, min, max };
}

function visualMap(scale: ColourScale | null, theme: ChartTheme): ParallelChartOption['visualMap'] {
  if (!scale) return undefined;
  return {
    type: 'continuous',
    dimension: scale.dim,
    min: scale.log ? Math.log10(scale.min) : scale.min,
    max: scale.log ? Math.log10(scale.max) : scale.max,
    calculable: false,
    orient: 'vertical',
    right: 6,
    top: 'middle',
    itemHeight: 160,
    itemWidth: 12,
    text: [compactNumber(scale.max), compactNumber(scale.min)],
    textStyle: { color: theme.muted, fontSize: 11 },
    inRange: { color: COLOUR_RAMP },
  };
}

/**
 * The runs as lines across one axis per param or metric: numeric axes scale to the values (log
 * when they span orders of magnitude, ticks kept short), others list them. Lines are coloured
 * by `colourBy` (a metric axis) with a colour scale beside the chart, else in their run colour.
 */
export function parallelOption(input: { runs: readonly Run[]; fields: readonly Field[]; theme: ChartTheme; colourBy?: Field | null }): ParallelChartOption {
  const { fields, theme } = input;
  const { axes, drawn } = parallelRows(input.runs, fields);
  const metas = drawn.map(runMeta);
  const scale = colourScale(axes, input.colourBy ?? null);
  const colours = visualMap(scale, theme);
  const nameWidth = Math.max(60, Math.min(160, 900 / Math.max(1, axes.length)));
  return {
    animation: false,
    textStyle: { color: theme.fg },
    parallel: { left: 56, right: colours ? 96 : 72, top: 48, bottom: 28 },
    parallelAxis: axes.map((a, dim) => ({
      dim,
      name: axisName(a.field),
      nameTruncate: { maxWidth: nameWidth },
      // params and metrics told apart at a glance: metric names bold
      nameTextStyle: { color: theme.fg, fontWeight: a.field.kind === 'metric' ? ('bold' as const) : ('normal' as const) },
      nameGap: 14,
      axisLine: { lineStyle: { color: theme.muted } },
      ...(a.numeric
        ? { type: a.log ? ('log' as const) : ('value' as const), scale: true, axisLabel: { color: theme.muted, hideOverlap: true, formatter: (v: number) => compactNumber(v) } }
        : { type: 'category' as const, data: a.categories, axisLabel: { color: theme.muted, hideOverlap: true } }),
    })),
    ...(colours ? { visualMap: colours } : {}),
    tooltip: {
      trigger: 'item',
      ...tooltipStyle(theme),
      formatter: (p: unknown) => {
        const i = (p as { dataIndex?: number }).dataIndex ?? -1;
        const meta = metas[i];
        if (!meta) return '';
        const rows = axes.map((a) => {
          const v = a.values[i];
          return `${escapeHtml(axisName(a.field))}: ${escapeHtml(typeof v === 'number' ? formatValue(v) : (v ?? '—'))}`;
        });
        return `<b>${escapeHtml(meta.name)}</b><br>${rows.join('<br>')}`;
      },
    },
    series: [
      {
        type: 'parallel',
        lineStyle: { width: 2, opacity: 0.75 },
        emphasis: { lineStyle: { width: 3, opacity: 1 } },
        // every value is there: parallelRows left out the runs missing a number
        data: metas.map((m, i) => {
          const value = axes.map((a) => a.values[i]!);
          if (scale?.log) value.push(Math.log10(axes[scale.axis]!.values[i] as number));
          return { value, ...(colours ? {} : { lineStyle: { color: m.color } }) };
        }),
      },
    ],
  };
}
