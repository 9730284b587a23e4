import type { Run } from '../../../shared/domain/tracking';
import type { ParallelChartOption, ChartTheme } from './chart-types';
import { escapeHtml } from './escape-html';
import { asNumber, differingFields, type Field, fieldLabel, fieldValue, finiteCount, isNumericField } from './run-fields';
import { runMeta } from './run-meta';
import { formatValue } from './series-math';

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

function axisOf(runs: readonly Run[], field: Field): Axis {
  const raw = runs.map((r) => fieldValue(r, field));
  const numeric = isNumericField(raw);
  if (numeric) return { field, numeric, categories: [], values: raw.map(asNumber) };
  const values = raw.map((v) => (v === null ? MISSING : String(v)));
  return { field, numeric, categories: [...new Set(values)].sort(), values };
}

/** The runs as lines across one axis per param or metric: numeric axes scale to the values, others list them. */
export function parallelOption(input: { runs: readonly Run[]; fields: readonly Field[]; theme: ChartTheme }): ParallelChartOption {
  const { runs, fields, theme } = input;
  const axes = fields.map((f) => axisOf(runs, f));
  const metas = runs.map(runMeta);
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
      confine: true,
      backgroundColor: theme.raised,
      borderColor: theme.border,
      textStyle: { color: theme.fg, fontSize: 12 },
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
        data: metas.map((m, i) => ({ value: axes.map((a) => a.values[i] ?? '-'), lineStyle: { color: m.color } })),
      },
    ],
  };
}
