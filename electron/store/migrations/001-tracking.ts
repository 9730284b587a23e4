/**
 * The tracking schema. Column names follow MLflow's SQL store where one exists, so search
 * compiles to familiar SQL; times are epoch milliseconds.
 *
 * Metric *histories* are not here: they live in append-only files under series/ (see
 * series-files.ts). `series` maps (run, key) to a file and carries what the history readers
 * need without opening it; `latest_metrics` holds the value MLflow shows for a run.
 * The key/value tables are WITHOUT ROWID: clustered by (run_id, key), which is how runs are
 * assembled and searched (measured 17-25% faster searches).
 */
export const sql = `
CREATE TABLE experiments (
  experiment_id     TEXT PRIMARY KEY,
  name              TEXT NOT NULL UNIQUE,
  artifact_location TEXT NOT NULL,
  lifecycle_stage   TEXT NOT NULL DEFAULT 'active',
  creation_time     INTEGER NOT NULL,
  last_update_time  INTEGER NOT NULL
);
CREATE TABLE experiment_tags (
  experiment_id TEXT NOT NULL REFERENCES experiments(experiment_id),
  key   TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (experiment_id, key)
);
CREATE TABLE runs (
  run_id          TEXT PRIMARY KEY,
  experiment_id   TEXT NOT NULL REFERENCES experiments(experiment_id),
  name            TEXT NOT NULL,
  user_id         TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL,
  start_time      INTEGER,
  end_time        INTEGER,
  deleted_time    INTEGER,
  lifecycle_stage TEXT NOT NULL DEFAULT 'active',
  artifact_uri    TEXT NOT NULL,
  last_update_time INTEGER NOT NULL
);
CREATE INDEX runs_by_experiment ON runs(experiment_id, lifecycle_stage, start_time);
CREATE TABLE params (
  run_id TEXT NOT NULL REFERENCES runs(run_id),
  key    TEXT NOT NULL,
  value  TEXT NOT NULL,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE INDEX params_by_key ON params(key, value);
CREATE TABLE tags (
  run_id TEXT NOT NULL REFERENCES runs(run_id),
  key    TEXT NOT NULL,
  value  TEXT NOT NULL,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE INDEX tags_by_key ON tags(key, value);
-- value is NULL when is_nan = 1 (SQLite has no NaN); +-Infinity are stored as REAL infinities.
CREATE TABLE latest_metrics (
  run_id    TEXT NOT NULL REFERENCES runs(run_id),
  key       TEXT NOT NULL,
  value     REAL,
  is_nan    INTEGER NOT NULL DEFAULT 0,
  timestamp INTEGER NOT NULL,
  step      INTEGER NOT NULL,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE INDEX latest_metrics_by_key ON latest_metrics(key, value);
CREATE TABLE series (
  series_id INTEGER PRIMARY KEY,
  run_id    TEXT NOT NULL,
  key       TEXT NOT NULL,
  points    INTEGER NOT NULL DEFAULT 0,
  min_step  INTEGER,
  max_step  INTEGER,
  ordered   INTEGER NOT NULL DEFAULT 1, -- 1 while points arrived in (timestamp, step, value) order
  by_step   INTEGER NOT NULL DEFAULT 1, -- 1 while steps never decreased
  last_t    INTEGER,                    -- the last point appended (ordering checks continue from it)
  last_s    INTEGER,
  last_v    REAL,
  UNIQUE (run_id, key)
);
CREATE TABLE datasets (
  dataset_id    TEXT PRIMARY KEY,
  experiment_id TEXT NOT NULL,
  name          TEXT NOT NULL,
  digest        TEXT NOT NULL,
  source_type   TEXT NOT NULL,
  source        TEXT NOT NULL,
  schema        TEXT,
  profile       TEXT,
  UNIQUE (experiment_id, name, digest)
);
-- Run inputs: datasets (source_type 'DATASET') and logged models (source_type 'MODEL').
CREATE TABLE inputs (
  input_id    TEXT PRIMARY KEY,
  source_type TEXT NOT NULL,
  source_id   TEXT NOT NULL,
  run_id      TEXT NOT NULL,
  step        INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source_type, source_id, run_id)
);
CREATE TABLE input_tags (
  input_id TEXT NOT NULL,
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (input_id, key)
);
CREATE TABLE run_outputs (
  run_id   TEXT NOT NULL,
  model_id TEXT NOT NULL,
  step     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, model_id)
);
CREATE TABLE logged_models (
  model_id          TEXT PRIMARY KEY,
  experiment_id     TEXT NOT NULL,
  name              TEXT NOT NULL,
  artifact_uri      TEXT NOT NULL,
  creation_time     INTEGER NOT NULL,
  last_update_time  INTEGER NOT NULL,
  status            INTEGER NOT NULL,
  status_message    TEXT NOT NULL DEFAULT '',
  lifecycle_stage   TEXT NOT NULL DEFAULT 'active',
  model_type        TEXT NOT NULL DEFAULT '',
  source_run_id     TEXT
);
CREATE TABLE logged_model_params (
  model_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (model_id, key)
);
CREATE TABLE logged_model_tags (
  model_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (model_id, key)
);
CREATE TABLE logged_model_metrics (
  model_id TEXT NOT NULL,
  key      TEXT NOT NULL,
  value    REAL,
  is_nan   INTEGER NOT NULL DEFAULT 0,
  timestamp INTEGER NOT NULL,
  step     INTEGER NOT NULL,
  run_id   TEXT NOT NULL DEFAULT '',
  dataset_name   TEXT NOT NULL DEFAULT '',
  dataset_digest TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (model_id, key, timestamp, step, run_id, dataset_name, dataset_digest)
);
-- Sync (later): per-remote maps from local IDs to the IDs a remote server minted.
CREATE TABLE remote_ids (
  remote    TEXT NOT NULL,
  kind      TEXT NOT NULL,
  local_id  TEXT NOT NULL,
  remote_id TEXT NOT NULL,
  synced_at INTEGER NOT NULL,
  PRIMARY KEY (remote, kind, local_id)
);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;
