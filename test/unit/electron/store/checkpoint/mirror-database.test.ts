import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database as SqlJsDatabase } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { openMirrorDatabase } from '../../../../../electron/store/checkpoint/mirror-database';
import { loadSqlJs } from '../../../../../electron/store/database';
import { SNAPSHOT_DIR, writeSnapshot } from '../../../../../electron/store/snapshot-files';
import { useTempDirs } from '../../../../support/temp-dir';
import { tableContents } from './table-contents';

const tempDir = useTempDirs();

async function sourceImage(rows: number): Promise<Uint8Array> {
  const db = new (await loadSqlJs()).Database();
  db.exec('PRAGMA journal_mode=MEMORY; CREATE TABLE runs (id INTEGER PRIMARY KEY, payload TEXT)');
  db.exec('BEGIN');
  for (let i = 0; i < rows; i++) db.run('INSERT INTO runs VALUES (?, ?)', [i, 'p'.repeat(200)]);
  db.exec('COMMIT');
  try {
    return db.export();
  } finally {
    db.close();
  }
}

function insert(db: SqlJsDatabase, from: number, n: number): void {
  db.exec('BEGIN');
  for (let i = from; i < from + n; i++) db.run('INSERT INTO runs VALUES (?, ?)', [i, 'q'.repeat(200)]);
  db.exec('COMMIT');
}

describe('the mirror database', () => {
  it('opens a snapshot with headroom, and grows into it in place (no copy of the file)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, SNAPSHOT_DIR));
    const image = await sourceImage(5_000); // ~1.3 MB: 4 MiB of headroom
    const snapshot = writeSnapshot(dir, 1, image);
    const { db, file } = await openMirrorDatabase(dir, { snapshot });
    const opened = file.image()!;
    expect(opened.length).toBe(image.length);
    insert(db, 5_000, 5_000); // ~1.3 MB more: within the headroom
    const grown = file.image()!;
    expect(grown.length).toBeGreaterThan(image.length * 1.5);
    expect(grown.buffer).toBe(opened.buffer); // the same array: sql.js did not reallocate its file
    const reopened = new (await loadSqlJs()).Database(grown.slice());
    expect(tableContents(reopened)['runs']).toHaveLength(10_000);
    reopened.close();
    db.close();
  });

  it('keeps an image sent by the main thread as its file (no copy)', async () => {
    const image = await sourceImage(500);
    const { db, file } = await openMirrorDatabase(tempDir(), { image });
    expect(file.image()!.buffer).toBe(image.buffer);
    insert(db, 500, 10);
    expect(tableContents(db)['runs']).toHaveLength(510);
    db.close();
  });
});
