import type { Run, RunStatus } from '../../../shared/domain/tracking';

/** A dataset input of a run, as run filters see it (`datasets.name`, `.digest`, `.context`). */
export interface DatasetRef {
  name: string;
  digest: string;
  /** The input's `mlflow.data.context` tag, if it has one. */
  context: string | null;
}

/**
 * One run as the read model holds it: what search_runs filters and sorts on, and what its
 * answer contains. Replaced whole when an op touches the run; never changed in place (except
 * `json`, the cached text of the run, which the model sets and drops).
 */
export interface RunRecord {
  readonly id: string;
  readonly experimentId: string;
  readonly name: string;
  readonly userId: string;
  readonly status: RunStatus;
  readonly startTime: number | null;
  readonly endTime: number | null;
  readonly lifecycle: 'active' | 'deleted';
  readonly artifactUri: string;
  /** Sorted by key in SQLite's binary order, as today's answer lists them; keys interned. */
  readonly paramKeys: readonly string[];
  readonly paramValues: readonly string[];
  readonly tagKeys: readonly string[];
  readonly tagValues: readonly string[];
  readonly metricKeys: readonly string[];
  /** Latest point per metric key: value, timestamp, step at 3i, 3i+1, 3i+2 (value NaN for NaN). */
  readonly metricPoints: Float64Array;
  readonly datasets: readonly DatasetRef[];
  readonly inputs: Run['inputs'];
  readonly outputs: Run['outputs'];
  /** The run's JSON text in MLflow's wire format as UTF-8, once asked for (see RunTextCache). */
  json: Buffer | undefined;
}

/** Index of `key` in a record's sorted key list, or -1. */
export function keyIndex(keys: readonly string[], key: string): number {
  for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
  return -1;
}

/**
 * keyIndex for one key over many records: runs of an experiment mostly log the same keys, so
 * the position found last is tried first.
 */
export function keyFinder(key: string): (keys: readonly string[]) => number {
  let hint = 0;
  return (keys) => {
    if (keys[hint] === key) return hint;
    const i = keyIndex(keys, key);
    if (i >= 0) hint = i;
    return i;
  };
}

/** The text attributes a filter or an order may name, by their name in the search grammar. */
export const STRING_ATTRIBUTES: Record<string, (r: RunRecord) => string> = {
  run_id: (r) => r.id,
  run_name: (r) => r.name,
  status: (r) => r.status,
  user_id: (r) => r.userId,
  artifact_uri: (r) => r.artifactUri,
};

/** The time attributes (milliseconds; NULL while unknown). */
export const NUMBER_ATTRIBUTES: Record<string, (r: RunRecord) => number | null> = {
  start_time: (r) => r.startTime,
  end_time: (r) => r.endTime,
};
