import type { RunStatus } from '../domain/tracking';
import type { RunsTableColumn, RunsTableKeySet, RunsTablePage, RunsTableValues } from './runs-table-types';

/**
 * How the encoder reads one run, whatever holds it (the read model's records, or Run objects
 * when SQL answered). Key lists are read-only; runs that share the very same arrays (the read
 * model interns them) are recognised without comparing their keys.
 */
export interface TableRunReader<R> {
  id(r: R): string;
  name(r: R): string;
  status(r: R): RunStatus;
  startTime(r: R): number | null;
  endTime(r: R): number | null;
  userId(r: R): string;
  deleted(r: R): boolean;
  metricKeys(r: R): readonly string[];
  paramKeys(r: R): readonly string[];
  tagKeys(r: R): readonly string[];
  /** The latest value of the metric at index `i` of metricKeys (NaN for NaN). */
  metricAt(r: R, i: number): number;
  paramAt(r: R, i: number): string;
  tagAt(r: R, i: number): string;
}

const PARENT_TAG = 'mlflow.parentRunId';
const SOURCE_TAG = 'mlflow.source.name';

/** A metric value as JSON can carry it, spelled as MLflow spells the ones it cannot. */
export function wireMetric(v: number): number | string {
  if (Number.isFinite(v)) return v;
  if (Number.isNaN(v)) return 'NaN';
  return v > 0 ? 'Infinity' : '-Infinity';
}

/** Finds a key in a key list, trying the position it was found at last first (runs share layouts). */
function finder(key: string) {
  let hint = 0;
  return (keys: readonly string[]): number => {
    if (keys[hint] === key) return hint;
    const i = keys.indexOf(key);
    if (i >= 0) hint = i;
    return i;
  };
}

/** Interns keys and key sets for one page. */
function keyTables() {
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const keySets: RunsTableKeySet[] = [];
  const bySignature = new Map<string, number>();
  const byIdentity = new Map<readonly string[], Map<readonly string[], Map<readonly string[], number>>>();
  const indexOf = (k: string) => {
    let i = keyIndex.get(k);
    if (i === undefined) {
      i = keys.length;
      keys.push(k);
      keyIndex.set(k, i);
    }
    return i;
  };
  const setOf = (m: readonly string[], p: readonly string[], t: readonly string[]): number => {
    let byP = byIdentity.get(m);
    if (!byP) byIdentity.set(m, (byP = new Map()));
    let byT = byP.get(p);
    if (!byT) byP.set(p, (byT = new Map()));
    const known = byT.get(t);
    if (known !== undefined) return known;
    const signature = `${m.join('\u0000')}\u0001${p.join('\u0000')}\u0001${t.join('\u0000')}`;
    let i = bySignature.get(signature);
    if (i === undefined) {
      i = keySets.length;
      keySets.push({ metrics: m.map(indexOf), params: p.map(indexOf), tags: t.map(indexOf) });
      bySignature.set(signature, i);
    }
    byT.set(t, i);
    return i;
  };
  return { keys, keySets, setOf };
}

type ColumnAsk = { id: string; kind: 'metric' | 'param' | 'tag'; key: string };

/** The asked column ids the table can carry (metrics, params, tags), each once. */
export function tableColumnAsks(columnIds: readonly string[]): ColumnAsk[] {
  const out: ColumnAsk[] = [];
  const seen = new Set<string>();
  for (const id of columnIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    const dot = id.indexOf('.');
    const prefix = id.slice(0, dot);
    const key = id.slice(dot + 1);
    if (dot <= 0 || key === '') continue;
    if (prefix === 'metrics') out.push({ id, kind: 'metric', key });
    else if (prefix === 'params') out.push({ id, kind: 'param', key });
    else if (prefix === 'tags') out.push({ id, kind: 'tag', key });
  }
  return out;
}

function textColumn<R>(runs: readonly R[], find: (keys: readonly string[]) => number, keysOf: (r: R) => readonly string[], valueAt: (r: R, i: number) => string): RunsTableColumn {
  const dict: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = new Array<number>(runs.length);
  for (let n = 0; n < runs.length; n++) {
    const r = runs[n]!;
    const i = find(keysOf(r));
    if (i < 0) {
      codes[n] = -1;
      continue;
    }
    const v = valueAt(r, i);
    let c = codeOf.get(v);
    if (c === undefined) {
      c = dict.length;
      dict.push(v);
      codeOf.set(v, c);
    }
    codes[n] = c;
  }
  return { kind: 'text', dict, codes };
}

function everyColumn(keys: readonly string[], keySets: readonly RunsTableKeySet[]): string[] {
  const ids = new Set<string>();
  for (const set of keySets) {
    for (const i of set.metrics) ids.add(`metrics.${keys[i]!}`);
    for (const i of set.params) ids.add(`params.${keys[i]!}`);
    for (const i of set.tags) ids.add(`tags.${keys[i]!}`);
  }
  return [...ids];
}

/** A page of runs as the table's columns (see RunsTablePage). */
/** `columnIds` 'all': every metric, param and tag column the page's runs have. */
export function encodeTablePage<R>(runs: readonly R[], read: TableRunReader<R>, columnIds: readonly string[] | 'all', nextPageToken?: string): RunsTablePage {
  const n = runs.length;
  const tables = keyTables();
  const page: RunsTablePage = {
    keys: tables.keys,
    keySets: tables.keySets,
    ids: new Array<string>(n),
    names: new Array<string>(n),
    statuses: new Array<RunStatus>(n),
    startTimes: new Array<number | null>(n),
    endTimes: new Array<number | null>(n),
    users: new Array<string>(n),
    deleted: new Array<0 | 1>(n),
    keySetOf: new Array<number>(n),
    parentIds: new Array<string | null>(n),
    sources: new Array<string>(n),
    columns: {},
  };
  const findParent = finder(PARENT_TAG);
  const findSource = finder(SOURCE_TAG);
  for (let i = 0; i < n; i++) {
    const r = runs[i]!;
    page.ids[i] = read.id(r);
    page.names[i] = read.name(r);
    page.statuses[i] = read.status(r);
    page.startTimes[i] = read.startTime(r);
    page.endTimes[i] = read.endTime(r);
    page.users[i] = read.userId(r);
    page.deleted[i] = read.deleted(r) ? 1 : 0;
    const tagKeys = read.tagKeys(r);
    page.keySetOf[i] = tables.setOf(read.metricKeys(r), read.paramKeys(r), tagKeys);
    const p = findParent(tagKeys);
    page.parentIds[i] = p < 0 ? null : read.tagAt(r, p);
    const s = findSource(tagKeys);
    page.sources[i] = s < 0 ? '' : read.tagAt(r, s);
  }
  page.columns = encodeColumns(runs, read, columnIds === 'all' ? everyColumn(tables.keys, tables.keySets) : columnIds);
  if (nextPageToken) page.nextPageToken = nextPageToken;
  return page;
}

/** The asked param/metric/tag columns of these runs, one value per run each (see RunsTableColumn). */
export function encodeColumns<R>(runs: readonly R[], read: TableRunReader<R>, columnIds: readonly string[]): Record<string, RunsTableColumn> {
  const n = runs.length;
  const columns: Record<string, RunsTableColumn> = {};
  for (const ask of tableColumnAsks(columnIds)) {
    const find = finder(ask.key);
    if (ask.kind === 'metric') {
      const values = new Array<number | string | null>(n);
      for (let i = 0; i < n; i++) {
        const r = runs[i]!;
        const k = find(read.metricKeys(r));
        values[i] = k < 0 ? null : wireMetric(read.metricAt(r, k));
      }
      columns[ask.id] = { kind: 'number', values };
    } else if (ask.kind === 'param') {
      columns[ask.id] = textColumn(runs, find, read.paramKeys, read.paramAt);
    } else {
      columns[ask.id] = textColumn(runs, find, read.tagKeys, read.tagAt);
    }
  }
  return columns;
}

/** Only the asked columns of these runs, by run id (see RunsTableValues). */
export function encodeTableValues<R>(runs: readonly R[], read: TableRunReader<R>, columnIds: readonly string[], nextPageToken?: string): RunsTableValues {
  const values: RunsTableValues = { ids: runs.map((r) => read.id(r)), columns: encodeColumns(runs, read, columnIds) };
  if (nextPageToken) values.nextPageToken = nextPageToken;
  return values;
}
