/**
 * Pulled runs and lazy artifacts. A pulled run keeps its remote run id; `pulled_runs` says which
 * remote it came from (the UI's "pulled from"), where the remote keeps its artifacts, and whether
 * the last pull copied all of it (0 while a pull is under way or was interrupted: the next pull
 * completes it). `lazy_artifacts` lists the files of pulled runs that are recorded but not
 * downloaded yet (`--artifacts lazy`): a read downloads the file and removes its row.
 */
export const sql = `
CREATE TABLE pulled_runs (
  run_id        TEXT PRIMARY KEY,                 -- the local run, which keeps its remote run id
  remote        TEXT NOT NULL,
  artifact_root TEXT NOT NULL,                    -- the remote run's artifact path below mlflow-artifacts:/ ('' when not proxied)
  complete      INTEGER NOT NULL DEFAULT 0,       -- 1 once the last pull copied everything the remote had
  fingerprint   TEXT NOT NULL DEFAULT '',         -- the remote run as runs/search showed it at that pull
  pulled_time   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE lazy_artifacts (
  run_id  TEXT NOT NULL,
  path    TEXT NOT NULL,                          -- relative to the run's artifact root
  remote  TEXT NOT NULL,                          -- where to download it from
  size    INTEGER NOT NULL,
  PRIMARY KEY (run_id, path)
) WITHOUT ROWID;
`;
