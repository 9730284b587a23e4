// Migration 009 on a database made by 001-008: the recorded files of a logged model pulled from a
// remote (kept under the remote's id) are marked pulled, those of a logged model this store pushed
// (another id there) and of runs are left as they were; pulled_logged_models is made.
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../../electron/store/migrations';

const require = createRequire(import.meta.url);

describe('migration 009-pulled-model-files', () => {
  it("marks the recorded files of logged models pulled under their remote id as pulled, and nothing else", async () => {
    const SQL = await initSqlJs({ locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm') });
    const db = new SQL.Database();
    const at = migrations.findIndex((m) => m.id === '009-pulled-model-files');
    expect(at).toBeGreaterThan(0);
    for (const m of migrations.slice(0, at)) db.exec(m.sql);
    db.exec(`
      INSERT INTO sync_ids (remote, kind, local_id, remote_id) VALUES
        ('team', 'logged_model', 'm-pulled', 'm-pulled'),
        ('team', 'logged_model', 'm-pushed', 'm-other');
      INSERT INTO sync_artifacts (remote, run_id, path, size, mtime, pulled) VALUES
        ('team', 'model:m-pulled', 'MLmodel', 1, 2, 0),
        ('lab', 'model:m-pulled', 'MLmodel', 1, 2, 0),
        ('team', 'model:m-pushed', 'MLmodel', 1, 2, 0),
        ('team', 'rrrr', 'model:x', 1, 2, 0);
    `);
    db.exec(migrations[at]!.sql);
    const rows = db.exec('SELECT remote, run_id, pulled FROM sync_artifacts ORDER BY remote, run_id')[0]!.values;
    expect(rows).toEqual([['lab', 'model:m-pulled', 0], ['team', 'model:m-pulled', 1], ['team', 'model:m-pushed', 0], ['team', 'rrrr', 0]]);
    expect(db.exec('SELECT COUNT(*) FROM pulled_logged_models')[0]!.values).toEqual([[0]]);
    db.close();
  });
});
