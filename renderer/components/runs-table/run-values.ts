import type { Run, RunStatus } from '../../../shared/domain/tracking';

/**
 * One run flattened for the table: attributes, and params, latest metrics and tags as plain
 * lookup objects, so a cell is one property read. Built once per Run object (cached).
 */
export interface RunRecord {
  id: string;
  name: string;
  status: RunStatus;
  start: number | null;
  end: number | null;
  user: string;
  source: string;
  parentId: string | null;
  deleted: boolean;
  params: Record<string, string>;
  /** Parsed: the wire's "NaN"/"Infinity"/"-Infinity" strings become the numbers. */
  metrics: Record<string, number>;
  tags: Record<string, string>;
  /**
   * The run's metric, param and tag keys; runs logged by the same code share one `keySig`, and
   * the very same (read-only) key lists: 50,000 runs of one script hold one set, not 50,000.
   */
  metricKeys: readonly string[];
  paramKeys: readonly string[];
  tagKeys: readonly string[];
  keySig: string;
}

export const PARENT_TAG = 'mlflow.parentRunId';
export const SOURCE_TAG = 'mlflow.source.name';

/** A metric value as it may arrive: a number, or MLflow's string spelling of NaN and the infinities. */
export function metricNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v.trim() === '') return NaN;
  if (v === 'Infinity' || v === '+Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return Number(v); // "NaN" and anything unparsable → NaN
}

const cache = new WeakMap<Run, RunRecord>();

interface KeySet {
  keySig: string;
  metricKeys: readonly string[];
  paramKeys: readonly string[];
  tagKeys: readonly string[];
}

/**
 * One key set per distinct signature. Runs of one script share a signature of a few hundred
 * characters: set lookups of the same string object compare no characters (discovering the keys
 * of 50,000 runs compares no long strings), and the key lists are held once.
 */
const keySets = new Map<string, KeySet>();
const MAX_KEY_SETS = 10_000;
export function sharedKeys(metricKeys: string[], paramKeys: string[], tagKeys: string[]): KeySet {
  const keySig = JSON.stringify([metricKeys, paramKeys, tagKeys]);
  const known = keySets.get(keySig);
  if (known) return known;
  const set = { keySig, metricKeys, paramKeys, tagKeys };
  if (keySets.size >= MAX_KEY_SETS) keySets.clear(); // runs that each log other keys: sharing saves nothing
  keySets.set(keySig, set);
  return set;
}

function lookup(list: { key: string; value: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (list) for (const kv of list) out[kv.key] = kv.value;
  return out;
}

export function indexRun(run: Run): RunRecord {
  const hit = cache.get(run);
  if (hit) return hit;
  const metrics: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const m of run.data.metrics ?? []) metrics[m.key] = metricNumber(m.value);
  const tags = lookup(run.data.tags);
  const info = run.info;
  const params = lookup(run.data.params);
  const keys = sharedKeys(Object.keys(metrics), Object.keys(params), Object.keys(tags));
  const record: RunRecord = {
    id: info.run_id,
    name: info.run_name || info.run_id,
    status: info.status,
    start: info.start_time ?? null,
    end: info.end_time ?? null,
    user: info.user_id ?? '',
    source: tags[SOURCE_TAG] ?? '',
    parentId: tags[PARENT_TAG] ?? null,
    deleted: info.lifecycle_stage === 'deleted',
    params,
    metrics,
    tags,
    metricKeys: keys.metricKeys,
    paramKeys: keys.paramKeys,
    tagKeys: keys.tagKeys,
    keySig: keys.keySig,
  };
  cache.set(run, record);
  return record;
}

/** Elapsed time of a run; a run still going counts up to `now`. */
export function runDuration(r: RunRecord, now: number): number | null {
  if (r.start === null) return null;
  if (r.end !== null) return Math.max(0, r.end - r.start);
  return r.status === 'RUNNING' ? Math.max(0, now - r.start) : null;
}

/** Short, stable number text: integers as they are, others to 6 significant digits. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '∞';
  if (n === -Infinity) return '−∞';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const a = Math.abs(n);
  if (a < 1e-4 || a >= 1e12) return n.toExponential(3);
  return String(Number(n.toPrecision(6)));
}

/** Fewer digits, for tight spots (group ranges): 4 significant digits. */
export function formatShort(n: number): string {
  if (!Number.isFinite(n) || (Number.isInteger(n) && Math.abs(n) < 1e6)) return formatNumber(n);
  const a = Math.abs(n);
  if (a < 1e-3 || a >= 1e9) return n.toExponential(2);
  return String(Number(n.toPrecision(4)));
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(Math.floor(s % 60))}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
