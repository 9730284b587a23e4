/**
 * Files of pulled MLflow 3 logged models follow `--artifacts lazy|eager` as a run's do. The file
 * tables name a file's owner by its sync key: a run id, or `model:<id>` for a logged model (as
 * sync_artifacts already did for logged models; a run id never starts with `model:`), so
 * `lazy_artifacts.run_id` holds that key too. `pulled_logged_models` says where the remote keeps a
 * pulled logged model's files (what `pulled_runs.artifact_root` says of a run), for the download on
 * first open. Files recorded before this migration for logged models pulled from a remote (kept
 * under the remote's id) are taken as pulled, as 006 did for runs.
 */
export const sql = `
CREATE TABLE pulled_logged_models (
  model_id      TEXT PRIMARY KEY,                 -- the local logged model, which keeps its remote id
  remote        TEXT NOT NULL,
  artifact_root TEXT NOT NULL                     -- the remote model's artifact path below mlflow-artifacts:/ ('' when not proxied)
) WITHOUT ROWID;
UPDATE sync_artifacts SET pulled = 1
 WHERE substr(run_id, 1, 6) = 'model:'
   AND EXISTS (SELECT 1 FROM sync_ids s WHERE s.remote = sync_artifacts.remote AND s.kind = 'logged_model'
                AND s.local_id = substr(sync_artifacts.run_id, 7) AND s.remote_id = s.local_id);
`;
