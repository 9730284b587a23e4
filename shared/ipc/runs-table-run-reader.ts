import type { Run, RunStatus } from '../domain/tracking';
import type { TableRunReader } from './runs-table-codec';

/** A Run with its keys and values side by side, as the table encoder reads them. */
export interface FlatRun {
  id: string;
  name: string;
  status: RunStatus;
  startTime: number | null;
  endTime: number | null;
  userId: string;
  deleted: boolean;
  metricKeys: string[];
  metricValues: number[];
  paramKeys: string[];
  paramValues: string[];
  tagKeys: string[];
  tagValues: string[];
}

/** A metric value as a Run may hold it: a number, or the wire's "NaN"/"Infinity"/"-Infinity". */
function metricValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity' || v === '+Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
}

/** Later entries of a key win, as a lookup of the list would (MLflow lists each key once). */
function split<T, U>(list: readonly { key: string; value: T }[] | undefined, conv: (v: T) => U): { keys: string[]; values: U[] } {
  const at = new Map<string, number>();
  const keys: string[] = [];
  const values: U[] = [];
  for (const kv of list ?? []) {
    const i = at.get(kv.key);
    if (i !== undefined) {
      values[i] = conv(kv.value);
      continue;
    }
    at.set(kv.key, keys.length);
    keys.push(kv.key);
    values.push(conv(kv.value));
  }
  return { keys, values };
}

export function flatRun(run: Run): FlatRun {
  const m = split(run.data.metrics, (v: unknown) => metricValue(v));
  const p = split(run.data.params, (v: string) => v);
  const t = split(run.data.tags, (v: string) => v);
  const info = run.info;
  return {
    id: info.run_id,
    name: info.run_name ?? '',
    status: info.status,
    startTime: info.start_time ?? null,
    endTime: info.end_time ?? null,
    userId: info.user_id ?? '',
    deleted: info.lifecycle_stage === 'deleted',
    metricKeys: m.keys,
    metricValues: m.values,
    paramKeys: p.keys,
    paramValues: p.values,
    tagKeys: t.keys,
    tagValues: t.values,
  };
}

export const flatRunReader: TableRunReader<FlatRun> = {
  id: (r) => r.id,
  name: (r) => r.name,
  status: (r) => r.status,
  startTime: (r) => r.startTime,
  endTime: (r) => r.endTime,
  userId: (r) => r.userId,
  deleted: (r) => r.deleted,
  metricKeys: (r) => r.metricKeys,
  paramKeys: (r) => r.paramKeys,
  tagKeys: (r) => r.tagKeys,
  metricAt: (r, i) => r.metricValues[i]!,
  paramAt: (r, i) => r.paramValues[i]!,
  tagAt: (r, i) => r.tagValues[i]!,
};
