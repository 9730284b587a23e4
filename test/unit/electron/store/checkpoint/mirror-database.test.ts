import { describe, expect, it } from 'vitest';
import { databaseBytes } from '../../../../../electron/store/checkpoint/mirror-database';
import { loadSqlJs } from '../../../../../electron/store/database';

describe('databaseBytes', () => {
  it('is the size of the database image, as it grows', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    try {
      db.exec('CREATE TABLE t(x BLOB)');
      const small = databaseBytes(db);
      expect(small).toBe(db.export().length);
      const st = db.prepare('INSERT INTO t VALUES (?)');
      for (let i = 0; i < 200; i++) st.run([new Uint8Array(3000)]);
      st.free();
      expect(databaseBytes(db)).toBe(db.export().length);
      expect(databaseBytes(db)).toBeGreaterThan(small + 200 * 3000);
    } finally {
      db.close();
    }
  });
});
