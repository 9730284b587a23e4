/**
 * Bundles imported into this store (sextant import of a bundle file), recorded once the import
 * completed: an incremental bundle (`export --since`) is imported only after the bundle it
 * continues, and a chain is told apart from a stray file by these ids.
 */
export const sql = `
CREATE TABLE imported_bundles (
  bundle_id     TEXT PRIMARY KEY,
  source_store  TEXT NOT NULL,                    -- the id of the store it was exported from
  created_time  INTEGER NOT NULL,                 -- when it was written
  since         TEXT,                             -- the bundle it continues (NULL: a full bundle)
  file          TEXT NOT NULL,                    -- its file name when it was imported, for messages
  imported_time INTEGER NOT NULL
) WITHOUT ROWID;
`;
