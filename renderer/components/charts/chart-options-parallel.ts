import type { Run } from '../../../shared/domain/tracking';
import type { ParallelChartOption, ChartTheme } from './chart-types';
import { escapeHtml } from './escape-html';
import { asNumber, differingFields, type Field, fieldId, fieldLabel, fieldValue, finiteCount, isNumericField } from './run-fields';
import { runMeta } from './run-meta';
import { formatValue } from './series-math';
import { tooltipStyle } from './chart-tooltip';

export const MISSING = '(none)';
const MAX_DEFAULT_AXES = 10;

/** The axes shown at first: params whose values differ, then such metrics with at least two finite values (system metrics last). */
export function defaultParallelFields(runs: readonly Run[]): Field[] {
  const fields = differingFields(runs);
  const params = fields.filter((f) => f.kind === 'param');
  const metrics = fields
    .filter((f) => f.kind === 'metric' && finiteCount(runs, f) >= 2)
    .sort((a, b) => Number(a.key.startsWith('system/')) - Number(b.key.startsWith('system/')));
  return [...params.slice(0, 6), ...metrics].slice(0, MAX_DEFAULT_AXES);
}

interface Axis {
  field: Field;
  numeric: boolean;
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
    if (numeric) return { field, numeric, categories: [], values: shown.map(asNumber) };
    const text = shown.map((v) => (v === null ? MISSING : String(v)));
    return { field, numeric, categories: [...new Set(text)].sort(), values: text };
  });
  return { axes, drawn, leftOut };
}

/** Says which runs the chart leaves out and why, or null when it draws them all. */
export function leftOutNote(leftOut: readonly LeftOutRun[]): string | null {
  if (leftOut.length === 0) return null;
  const fields = new Map<string, Field>();
  for (const l of leftOut) for (const f of l.missing) fields.set(fieldId(f), f);
  const names = [...fields.values()].map(fieldLabel);
  const which = names.length > 3 ? `${names.slice(0, 3).join(', ')} or ${names.length - 3} more` : names.join(' or ');
  const n = leftOut.length;
  return `${n} run${n === 1 ? '' : 's'} without a number for ${which} left out`;
}

/** The runs as lines across one axis per param or metric: numeric axes scale to the values, others list them. */
export function parallelOption(input: { runs: readonly Run[]; fields: readonly Field[]; theme: ChartTheme }): ParallelChartOption {
  const { fields, theme } = input;
  const { axes, drawn } = parallelRows(input.runs, fields);
  const metas = drawn.map(runMeta);
  const nameWidth = Math.max(60, Math.min(160, 900 / Math.max(1, axes.length)));
  return {
    animation: false,
    textStyle: { color: theme.fg },
    parallel: { left: 48, right: 72, top: 48, bottom: 28 },
    parallelAxis: axes.map((a, dim) => ({
      dim,
      name: fieldLabel(a.field),
      nameTruncate: { maxWidth: nameWidth },
      nameTextStyle: { color: theme.fg },
      nameGap: 14,
      axisLine: { lineStyle: { color: theme.muted } },
      axisLabel: { color: theme.muted, hideOverlap: true },
      ...(a.numeric ? { type: 'value' as const, scale: true } : { type: 'category' as const, data: a.categories }),
    })),
    tooltip: {
      trigger: 'item',
      ...tooltipStyle(theme),
      formatter: (p: unknown) => {
        const i = (p as { dataIndex?: number }).dataIndex ?? -1;
        const meta = metas[i];
        if (!meta) return '';
        const rows = axes.map((a) => {
          const v = a.values[i];
          return `${escapeHtml(fieldLabel(a.field))}: ${escapeHtml(typeof v === 'number' ? formatValue(v) : (v ?? '—'))}`;
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
        data: metas.map((m, i) => ({ value: axes.map((a) => a.values[i]!), lineStyle: { color: m.color } })),
      },
    ],
  };
}
