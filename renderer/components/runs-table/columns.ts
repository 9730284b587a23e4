import { formatDate } from '../format-date';
import { formatDuration, formatNumber, runDuration, type RunRecord } from './run-values';

/**
 * Table columns. A column id is MLflow's own identifier for the value (`params.lr`,
 * `metrics.loss`, `tags.team`, `attributes.status`), so it doubles as the sort and group key.
 */
export type ColumnKind = 'attribute' | 'metric' | 'param' | 'tag';

export interface Column {
  id: string;
  kind: ColumnKind;
  key: string;
  label: string;
  width: number;
}

const PREFIX: Record<ColumnKind, string> = { attribute: 'attributes', metric: 'metrics', param: 'params', tag: 'tags' };
const KIND_BY_PREFIX: Record<string, ColumnKind> = { attributes: 'attribute', metrics: 'metric', params: 'param', tags: 'tag' };

export const columnId = (kind: ColumnKind, key: string) => `${PREFIX[kind]}.${key}`;

export function parseColumnId(id: string): { kind: ColumnKind; key: string } | null {
  const dot = id.indexOf('.');
  if (dot <= 0) return null;
  const kind = KIND_BY_PREFIX[id.slice(0, dot)];
  return kind ? { kind, key: id.slice(dot + 1) } : null;
}

/** The name column is always first and always shown; the others are picked. */
export const NAME_COLUMN: Column = { id: 'attributes.run_name', kind: 'attribute', key: 'run_name', label: 'Run', width: 200 };

export const ATTRIBUTE_COLUMNS: Column[] = [
  { id: 'attributes.status', kind: 'attribute', key: 'status', label: 'Status', width: 100 },
  { id: 'attributes.start_time', kind: 'attribute', key: 'start_time', label: 'Started', width: 160 },
  { id: 'attributes.duration', kind: 'attribute', key: 'duration', label: 'Duration', width: 100 },
  { id: 'attributes.user_id', kind: 'attribute', key: 'user_id', label: 'User', width: 110 },
  { id: 'attributes.source', kind: 'attribute', key: 'source', label: 'Source', width: 170 },
  { id: 'attributes.end_time', kind: 'attribute', key: 'end_time', label: 'Ended', width: 160 },
  { id: 'attributes.run_id', kind: 'attribute', key: 'run_id', label: 'Run ID', width: 280 },
];
const DEFAULT_ATTRIBUTES = ['status', 'start_time', 'duration', 'user_id', 'source'];
const WIDTH: Record<ColumnKind, number> = { attribute: 120, metric: 120, param: 120, tag: 150 };

export interface AvailableKeys {
  metrics: string[];
  params: string[];
  tags: string[];
  /** Attribute keys (`user_id`, `source`, …) no loaded run has a value for: left out of the defaults. */
  emptyAttributes?: string[];
}

/** Attributes that can be blank in every run (the others always have a value once a run exists). */
const OPTIONAL_ATTRIBUTES: Record<string, (r: RunRecord) => boolean> = {
  user_id: (r) => r.user !== '',
  source: (r) => r.source !== '',
  start_time: (r) => r.start !== null,
  end_time: (r) => r.end !== null,
  duration: (r) => r.start !== null,
};

/** The optional attributes no run has a value for; none when there are no runs (yet). */
export function emptyAttributeKeys(records: readonly RunRecord[]): string[] {
  if (records.length === 0) return [];
  const empty = new Set(Object.keys(OPTIONAL_ATTRIBUTES));
  for (const r of records) {
    for (const k of empty) if (OPTIONAL_ATTRIBUTES[k]!(r)) empty.delete(k);
    if (empty.size === 0) break;
  }
  return [...empty];
}

export const isSystemTag = (key: string) => key.startsWith('mlflow.');

/**
 * Every metric, param and tag key present in the runs, sorted. Runs with the same keys (most
 * of them: one training script) are looked at once, so 10,000 runs cost 10,000 set lookups.
 * Also which optional attributes are blank in every run.
 */
export function discoverKeys(records: readonly RunRecord[]): AvailableKeys {
  const metrics = new Set<string>();
  const params = new Set<string>();
  const tags = new Set<string>();
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.keySig)) continue;
    seen.add(r.keySig);
    for (const k of r.metricKeys) metrics.add(k);
    for (const k of r.paramKeys) params.add(k);
    for (const k of r.tagKeys) tags.add(k);
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { metrics: sorted(metrics), params: sorted(params), tags: sorted(tags), emptyAttributes: emptyAttributeKeys(records) };
}

/**
 * Defaults: the usual attributes (less those no run has), then metrics, params and user tags,
 * at most `max` of those.
 */
export function defaultColumnIds(keys: AvailableKeys, max = 30): string[] {
  const empty = new Set(keys.emptyAttributes ?? []);
  const data = [
    ...keys.metrics.map((k) => columnId('metric', k)),
    ...keys.params.map((k) => columnId('param', k)),
    ...keys.tags.filter((k) => !isSystemTag(k)).map((k) => columnId('tag', k)),
  ].slice(0, max);
  return [...DEFAULT_ATTRIBUTES.filter((k) => !empty.has(k)).map((k) => columnId('attribute', k)), ...data];
}

export function columnFor(id: string): Column | null {
  const attr = ATTRIBUTE_COLUMNS.find((c) => c.id === id);
  if (attr) return attr;
  const parsed = parseColumnId(id);
  if (!parsed || parsed.kind === 'attribute' || parsed.key === '') return null;
  return { id, kind: parsed.kind, key: parsed.key, label: parsed.key, width: WIDTH[parsed.kind] };
}

/** The picked columns (or the defaults when nothing was picked), unknown ids dropped. */
export function resolveColumns(ids: readonly string[] | null, keys: AvailableKeys): Column[] {
  const out: Column[] = [];
  const seen = new Set<string>();
  for (const id of ids ?? defaultColumnIds(keys)) {
    const col = seen.has(id) ? null : columnFor(id);
    if (col && col.id !== NAME_COLUMN.id) {
      out.push(col);
      seen.add(id);
    }
  }
  return out;
}

/** The raw value of a cell: what sorting, grouping and CSV use. */
export function cellValue(r: RunRecord, c: Column, now: number): string | number | null {
  switch (c.kind) {
    case 'metric':
      return c.key in r.metrics ? r.metrics[c.key]! : null;
    case 'param':
      return r.params[c.key] ?? null;
    case 'tag':
      return r.tags[c.key] ?? null;
    case 'attribute':
      switch (c.key) {
        case 'run_name': return r.name;
        case 'status': return r.status;
        case 'start_time': return r.start;
        case 'end_time': return r.end;
        case 'duration': return runDuration(r, now);
        case 'user_id': return r.user;
        case 'source': return r.source;
        case 'run_id': return r.id;
        default: return null;
      }
  }
}

/** What a cell shows. */
export function cellText(r: RunRecord, c: Column, now: number): string {
  const v = cellValue(r, c, now);
  if (v === null) return '';
  if (c.kind === 'attribute') {
    if (c.key === 'start_time' || c.key === 'end_time') return formatDate(v as number);
    if (c.key === 'duration') return formatDuration(v as number);
  }
  return typeof v === 'number' ? formatNumber(v) : v;
}
