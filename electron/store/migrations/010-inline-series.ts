/**
 * Small metric histories live in their `series` row instead of a file under series/:
 * `inline_pts` holds their points as float64 (timestamp, step, value) triples, little-endian,
 * exactly `points` of them. NULL means the history is in its file (every series written
 * before this migration, and any series that outgrew the inline limit).
 */
export const sql = `
ALTER TABLE series ADD COLUMN inline_pts BLOB;
`;
