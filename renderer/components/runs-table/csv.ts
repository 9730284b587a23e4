import { cellValue, NAME_COLUMN, type Column } from './columns';
import type { DisplayRow } from './display-rows';
import { formatAggregate } from './grouping';
import { buildRunTree, type RunNode } from './run-tree';
import type { RunRecord } from './run-values';
import type { Sort } from './sorting';
import { orderTree } from './tree-order';

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

const headerOf = (c: Column) => (c.kind !== 'attribute' ? c.id : c.key === 'duration' ? 'Duration (ms)' : c.label);

/** A run's value in a column as CSV wants it: full precision, times in ISO 8601. */
function csvValue(r: RunRecord, c: Column, now: number): string | number | null {
  const v = cellValue(r, c, now);
  return c.kind === 'attribute' && (c.key === 'start_time' || c.key === 'end_time') ? isoTime(v) : v;
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
  const header = cols.map(headerOf);
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
    const cells = cols.map((c) => csvValue(row.record, c, now));
    lines.push(csvLine(grouped ? [group, ...cells] : cells));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * Every given run as CSV (the whole query's result: runs folded under a collapsed parent, hidden
 * runs and other groups' runs too), in tree order: each parent followed by the runs nested under
 * it, siblings in the sort's order. After the name come the run's id, its parent's id and name
 * (empty for a top-level run; the id alone when the parent is not among the runs) and its depth,
 * then the visible columns.
 */
export function buildAllRunsCsv(records: readonly RunRecord[], columns: readonly Column[], sort: Sort | null, now: number): string {
  const cols = columns.filter((c) => c.id !== 'attributes.run_id');
  const names = new Map(records.map((r) => [r.id, r.name]));
  const lines = [csvLine([NAME_COLUMN.label, 'run_id', 'parent_run_id', 'parent_run', 'depth', ...cols.map(headerOf)])];
  const walk = (nodes: readonly RunNode[], depth: number) => {
    for (const { record: r, children } of nodes) {
      const parentName = r.parentId !== null && depth > 0 ? (names.get(r.parentId) ?? null) : null;
      lines.push(csvLine([r.name, r.id, r.parentId, parentName, depth, ...cols.map((c) => csvValue(r, c, now))]));
      walk(children, depth + 1);
    }
  };
  walk(orderTree(buildRunTree(records), sort, now), 0);
  return lines.join('\r\n') + '\r\n';
}
