/**
 * A run's inputs looked up by run (get-run, search answers, the runs read model re-reading the
 * runs an op touched) without scanning every input of the store.
 */
export const sql = `
CREATE INDEX IF NOT EXISTS inputs_by_run ON inputs (run_id, source_type);
`;
