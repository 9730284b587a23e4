import { cellValue, NAME_COLUMN, type Column } from './columns';
import type { DisplayRow } from './display-rows';
import { formatAggregate } from './grouping';

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, or edge spaces.
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, since run names and tags come from anyone; plain numbers are left alone.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !NUMERIC.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvLine = (fields: (string | number | null)[]) => fields.map(csvField).join(',');

function isoTime(v: string | number | null): string | number | null {
  return typeof v === 'number' && Number.isFinite(v) ? new Date(v).toISOString() : v;
}

/**
 * The table as CSV, exactly as shown: the name and the visible columns in their order, the rows
 * in their order. Values are full precision (times ISO 8601, NaN/Infinity spelled out). When
 * grouped, a leading "group" column holds each row's group, and every group's summary row
 * carries min/mean/max in its metric columns.
 */
export function buildRunsCsv(rows: readonly DisplayRow[], columns: readonly Column[], now: number): string {
  const cols = [NAME_COLUMN, ...columns];
  const grouped = rows.some((r) => r.kind === 'group');
  const header = cols.map((c) => (c.kind !== 'attribute' ? c.id : c.key === 'duration' ? 'Duration (ms)' : c.label));
  const lines = [csvLine(grouped ? ['group', ...header] : header)];
  let group: string | null = null;
  for (const row of rows) {
    if (row.kind === 'group') {
      group = `${row.column.id}=${row.value ?? '(none)'}`;
      const cells = cols.map((c) => {
        if (c.id === row.column.id) return row.value;
        if (c === NAME_COLUMN) return `${row.count} run${row.count === 1 ? '' : 's'}`;
        const agg = c.kind === 'metric' ? row.aggregates[c.key] : null;
        return agg ? formatAggregate(agg, String) : null;
      });
      lines.push(csvLine([group, ...cells]));
      continue;
    }
    const cells = cols.map((c) => {
      const v = cellValue(row.record, c, now);
      return c.kind === 'attribute' && (c.key === 'start_time' || c.key === 'end_time') ? isoTime(v) : v;
    });
    lines.push(csvLine(grouped ? [group, ...cells] : cells));
  }
  return lines.join('\r\n') + '\r\n';
}
