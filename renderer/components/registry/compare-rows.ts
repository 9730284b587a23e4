import type { Run } from '../../../shared/domain/tracking';

export type CompareSection = 'params' | 'metrics';

/** One param or metric across the versions' source runs (null: the run lacks it, or there is no run). */
export interface CompareRow {
  section: CompareSection;
  key: string;
  cells: (string | null)[];
  differs: boolean;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Metric values may arrive as MLflow's wire strings for NaN and infinities. */
function metricText(value: unknown): { exact: string; shown: string } {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return { exact: String(n), shown: String(n) };
  const shown = Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
  return { exact: String(n), shown };
}

function section(name: CompareSection, maps: Map<string, { exact: string; shown: string }>[]): CompareRow[] {
  const keys = new Set<string>();
  for (const m of maps) for (const k of m.keys()) keys.add(k);
  return [...keys].sort(collator.compare).map((key) => {
    const cells = maps.map((m) => m.get(key) ?? null);
    const first = cells[0]?.exact;
    return { section: name, key, cells: cells.map((c) => c?.shown ?? null), differs: cells.some((c) => c?.exact !== first) };
  });
}

/**
 * Params and latest metrics of each version's source run, side by side in the versions' order.
 * Metrics differ when their exact values differ, even when the 6-digit display agrees.
 */
export function compareRows(runs: readonly (Run | null)[]): CompareRow[] {
  const params = runs.map((r) => new Map((r?.data.params ?? []).map((p) => [p.key, { exact: p.value, shown: p.value }])));
  const metrics = runs.map((r) => new Map((r?.data.metrics ?? []).map((m) => [m.key, metricText(m.value)])));
  return [...section('params', params), ...section('metrics', metrics)];
}

export const onlyDiffering = <T extends { differs: boolean }>(rows: readonly T[]): T[] => rows.filter((r) => r.differs);
