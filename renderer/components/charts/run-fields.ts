import type { Metric, Run } from '../../../shared/domain/tracking';

/** A param or a metric (its latest value) of a run: an axis of the scatter plot and the parallel coordinates. */
export interface Field {
  kind: 'param' | 'metric';
  key: string;
}

export const fieldId = (f: Field) => `${f.kind}:${f.key}`;
export const fieldLabel = (f: Field) => (f.kind === 'param' ? `param ${f.key}` : f.key);

export function parseFieldId(id: string): Field | null {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  return colon > 0 && (kind === 'param' || kind === 'metric') ? { kind, key: id.slice(colon + 1) } : null;
}

/** A metric value as a number: the wire may carry NaN and the infinities as strings, the way MLflow writes them. */
export function metricNumber(value: Metric['value'] | string): number {
  if (typeof value === 'number') return value;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return Number(value);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Every param and metric key the runs have: params first, each group in natural order. */
export function availableFields(runs: readonly Run[]): Field[] {
  const params = new Set<string>();
  const metrics = new Set<string>();
  for (const run of runs) {
    for (const p of run.data.params ?? []) params.add(p.key);
    for (const m of run.data.metrics ?? []) metrics.add(m.key);
  }
  return [
    ...[...params].sort(collator.compare).map((key) => ({ kind: 'param' as const, key })),
    ...[...metrics].sort(collator.compare).map((key) => ({ kind: 'metric' as const, key })),
  ];
}

/** A run's value for a field: a param's text, a metric's latest number, or null when the run lacks it. */
export function fieldValue(run: Run, field: Field): string | number | null {
  if (field.kind === 'param') return run.data.params?.find((p) => p.key === field.key)?.value ?? null;
  const m = run.data.metrics?.find((x) => x.key === field.key);
  return m ? metricNumber(m.value) : null;
}

/** A value as a finite number, or null (text that is not a number, NaN, infinities, missing). */
export function asNumber(v: string | number | null): number | null {
  if (v === null) return null;
  const n = typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** True when every present value is a number (metrics, NaN included) or text that reads as one: a numeric axis; otherwise categorical. */
export function isNumericField(values: readonly (string | number | null)[]): boolean {
  return values.every((v) => v === null || typeof v === 'number' || asNumber(v) !== null) && values.some((v) => asNumber(v) !== null);
}

/** How many runs have a finite number for the field: metrics that are mostly NaN make poor axes. */
export function finiteCount(runs: readonly Run[], f: Field): number {
  return runs.reduce((n, r) => n + (asNumber(fieldValue(r, f)) === null ? 0 : 1), 0);
}

/** Fields whose values are not all the same across the runs. */
export function differingFields(runs: readonly Run[]): Field[] {
  return availableFields(runs).filter((f) => new Set(runs.map((r) => String(fieldValue(r, f)))).size > 1);
}
