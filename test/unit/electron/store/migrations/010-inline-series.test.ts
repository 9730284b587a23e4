// Migration 010 on a database made by 001-009: series rows keep every fact and get no inline
// points (NULL: their history is in their file, as before).
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../../electron/store/migrations';

const require = createRequire(import.meta.url);

describe('migration 010-inline-series', () => {
  it('adds inline_pts, NULL for the series already there', async () => {
    const SQL = await initSqlJs({ locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm') });
    const db = new SQL.Database();
    const at = migrations.findIndex((m) => m.id === '010-inline-series');
    expect(at).toBeGreaterThan(0);
    for (const m of migrations.slice(0, at)) db.exec(m.sql);
    db.exec("INSERT INTO series (series_id, run_id, key, points, min_step, max_step, ordered, by_step, last_t, last_s, last_v) VALUES (3, 'r', 'loss', 5, 0, 4, 1, 1, 104, 4, 0.25)");
    db.exec(migrations[at]!.sql);
    expect(db.exec('SELECT series_id, run_id, key, points, min_step, max_step, ordered, by_step, last_t, last_s, last_v, inline_pts FROM series')[0]!.values).toEqual([
      [3, 'r', 'loss', 5, 0, 4, 1, 1, 104, 4, 0.25, null],
    ]);
    db.close();
  });
});
