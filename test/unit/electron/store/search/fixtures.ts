import { createRequire } from 'node:module';
import initSqlJs, { type Database } from 'sql.js';
import { sql as trackingSchema } from '../../../../../electron/store/migrations/001-tracking';
import type { SqlFragment } from '../../../../../electron/store/search/sql-fragment';

const require = createRequire(import.meta.url);
let loaded: ReturnType<typeof initSqlJs> | undefined;

/** A fresh in-memory database with the tracking schema, tuned like electron/store/database.ts. */
export async function trackingDb(): Promise<Database> {
  loaded ??= initSqlJs({ locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm') });
  const SQL = await loaded;
  const db = new SQL.Database();
  db.exec('PRAGMA journal_mode=MEMORY; PRAGMA cache_size=-65536;');
  db.exec(trackingSchema);
  return db;
}

/** Runs a compiled query and returns its first column. */
export function ids(db: Database, query: SqlFragment): string[] {
  const st = db.prepare(query.sql);
  try {
    st.bind(query.params);
    const out: string[] = [];
    while (st.step()) out.push(String(st.get()[0]));
    return out;
  } finally {
    st.free();
  }
}

export interface RunSpec {
  id: string;
  experiment?: string;
  name?: string;
  status?: string;
  user?: string;
  start?: number | null;
  end?: number | null;
  stage?: 'active' | 'deleted';
  artifactUri?: string;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
}

/** Inserts runs (and their experiment rows, metrics, params and tags). */
export function insertRuns(db: Database, runs: readonly RunSpec[]): void {
  db.exec('BEGIN');
  const exp = db.prepare(
    "INSERT OR IGNORE INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time) VALUES (?, ?, '', 0, 0)",
  );
  const run = db.prepare(
    'INSERT INTO runs (run_id, experiment_id, name, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri, last_update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)',
  );
  const metric = db.prepare('INSERT INTO latest_metrics (run_id, key, value, is_nan, timestamp, step) VALUES (?, ?, ?, ?, 0, 0)');
  const param = db.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
  const tag = db.prepare('INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?)');
  for (const r of runs) {
    const experiment = r.experiment ?? '1';
    exp.run([experiment, `exp-${experiment}`]);
    run.run([
      r.id,
      experiment,
      r.name ?? r.id,
      r.user ?? 'alice',
      r.status ?? 'FINISHED',
      r.start === undefined ? 1000 : r.start,
      r.end === undefined ? null : r.end,
      r.stage ?? 'active',
      r.artifactUri ?? `mlflow-artifacts:/${experiment}/${r.id}/artifacts`,
    ]);
    for (const [k, v] of Object.entries(r.metrics ?? {})) metric.run([r.id, k, Number.isNaN(v) ? null : v, Number.isNaN(v) ? 1 : 0]);
    for (const [k, v] of Object.entries(r.params ?? {})) param.run([r.id, k, v]);
    for (const [k, v] of Object.entries(r.tags ?? {})) tag.run([r.id, k, v]);
  }
  for (const st of [exp, run, metric, param, tag]) st.free();
  db.exec('COMMIT');
}

/** Adds a dataset input (with an optional mlflow.data.context tag) to a run. */
export function insertDatasetInput(
  db: Database,
  runId: string,
  dataset: { id: string; name: string; digest: string; context?: string },
): void {
  db.run(
    "INSERT OR IGNORE INTO datasets (dataset_id, experiment_id, name, digest, source_type, source) VALUES (?, '1', ?, ?, 'local', 'x')",
    [dataset.id, dataset.name, dataset.digest],
  );
  const inputId = `${runId}-${dataset.id}`;
  db.run("INSERT INTO inputs (input_id, source_type, source_id, run_id) VALUES (?, 'DATASET', ?, ?)", [inputId, dataset.id, runId]);
  if (dataset.context) {
    db.run("INSERT INTO input_tags (input_id, key, value) VALUES (?, 'mlflow.data.context', ?)", [inputId, dataset.context]);
  }
}
