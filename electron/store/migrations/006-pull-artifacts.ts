/**
 * Which recorded files of a run came from the remote by a pull. `sync_artifacts.pulled` is 1 when
 * the bytes the remote has of a file were pulled (recorded lazily or downloaded) and 0 when this
 * store pushed them: a pull deletes here only files of the first kind that the remote deleted, so
 * a file added here to a pulled run is never deleted by a pull. A push recording a file (again)
 * makes it 0: those bytes are this store's. Files recorded before this migration for runs pulled
 * from that remote are taken as pulled.
 */
export const sql = `
ALTER TABLE sync_artifacts ADD COLUMN pulled INTEGER NOT NULL DEFAULT 0;
UPDATE sync_artifacts SET pulled = 1
 WHERE EXISTS (SELECT 1 FROM pulled_runs p WHERE p.run_id = sync_artifacts.run_id AND p.remote = sync_artifacts.remote);
`;
