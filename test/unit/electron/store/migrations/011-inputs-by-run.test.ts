// Migration 011: a run's inputs are found through an index, not a scan of the table.
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../../electron/store/migrations';

const require = createRequire(import.meta.url);

describe('migration 011-inputs-by-run', () => {
  it('makes the lookup of a run\'s inputs use an index', async () => {
    const SQL = await initSqlJs({ locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm') });
    const db = new SQL.Database();
    const at = migrations.findIndex((m) => m.id === '011-inputs-by-run');
    expect(at).toBeGreaterThan(0);
    for (const m of migrations.slice(0, at)) db.exec(m.sql);
    const plan = () => JSON.stringify(db.exec("EXPLAIN QUERY PLAN SELECT input_id FROM inputs WHERE run_id = 'r' AND source_type = 'DATASET'")[0]!.values);
    expect(plan()).not.toMatch(/run_id=/); // before: every input of that type is scanned
    db.exec(migrations[at]!.sql);
    expect(plan()).toMatch(/USING (COVERING )?INDEX inputs_by_run \(run_id=\? AND source_type=\?\)/);
    db.close();
  });
});
