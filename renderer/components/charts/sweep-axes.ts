import type { Run } from '../../../shared/domain/tracking';
import { availableFields, differingFields, type Field, fieldValue, finiteCount, isNumericField } from './run-fields';

/** An axis name that says what kind of field it is: "param · lr", "metric · val_loss". */
export const axisName = (f: Field) => `${f.kind} · ${f.key}`;

const isSystem = (f: Field) => f.key.startsWith('system/');

/** The params whose values differ across the runs (a constant one, like a fixed seed, says nothing). */
export function varyingParams(runs: readonly Run[]): Field[] {
  return differingFields(runs).filter((f) => f.kind === 'param');
}

/** True when every run that has the field has a number for it. */
export const isNumeric = (runs: readonly Run[], f: Field) => isNumericField(runs.map((r) => fieldValue(r, f)));

/**
 * The metric a sweep's charts lead with: the one the runs table is sorted by when the runs have
 * it, else the first metric (natural order, system metrics last) with a finite value.
 */
export function leadMetric(runs: readonly Run[], sortedMetric: string | null = null): Field | null {
  const metrics = availableFields(runs).filter((f) => f.kind === 'metric');
  const sorted = metrics.find((f) => f.key === sortedMetric);
  if (sorted) return sorted;
  const usable = metrics.filter((f) => finiteCount(runs, f) > 0);
  return usable.find((f) => !isSystem(f)) ?? usable[0] ?? null;
}
