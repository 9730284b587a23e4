/**
 * The model registry, in MLflow's SQL-store shape. Version numbers are integers here and
 * strings on the wire. A deleted version keeps its row (stage `Deleted_Internal`, source and run
 * redacted) so numbers are never reused.
 */
export const sql = `
CREATE TABLE registered_models (
  name              TEXT PRIMARY KEY,
  creation_time     INTEGER NOT NULL,
  last_updated_time INTEGER NOT NULL,
  description       TEXT NOT NULL DEFAULT ''
);
CREATE TABLE registered_model_tags (
  name  TEXT NOT NULL,
  key   TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (name, key)
);
CREATE TABLE model_versions (
  name              TEXT NOT NULL,
  version           INTEGER NOT NULL,
  creation_time     INTEGER NOT NULL,
  last_updated_time INTEGER NOT NULL,
  description       TEXT NOT NULL DEFAULT '',
  user_id           TEXT NOT NULL DEFAULT '',
  current_stage     TEXT NOT NULL DEFAULT 'None',
  source            TEXT NOT NULL,
  storage_location  TEXT NOT NULL DEFAULT '',
  run_id            TEXT NOT NULL DEFAULT '',
  run_link          TEXT NOT NULL DEFAULT '',
  status            TEXT NOT NULL DEFAULT 'READY',
  status_message    TEXT NOT NULL DEFAULT '',
  model_id          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (name, version)
);
CREATE INDEX model_versions_by_run ON model_versions(run_id);
CREATE TABLE model_version_tags (
  name    TEXT NOT NULL,
  version INTEGER NOT NULL,
  key     TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (name, version, key)
);
CREATE TABLE registered_model_aliases (
  name    TEXT NOT NULL,
  alias   TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (name, alias)
);
`;
