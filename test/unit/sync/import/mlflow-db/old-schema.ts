// Hand-built MLflow SQLite databases of old schemas, table by table as MLflow's first Alembic
// revisions left them (mlflow/store/db_migrations/versions), for tests that old files read.
import { writeFileSync } from 'node:fs';
import type { SqlValue } from 'sql.js';
import { loadSqlJs } from '../../../../../electron/store/database';

/** MLflow 1.0–1.1 (revision 451aebb31d03: metrics.step added; no is_nan, no experiment tags, no latest_metrics, no registry). */
const MLFLOW_1_0 = `
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
CREATE TABLE experiments (experiment_id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, name VARCHAR(256) NOT NULL UNIQUE, artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32));
CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL PRIMARY KEY, name VARCHAR(250), source_type VARCHAR(20), source_name VARCHAR(500), entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(20), start_time BIGINT, end_time BIGINT, source_version VARCHAR(50), lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER REFERENCES experiments (experiment_id));
CREATE TABLE tags (key VARCHAR(250) NOT NULL, value VARCHAR(250), run_uuid VARCHAR(32) NOT NULL REFERENCES runs (run_uuid), PRIMARY KEY (key, run_uuid));
CREATE TABLE params (key VARCHAR(250) NOT NULL, value VARCHAR(250) NOT NULL, run_uuid VARCHAR(32) NOT NULL REFERENCES runs (run_uuid), PRIMARY KEY (key, run_uuid));
CREATE TABLE metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL REFERENCES runs (run_uuid), step BIGINT DEFAULT '0' NOT NULL, PRIMARY KEY (key, timestamp, step, run_uuid, value));
INSERT INTO alembic_version VALUES ('451aebb31d03');
`;

/** MLflow 1.20-ish (revision 0c779009ac13... minus what came later): is_nan, experiment tags, latest_metrics, the registry without aliases, no datasets. */
const MLFLOW_1_20_EXTRA = `
CREATE TABLE experiment_tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id), PRIMARY KEY (key, experiment_id));
CREATE TABLE latest_metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT, step BIGINT NOT NULL, is_nan BOOLEAN NOT NULL, run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid));
CREATE TABLE registered_models (name VARCHAR(256) NOT NULL PRIMARY KEY, creation_time BIGINT, last_updated_time BIGINT, description VARCHAR(5000));
CREATE TABLE model_versions (name VARCHAR(256) NOT NULL REFERENCES registered_models (name), version INTEGER NOT NULL, creation_time BIGINT, last_updated_time BIGINT, description VARCHAR(5000), user_id VARCHAR(256), current_stage VARCHAR(20), source VARCHAR(500), run_id VARCHAR(32), status VARCHAR(20), status_message VARCHAR(500), run_link VARCHAR(500), PRIMARY KEY (name, version));
CREATE TABLE registered_model_tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), name VARCHAR(256) NOT NULL, PRIMARY KEY (key, name));
CREATE TABLE model_version_tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), name VARCHAR(256) NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (key, name, version));
ALTER TABLE metrics ADD COLUMN is_nan BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN deleted_time BIGINT;
UPDATE alembic_version SET version_num = '0c779009ac13';
`;

/** MLflow 0.9 (its initial tables, before Alembic revisions were run on them): no step in metrics, no alembic_version. */
const MLFLOW_0_9 = MLFLOW_1_0
  .replace(", step BIGINT DEFAULT '0' NOT NULL, PRIMARY KEY (key, timestamp, step, run_uuid, value)", ', PRIMARY KEY (key, timestamp, run_uuid)')
  .replace(/CREATE TABLE alembic_version[^;]*;|INSERT INTO alembic_version[^;]*;/g, '');

export type OldSchema = '0.9' | '1.0' | '1.20';

/** Writes an mlflow.db of that schema holding `rows` (table → rows of values in column order) and returns its path. */
export async function writeOldSchemaDb(path: string, schema: OldSchema, rows: Record<string, SqlValue[][]>): Promise<string> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec(schema === '0.9' ? MLFLOW_0_9 : MLFLOW_1_0);
  if (schema === '1.20') db.exec(MLFLOW_1_20_EXTRA);
  db.exec('BEGIN');
  for (const [table, list] of Object.entries(rows)) {
    if (list.length === 0) continue;
    const insert = db.prepare(`INSERT INTO ${table} VALUES (${list[0]!.map(() => '?').join(', ')})`);
    for (const row of list) insert.run(row);
    insert.free();
  }
  db.exec('COMMIT');
  writeFileSync(path, db.export());
  db.close();
  return path;
}
