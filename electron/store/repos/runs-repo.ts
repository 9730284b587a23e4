import { invalidParam, notFound } from '../../../shared/domain/mlflow-error';
import type { KeyValue, Metric, Run, RunInfo, RunStatus } from '../../../shared/domain/tracking';
import type { Database } from '../database';
import { chunks } from './chunks';
import { runInputs, runOutputs } from './inputs-repo';
import { latestMetrics } from './metrics-repo';

export interface RunRow {
  run_id: string;
  experiment_id: string;
  name: string;
  user_id: string;
  status: RunStatus;
  start_time: number | null;
  end_time: number | null;
  deleted_time: number | null;
  lifecycle_stage: 'active' | 'deleted';
  artifact_uri: string;
}

export function findRun(db: Database, runId: string): RunRow | undefined {
  return db.get<RunRow>('SELECT * FROM runs WHERE run_id = ?', [runId]);
}

export function requireRun(db: Database, runId: string): RunRow {
  const row = findRun(db, runId);
  if (!row) throw notFound(`Run with id=${runId} not found`);
  return row;
}

export function requireActiveRun(db: Database, runId: string): RunRow {
  const row = requireRun(db, runId);
  if (row.lifecycle_stage !== 'active') {
    throw invalidParam(`The run ${runId} must be in the 'active' state. Current state is ${row.lifecycle_stage}.`);
  }
  return row;
}

export function toRunInfo(row: RunRow): RunInfo {
  return {
    run_id: row.run_id,
    run_uuid: row.run_id,
    run_name: row.name,
    experiment_id: row.experiment_id,
    user_id: row.user_id,
    status: row.status,
    ...(row.start_time !== null ? { start_time: row.start_time } : {}),
    ...(row.end_time !== null ? { end_time: row.end_time } : {}),
    artifact_uri: row.artifact_uri,
    lifecycle_stage: row.lifecycle_stage,
  };
}

const nonEmpty = <K extends string, T>(key: K, list: T[]) => (list.length ? ({ [key]: list } as Record<K, T[]>) : {});

/** Assembles full Run objects for the given rows with one query per child table. */
export function toRuns(db: Database, rows: RunRow[]): Run[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.run_id);
  const params = groupByRun(db, 'params', ids);
  const tags = groupByRun(db, 'tags', ids);
  const metrics = latestMetrics(db, ids);
  const inputs = runInputs(db, ids);
  const outputs = runOutputs(db, ids);
  return rows.map((row) => ({
    info: toRunInfo(row),
    data: {
      ...nonEmpty('metrics', metrics.get(row.run_id) ?? ([] as Metric[])),
      ...nonEmpty('params', params.get(row.run_id) ?? []),
      ...nonEmpty('tags', tags.get(row.run_id) ?? []),
    },
    inputs: inputs.get(row.run_id) ?? {},
    outputs: outputs.get(row.run_id) ?? {},
  }));
}

export function getRun(db: Database, runId: string): Run {
  return toRuns(db, [requireRun(db, runId)])[0]!;
}

/** The key/values of `table` (params or tags) for many runs, grouped by run and sorted by key (the primary key's order). */
function groupByRun(db: Database, table: 'params' | 'tags', ids: string[]): Map<string, KeyValue[]> {
  const out = new Map<string, KeyValue[]>();
  for (const chunk of chunks(ids, 500)) {
    const rows = db.rows(`SELECT run_id, key, value FROM ${table} WHERE run_id IN (${chunk.map(() => '?').join(',')}) ORDER BY run_id, key`, chunk);
    for (const [runId, key, value] of rows as [string, string, string][]) {
      const list = out.get(runId);
      const kv = { key, value };
      if (list) list.push(kv);
      else out.set(runId, [kv]);
    }
  }
  return out;
}

/** The runs and every run nested under them (through `mlflow.parentRunId`), with their experiments. */
export function runsWithDescendants(db: Database, runIds: string[]): { run_id: string; experiment_id: string }[] {
  return db.all(
    `WITH RECURSIVE tree(run_id) AS (
       SELECT value FROM json_each(?)
       UNION SELECT t.run_id FROM tags t JOIN tree ON t.key = 'mlflow.parentRunId' AND t.value = tree.run_id
     )
     SELECT r.run_id, r.experiment_id FROM runs r JOIN tree ON r.run_id = tree.run_id`,
    [JSON.stringify(runIds)],
  );
}
