/**
 * What was imported from where (sextant import): each source (an mlruns folder, an mlflow.db, a
 * bundle, known by its identity), which local experiment, registered model and logged model each
 * of its items became (so a re-import merges into them, even after a rename or a renumbering),
 * and the runs it brought in (`complete` 0 while an import of the run is under way or was
 * interrupted: the next import of that source finishes it).
 */
export const sql = `
CREATE TABLE import_sources (
  identity      TEXT PRIMARY KEY,                 -- stable across imports of the same source
  kind          TEXT NOT NULL,                    -- mlruns | mlflow-db | bundle
  label         TEXT NOT NULL,                    -- as last seen, for messages
  first_time    INTEGER NOT NULL,
  last_time     INTEGER NOT NULL,
  last_summary  TEXT NOT NULL DEFAULT ''          -- the last finished import's summary line
) WITHOUT ROWID;
CREATE TABLE import_ids (
  source    TEXT NOT NULL,
  kind      TEXT NOT NULL,                        -- experiment | registered_model | logged_model
  source_id TEXT NOT NULL,                        -- the id (or name) in the source
  local_id  TEXT NOT NULL,                        -- the id (or name) here
  PRIMARY KEY (source, kind, source_id)
) WITHOUT ROWID;
CREATE TABLE import_runs (
  run_id    TEXT PRIMARY KEY,                     -- the same id in the source and here
  source    TEXT NOT NULL,
  complete  INTEGER NOT NULL DEFAULT 0,           -- 1 once an import copied everything the source had
  time      INTEGER NOT NULL
) WITHOUT ROWID;
`;
