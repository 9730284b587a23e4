import type { RunStatus } from '../../../shared/domain/tracking';
import type { Database } from '../database';
import { runInputs, runOutputs } from '../repos/inputs-repo';
import type { KeyInterner } from './key-interner';
import type { DatasetRef, RunRecord } from './run-record';

/** Which runs to load: a condition on a `run_id` column (given its qualified name) and its values. */
export interface RunSelection {
  where: (column: string) => string;
  params: (string | number)[];
}

/** Runs by id (at most a few hundred: SQLite's variable limit). */
export const runsById = (ids: readonly string[]): RunSelection => ({
  where: (c) => `${c} IN (${ids.map(() => '?').join(',')})`,
  params: [...ids],
});

/** Runs with ids in (after, upTo]. */
export const runsInRange = (after: string, upTo: string): RunSelection => ({
  where: (c) => `${c} > ? AND ${c} <= ?`,
  params: [after, upTo],
});

const DATASET_CONTEXT_TAG = 'mlflow.data.context';
const EMPTY: readonly never[] = Object.freeze([]);
const NO_METRICS = new Float64Array(0);

interface KeyValues {
  keys: readonly string[];
  values: string[];
}

type RunRowTuple = [string, string, string, string, RunStatus, number | null, number | null, 'active' | 'deleted', string];

/**
 * Reads the selected runs with one query per table, in the shapes today's answer has (the
 * same repos build inputs and outputs). Runs the selection does not find are simply absent.
 */
export function loadRunRecords(db: Database, sel: RunSelection, interner: KeyInterner): RunRecord[] {
  const rows = db.rows(
    `SELECT run_id, experiment_id, name, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri FROM runs WHERE ${sel.where('run_id')}`,
    sel.params,
  ) as RunRowTuple[];
  if (rows.length === 0) return [];
  const params = keyValues(db, 'params', sel, interner);
  const tags = keyValues(db, 'tags', sel, interner);
  const metrics = latestPoints(db, sel, interner);
  const inputs = new Map<string, RunRecord['inputs']>();
  const outputs = new Map<string, RunRecord['outputs']>();
  // Inputs and outputs are rare: ask for them only for runs that have any.
  const withInputs = db.column<string>(`SELECT DISTINCT run_id FROM inputs WHERE ${sel.where('run_id')}`, sel.params);
  if (withInputs.length) for (const chunk of chunked(withInputs)) for (const [id, v] of runInputs(db, chunk)) inputs.set(id, v);
  const withOutputs = db.column<string>(`SELECT DISTINCT run_id FROM run_outputs WHERE ${sel.where('run_id')}`, sel.params);
  if (withOutputs.length) for (const chunk of chunked(withOutputs)) for (const [id, v] of runOutputs(db, chunk)) outputs.set(id, v);
  return rows.map(([id, experimentId, name, userId, status, startTime, endTime, lifecycle, artifactUri]) => {
    const p = params.get(id);
    const t = tags.get(id);
    const m = metrics.get(id);
    const runInputsOf = inputs.get(id) ?? EMPTY_INPUTS;
    return {
      id,
      experimentId: interner.intern(experimentId),
      name,
      userId: interner.intern(userId),
      status: interner.intern(status) as RunStatus,
      startTime,
      endTime,
      lifecycle,
      artifactUri,
      paramKeys: p?.keys ?? EMPTY,
      paramValues: p?.values ?? EMPTY,
      tagKeys: t?.keys ?? EMPTY,
      tagValues: t?.values ?? EMPTY,
      metricKeys: m?.keys ?? EMPTY,
      metricPoints: m ? m.points : NO_METRICS,
      datasets: datasetRefs(runInputsOf),
      inputs: runInputsOf,
      outputs: outputs.get(id) ?? EMPTY_OUTPUTS,
      json: undefined,
    };
  });
}

const EMPTY_INPUTS: RunRecord['inputs'] = Object.freeze({});
const EMPTY_OUTPUTS: RunRecord['outputs'] = Object.freeze({});

function* chunked(ids: string[]): Generator<string[]> {
  for (let i = 0; i < ids.length; i += 500) yield ids.slice(i, i + 500);
}

/** What the dataset clauses of a filter match against (the SQL joins inputs, datasets and input_tags the same way). */
function datasetRefs(inputs: RunRecord['inputs']): readonly DatasetRef[] {
  const list = inputs.dataset_inputs;
  if (!list?.length) return EMPTY;
  return list.map((d) => ({ name: d.dataset.name, digest: d.dataset.digest, context: d.tags?.find((t) => t.key === DATASET_CONTEXT_TAG)?.value ?? null }));
}

/** Short values repeat (`v3`, `FINISHED`, `0.01`): interned; long ones rarely do. */
const internValue = (interner: KeyInterner, v: string) => (v.length <= 24 ? interner.intern(v) : v);

/**
 * Key/value rows grouped per run in SQL (ordered by key, the primary key's order): one row
 * per run instead of one per value, so far fewer crossings of the WASM boundary. JSON carries
 * strings exactly.
 */
function keyValues(db: Database, table: 'params' | 'tags', sel: RunSelection, interner: KeyInterner): Map<string, KeyValues> {
  const out = new Map<string, KeyValues>();
  const sql = `SELECT run_id, json_group_array(key ORDER BY key), json_group_array(value ORDER BY key) FROM ${table} WHERE ${sel.where('run_id')} GROUP BY run_id`;
  for (const [runId, keys, values] of db.rows(sql, sel.params) as [string, string, string][]) {
    const ks = JSON.parse(keys) as string[];
    const vs = JSON.parse(values) as string[];
    for (let i = 0; i < ks.length; i++) {
      ks[i] = interner.intern(ks[i]!);
      vs[i] = internValue(interner, vs[i]!);
    }
    out.set(runId, { keys: interner.internList(ks), values: vs });
  }
  return out;
}

/**
 * Latest points grouped per run, like keyValues. SQLite writes a REAL in JSON with 17
 * significant digits (exact), ±Infinity as ±9e999 (parsed back to ±Infinity); a NaN is stored
 * as NULL with is_nan set, and read back as NaN.
 */
function latestPoints(db: Database, sel: RunSelection, interner: KeyInterner): Map<string, { keys: readonly string[]; points: Float64Array }> {
  const out = new Map<string, { keys: readonly string[]; points: Float64Array }>();
  const sql =
    'SELECT run_id, json_group_array(key ORDER BY key), json_group_array(CASE WHEN is_nan THEN NULL ELSE value END ORDER BY key), ' +
    `json_group_array(timestamp ORDER BY key), json_group_array(step ORDER BY key) FROM latest_metrics WHERE ${sel.where('run_id')} GROUP BY run_id`;
  for (const [runId, keysJson, valuesJson, timesJson, stepsJson] of db.rows(sql, sel.params) as [string, string, string, string, string][]) {
    const keys = JSON.parse(keysJson) as string[];
    const values = JSON.parse(valuesJson) as (number | null)[];
    const times = JSON.parse(timesJson) as number[];
    const steps = JSON.parse(stepsJson) as number[];
    const points = new Float64Array(keys.length * 3);
    for (let i = 0; i < keys.length; i++) {
      keys[i] = interner.intern(keys[i]!);
      const v = values[i];
      points[3 * i] = v === null || v === undefined ? Number.NaN : v;
      points[3 * i + 1] = times[i]!;
      points[3 * i + 2] = steps[i]!;
    }
    out.set(runId, { keys: interner.internList(keys), points });
  }
  return out;
}
