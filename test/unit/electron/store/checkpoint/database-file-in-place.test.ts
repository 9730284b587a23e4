import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database as SqlJsDatabase } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { databaseFileInPlace } from '../../../../../electron/store/checkpoint/database-file-in-place';
import { writeMirrorSnapshot } from '../../../../../electron/store/checkpoint/mirror-database';
import { loadSqlJs } from '../../../../../electron/store/database';
import { readSnapshot, SNAPSHOT_DIR } from '../../../../../electron/store/snapshot-files';
import { useTempDirs } from '../../../../support/temp-dir';
import { schema, tableContents } from './table-contents';

const tempDir = useTempDirs();

async function contentsOf(image: Uint8Array) {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(image);
  try {
    return { schema: schema(db), rows: tableContents(db), integrity: db.exec('PRAGMA integrity_check')[0]!.values[0]![0] };
  } finally {
    db.close();
  }
}

/** `n` rows of ~200 bytes each, in one transaction (as the store writes). */
function insertRows(db: SqlJsDatabase, from: number, n: number): void {
  db.exec('BEGIN');
  const st = db.prepare('INSERT INTO runs (id, name, payload) VALUES (?, ?, ?)');
  for (let i = from; i < from + n; i++) st.run([i, `run-${i}`, 'x'.repeat(150 + (i % 50))]);
  st.free();
  db.exec('COMMIT');
}

async function openedDatabase(): Promise<SqlJsDatabase> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec('PRAGMA journal_mode=MEMORY; CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, payload TEXT); CREATE INDEX runs_name ON runs (name);');
  return db;
}

describe('databaseFileInPlace', () => {
  it("gives the database's image from its file, the same database as an export", async () => {
    const SQL = await loadSqlJs();
    const db = await openedDatabase();
    insertRows(db, 0, 2_000);
    const file = databaseFileInPlace(SQL, db);
    const image = file.image();
    expect(image).not.toBeNull();
    const pages = Number(db.exec('PRAGMA page_count')[0]!.values[0]![0]) * Number(db.exec('PRAGMA page_size')[0]!.values[0]![0]);
    expect(image!.length).toBe(pages);
    const fromFile = await contentsOf(image!.slice());
    const exported = await contentsOf(db.export());
    expect(fromFile).toEqual(exported);
    expect(fromFile.integrity).toBe('ok');
    expect(fromFile.rows['runs']).toHaveLength(2_000);
    db.close();
  });

  it('is a view of the file, not a copy: a later write shows through it', async () => {
    const SQL = await loadSqlJs();
    const db = await openedDatabase();
    insertRows(db, 0, 500);
    const file = databaseFileInPlace(SQL, db);
    const view = file.image()!;
    const before = view.slice();
    db.exec("UPDATE runs SET name = 'renamed' WHERE id = 7");
    expect(Buffer.compare(Buffer.from(view), Buffer.from(before))).not.toBe(0);
    db.close();
  });

  it('follows the file as it grows (sql.js replaces its array) and as rows are deleted', async () => {
    const SQL = await loadSqlJs();
    const db = await openedDatabase();
    insertRows(db, 0, 100);
    const file = databaseFileInPlace(SQL, db);
    const small = file.image()!;
    insertRows(db, 100, 20_000); // from a few pages to a few MB: MEMFS reallocates many times
    db.exec('DELETE FROM runs WHERE id % 3 = 0');
    const grown = file.image()!;
    expect(grown.length).toBeGreaterThan(small.length * 20);
    const fromFile = await contentsOf(grown.slice());
    expect(fromFile).toEqual(await contentsOf(db.export()));
    expect(fromFile.rows['runs']).toHaveLength(20_100 - 6_700);
    db.close();
  });

  it("refuses a file whose header does not say what SQLite says of the database (a file that is not, or no longer, the database's)", async () => {
    const SQL = await loadSqlJs();
    const db = await openedDatabase();
    insertRows(db, 0, 200);
    const file = databaseFileInPlace(SQL, db);
    const view = file.image()!;
    view[43] = view[43]! ^ 0x40; // the schema cookie's low byte: SQLite keeps its own (cached page 1)
    expect(file.image()).toBeNull();
    view[43] = view[43]! ^ 0x40;
    expect(file.image()).not.toBeNull();
    view[0] = 0; // not a database's header at all
    expect(file.image()).toBeNull();
    view[0] = 'S'.charCodeAt(0);
    expect(file.image()).not.toBeNull();
    db.close();
  });

  it('gives nothing while a transaction is open, and the committed database after it', async () => {
    const SQL = await loadSqlJs();
    const db = await openedDatabase();
    insertRows(db, 0, 100);
    const file = databaseFileInPlace(SQL, db);
    db.exec("BEGIN; INSERT INTO runs (id, name) VALUES (1000, 'pending');");
    expect(file.image()).toBeNull();
    db.exec('COMMIT');
    const rows = (await contentsOf(file.image()!.slice())).rows['runs']!;
    expect(rows).toHaveLength(101);
    expect(rows.some((r) => r.includes('pending'))).toBe(true);
    db.close();
  });

  it('finds the file of a database that was empty when first asked', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    const file = databaseFileInPlace(SQL, db);
    expect(file.image()).toBeNull(); // no page yet: nothing to write in place (the caller exports)
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (42);');
    expect((await contentsOf(file.image()!.slice())).rows).toEqual({ t: ['[42]'] });
    db.close();
  });

  it('finds the file of a database opened from an image', async () => {
    const SQL = await loadSqlJs();
    const source = await openedDatabase();
    insertRows(source, 0, 300);
    const db = new SQL.Database(source.export());
    source.close();
    insertRows(db, 300, 10);
    const image = databaseFileInPlace(SQL, db).image();
    expect((await contentsOf(image!.slice())).rows['runs']).toHaveLength(310);
    db.close();
  });
  it('gives only the database of a file opened padded (zero bytes after the image, as headroom for growth)', async () => {
    const SQL = await loadSqlJs();
    const source = await openedDatabase();
    insertRows(source, 0, 300);
    const image = source.export();
    source.close();
    const padded = new Uint8Array(image.length + 1024 * 1024);
    padded.set(image);
    const db = new SQL.Database(padded);
    const file = databaseFileInPlace(SQL, db);
    expect(file.image()!.length).toBe(image.length);
    insertRows(db, 300, 1_000); // grows into the padding
    const grown = file.image()!;
    expect(grown.length).toBeGreaterThan(image.length);
    expect(grown.length).toBeLessThan(padded.length);
    const fromFile = await contentsOf(grown.slice());
    expect(fromFile).toEqual(await contentsOf(db.export()));
    expect(fromFile.rows['runs']).toHaveLength(1_300);
    db.close();
  });
});

describe('writeMirrorSnapshot', () => {
  it("writes the mirror's file in place, a snapshot that reads back checked and whole", async () => {
    const SQL = await loadSqlJs();
    const dir = tempDir();
    mkdirSync(join(dir, SNAPSHOT_DIR));
    const db = await openedDatabase();
    insertRows(db, 0, 3_000);
    const taken = writeMirrorSnapshot({ db, file: databaseFileInPlace(SQL, db) }, dir, 42);
    expect(taken.inPlace).toBe(true);
    expect(taken.snapshot.seq).toBe(42);
    const read = readSnapshot(dir, taken.snapshot); // size and crc32 as store.json would say
    expect(await contentsOf(read)).toEqual(await contentsOf(db.export()));
    db.close();
  });

  it('exports when the file cannot be used (a transaction is open: the export refuses too)', async () => {
    const SQL = await loadSqlJs();
    const dir = tempDir();
    mkdirSync(join(dir, SNAPSHOT_DIR));
    const db = await openedDatabase();
    insertRows(db, 0, 10);
    const mirror = { db, file: { image: () => null } };
    const taken = writeMirrorSnapshot(mirror, dir, 1);
    expect(taken.inPlace).toBe(false);
    expect((await contentsOf(readSnapshot(dir, taken.snapshot))).rows['runs']).toHaveLength(10);
    db.exec('BEGIN; DELETE FROM runs;');
    expect(() => writeMirrorSnapshot({ db, file: databaseFileInPlace(SQL, db) }, dir, 2)).toThrow(/busy or locked/);
    db.close();
  });
});
