import type { LoggedModel, Metric } from '../../../shared/domain/tracking';

/** The metric keys the models have, sorted, when there are few enough to be columns (`max`); else none. */
export function metricColumns(models: readonly LoggedModel[], max = 5): string[] {
  const keys = [...new Set(models.flatMap((m) => (m.data.metrics ?? []).map((x) => x.key)))].sort((a, b) => a.localeCompare(b));
  return keys.length <= max ? keys : [];
}

/** A model's value of a metric to show in a column: the last logged (latest time, then highest step). */
export function latestMetric(model: LoggedModel, key: string): Metric | undefined {
  let best: Metric | undefined;
  for (const m of model.data.metrics ?? []) {
    if (m.key !== key) continue;
    if (!best || m.timestamp > best.timestamp || (m.timestamp === best.timestamp && m.step >= best.step)) best = m;
  }
  return best;
}

/** Newest first (by creation time), ties by name. */
export const newestModelsFirst = (models: readonly LoggedModel[]): LoggedModel[] =>
  [...models].sort((a, b) => b.info.creation_timestamp_ms - a.info.creation_timestamp_ms || a.info.name.localeCompare(b.info.name));
