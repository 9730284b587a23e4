/**
 * Sync state, per remote MLflow server. `sync_ids` is the ID map (a cache of the lineage tags
 * on the remote, which can rebuild it); the other tables record what of each local run the
 * remote already has, so a push sends only what changed, found from the store alone.
 */
export const sql = `
DROP TABLE IF EXISTS remote_ids; -- an unused placeholder of 001, replaced by sync_ids
CREATE TABLE remotes (
  name          TEXT PRIMARY KEY,
  url           TEXT NOT NULL,
  auth_kind     TEXT NOT NULL DEFAULT 'none',  -- none | basic | bearer
  username      TEXT NOT NULL DEFAULT '',
  secret_env    TEXT NOT NULL DEFAULT '',      -- the environment variable holding the password or token
  created_time  INTEGER NOT NULL,
  last_sync_time  INTEGER,
  last_sync_state TEXT NOT NULL DEFAULT ''      -- the last push or pull's one-line summary
);
CREATE TABLE sync_ids (
  remote    TEXT NOT NULL,
  kind      TEXT NOT NULL,                      -- experiment | run | logged_model | model_version (<name>/<version>)
  local_id  TEXT NOT NULL,
  remote_id TEXT NOT NULL,
  PRIMARY KEY (remote, kind, local_id)
) WITHOUT ROWID;
CREATE TABLE sync_runs (
  remote      TEXT NOT NULL,
  run_id      TEXT NOT NULL,
  name        TEXT,
  status      TEXT,
  end_time    INTEGER,
  lifecycle   TEXT,
  params      INTEGER NOT NULL DEFAULT 0,         -- params the remote has (write-once, so a count)
  inputs      INTEGER NOT NULL DEFAULT 0,         -- dataset inputs the remote has
  PRIMARY KEY (remote, run_id)
) WITHOUT ROWID;
CREATE TABLE sync_tags (
  remote  TEXT NOT NULL,
  run_id  TEXT NOT NULL,                          -- a run id, or experiment:<id> for an experiment's tags
  key     TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (remote, run_id, key)
) WITHOUT ROWID;
CREATE TABLE sync_series (
  remote  TEXT NOT NULL,
  run_id  TEXT NOT NULL,
  key     TEXT NOT NULL,
  points  INTEGER NOT NULL,                       -- points (in append order) the remote has
  PRIMARY KEY (remote, run_id, key)
) WITHOUT ROWID;
CREATE TABLE sync_artifacts (
  remote  TEXT NOT NULL,
  run_id  TEXT NOT NULL,
  path    TEXT NOT NULL,
  size    INTEGER NOT NULL,
  mtime   INTEGER NOT NULL,
  PRIMARY KEY (remote, run_id, path)
) WITHOUT ROWID;
`;
