import type { KeyValue } from '../../../store/ops/op-types';
import type { SourceRun } from '../import-source';
import { lifecycle, millis, text } from './sql-values';
import type { MlflowSchema } from './mlflow-schema';
import type { MlflowSqlite, Row } from './mlflow-sqlite';
import { readRunInputs } from './read-run-inputs';

const RUN_BATCH = 200;
const RUN_NAME_TAG = 'mlflow.runName';

/**
 * The runs of one experiment, deleted ones included, oldest first, each with its params, tags,
 * metric keys and inputs. Run rows are read in batches as they are consumed.
 */
export async function* readRuns(db: MlflowSqlite, schema: MlflowSchema, experimentId: string): AsyncGenerator<SourceRun> {
  const name = schema.has('runs', 'name') ? 'name' : "''";
  const rows = db.batches(
    `experiment ${experimentId} runs`,
    `SELECT run_uuid, ${name}, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri
       FROM runs WHERE experiment_id = ? ORDER BY start_time, run_uuid`,
    [Number(experimentId)],
    RUN_BATCH,
  );
  for await (const batch of rows) {
    for (const row of batch) yield readRun(db, schema, experimentId, row);
  }
}

function readRun(db: MlflowSqlite, schema: MlflowSchema, experimentId: string, row: Row): SourceRun {
  const [uuid, name, user, status, start, end, stage, artifactUri] = row;
  const runId = text(uuid);
  const item = `run ${runId}`;
  const pairs = (sql: string): KeyValue[] => db.all(item, sql, [runId]).map(([key, value]) => ({ key: text(key), value: text(value) }));
  const tags = pairs(`SELECT key, value FROM tags${schema.byRun('tags')} WHERE run_uuid = ? ORDER BY key`);
  return {
    runId,
    experimentId,
    name: text(name) || (tags.find((t) => t.key === RUN_NAME_TAG)?.value ?? ''),
    userId: text(user),
    status: text(status) || 'RUNNING',
    startTime: millis(start),
    endTime: millis(end),
    lifecycle: lifecycle(stage),
    artifactUri: text(artifactUri),
    params: pairs(`SELECT key, value FROM params${schema.byRun('params')} WHERE run_uuid = ? ORDER BY key`),
    tags,
    metricKeys: db.all(item, `SELECT DISTINCT key FROM metrics${schema.byRun('metrics')} WHERE run_uuid = ? ORDER BY key`, [runId]).map(([k]) => text(k)),
    ...readRunInputs(db, schema, runId),
  };
}
