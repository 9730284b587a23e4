import type { DatasetInput, KeyValue, RunInfo } from '../../../shared/domain/tracking';
import { describeType } from '../artifacts/model-signature';

/** Pure read-outs of a run for the run page: durations, source, tags, metric values, dataset schemas. */

export const tagValue = (tags: KeyValue[] | undefined, key: string): string | undefined => tags?.find((t) => t.key === key)?.value;

/** `850 ms`, `12.3 s`, `4m 05s`, `2h 03m`, `3d 4h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(Math.floor(s % 60))}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** Wall time from start to end, or to `now` while the run is still going; null without a start. */
export function runDuration(info: Pick<RunInfo, 'start_time' | 'end_time' | 'status'>, now: number): number | null {
  if (!info.start_time) return null;
  if (info.end_time) return info.end_time - info.start_time;
  return info.status === 'RUNNING' ? now - info.start_time : null;
}

export interface RunSource {
  name?: string;
  type?: string;
  commit?: string;
  branch?: string;
  repoUrl?: string;
}

export function runSource(tags: KeyValue[] | undefined): RunSource {
  const pick = (k: string) => tagValue(tags, k) || undefined;
  return {
    name: pick('mlflow.source.name'),
    type: pick('mlflow.source.type'),
    commit: pick('mlflow.source.git.commit'),
    branch: pick('mlflow.source.git.branch'),
    repoUrl: pick('mlflow.source.git.repoURL'),
  };
}

/** User tags (editable) and MLflow's own `mlflow.*` tags, each sorted by key. */
export function splitTags(tags: KeyValue[] | undefined): { user: KeyValue[]; system: KeyValue[] } {
  const sorted = [...(tags ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  return { user: sorted.filter((t) => !t.key.startsWith('mlflow.')), system: sorted.filter((t) => t.key.startsWith('mlflow.')) };
}

/**
 * A metric value for a table. Over HTTP, NaN and ±Infinity arrive as strings (MLflow's JSON) or
 * null (plain JSON); over IPC as numbers. Up to 6 significant digits; integers as they are.
 */
export function formatMetricValue(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return 'NaN';
  const n = typeof value === 'number' ? value : Number(value);
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return n.toExponential(4);
  return String(Number(n.toPrecision(6)));
}

export interface SchemaColumn {
  name: string;
  type: string;
}

/** A dataset's `schema` (MLflow's JSON: `mlflow_colspec` or `mlflow_tensorspec`) as columns; null if unreadable. */
export function datasetSchema(schema: string | undefined): SchemaColumn[] | null {
  if (!schema) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(schema);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null) return null;
  const d = doc as Record<string, unknown>;
  if (Array.isArray(d.mlflow_colspec)) return d.mlflow_colspec.map((c: unknown, i) => columnOf(c, i));
  const tensors = d.mlflow_tensorspec as Record<string, unknown> | undefined;
  if (tensors && typeof tensors === 'object') {
    return Object.entries(tensors).flatMap(([role, spec]) => {
      const list: unknown = typeof spec === 'string' ? safeJson(spec) : spec;
      return Array.isArray(list) ? list.map((c: unknown, i) => ({ ...columnOf(c, i), name: `${role}: ${columnOf(c, i).name}` })) : [];
    });
  }
  return null;
}

const safeJson = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
};

function columnOf(spec: unknown, i: number): SchemaColumn {
  const name = typeof spec === 'object' && spec !== null && typeof (spec as { name?: unknown }).name === 'string' ? (spec as { name: string }).name : `[${i}]`;
  return { name, type: describeType(spec) };
}

/** The `mlflow.data.context` tag of a dataset input (`training`, `eval` …). */
export const datasetContext = (input: DatasetInput): string | undefined => tagValue(input.tags, 'mlflow.data.context');
