import { describe, expect, it } from 'vitest';
import type { Database as SqlJsDatabase } from 'sql.js';
import { loadSqlJs } from '../../../../electron/store/database';
import { databaseSizeInHeader, headroomFor, imageBufferWithHeadroom, MIN_HEADROOM_BYTES, openSqlJsDatabase, withHeadroom } from '../../../../electron/store/sqljs-file';

const one = (db: SqlJsDatabase, sql: string) => db.exec(sql)[0]!.values[0]![0];

/** An exported image with `rows` rows of ~200 bytes (a few hundred KB per 1,000 rows). */
async function image(rows: number): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec('PRAGMA journal_mode=MEMORY; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  db.exec('BEGIN');
  const st = db.prepare('INSERT INTO t (v) VALUES (?)');
  for (let i = 0; i < rows; i++) st.run([`${'x'.repeat(200)}${i}`]);
  st.free();
  db.exec('COMMIT');
  const out = db.export();
  db.close();
  return out;
}

/** Whether bytes[from..] are zero except at `except`. */
function zeroOtherThan(bytes: Uint8Array, from: number, except: number): boolean {
  for (let i = from; i < bytes.length; i++) if (i !== except && bytes[i] !== 0) return false;
  return true;
}

function insert(db: SqlJsDatabase, rows: number, tag: string): void {
  const st = db.prepare('INSERT INTO t (v) VALUES (?)');
  for (let i = 0; i < rows; i++) st.run([`${tag.repeat(200)}${i}`]);
  st.free();
}

describe('openSqlJsDatabase', () => {
  it('pads an image without making the padding part of the database', async () => {
    const SQL = await loadSqlJs();
    const img = await image(2000);
    const pageSize = Number(one(new SQL.Database(img), 'PRAGMA page_size'));
    const db = openSqlJsDatabase(SQL, withHeadroom(img, 1024 * 1024), img.length);
    db.exec('PRAGMA journal_mode=MEMORY');
    expect(Number(one(db, 'PRAGMA page_count')) * pageSize).toBe(img.length);
    expect(db.export().length).toBe(img.length);
    expect(one(db, 'PRAGMA integrity_check')).toBe('ok');
    db.close();
  });

  it('grows the database into the padding and exports exactly the database', async () => {
    const SQL = await loadSqlJs();
    const img = await image(2000);
    const db = openSqlJsDatabase(SQL, withHeadroom(img, 1024 * 1024), img.length);
    db.exec('PRAGMA journal_mode=MEMORY');
    db.exec('BEGIN');
    insert(db, 3000, 'y'); // ~700 KB: inside the padding
    db.exec('COMMIT');
    db.exec('BEGIN');
    insert(db, 20_000, 'z'); // past the padding: MEMFS grows the file as it would have
    db.exec('COMMIT');
    const pages = Number(one(db, 'PRAGMA page_count')) * Number(one(db, 'PRAGMA page_size'));
    const out = db.export();
    expect(out.length).toBe(pages);
    expect(one(db, 'SELECT count(*) FROM t')).toBe(25_000);
    expect(one(db, 'PRAGMA integrity_check')).toBe('ok');
    const again = new SQL.Database(out);
    expect(one(again, 'SELECT count(*) FROM t')).toBe(25_000);
    expect(one(again, 'PRAGMA integrity_check')).toBe('ok');
    again.close();
    db.close();
  });

  it('rolls back a transaction that grew the database (cache spilled to the file) and keeps working', async () => {
    const SQL = await loadSqlJs();
    const img = await image(2000);
    const db = openSqlJsDatabase(SQL, withHeadroom(img, 256 * 1024), img.length);
    db.exec('PRAGMA journal_mode=MEMORY; PRAGMA cache_size=50'); // a tiny cache: the transaction writes to the file before COMMIT
    db.exec('BEGIN');
    insert(db, 10_000, 'r');
    db.exec('ROLLBACK');
    expect(one(db, 'SELECT count(*) FROM t')).toBe(2000);
    expect(one(db, 'PRAGMA integrity_check')).toBe('ok');
    db.exec('BEGIN');
    insert(db, 5000, 'y');
    db.exec('COMMIT');
    const again = new SQL.Database(db.export());
    expect(one(again, 'SELECT count(*) FROM t')).toBe(7000);
    expect(one(again, 'PRAGMA integrity_check')).toBe('ok');
    again.close();
    db.close();
  });

  it('opens only the database of an image whose size SQLite would not take from its header', async () => {
    const SQL = await loadSqlJs();
    const img = await image(100);
    const stale = withHeadroom(img, 65536);
    stale[95] = (stale[95]! + 1) & 0xff; // version-valid-for no longer matches the change counter
    expect(databaseSizeInHeader(img)).toBe(img.length);
    expect(databaseSizeInHeader(stale)).toBeNull();
    const db = openSqlJsDatabase(SQL, stale, img.length);
    expect(db.export().length).toBe(img.length); // the zeros would have become pages here
    expect(one(db, 'PRAGMA integrity_check')).toBe('ok');
    db.close();
  });

  it('opens an image read into a buffer with headroom as it is, and uses that buffer as its file', async () => {
    const SQL = await loadSqlJs();
    const img = await image(500);
    const buf = imageBufferWithHeadroom(img.length, 1024 * 1024);
    buf.set(img);
    const db = openSqlJsDatabase(SQL, buf, img.length);
    db.exec('PRAGMA journal_mode=MEMORY');
    db.exec('BEGIN');
    insert(db, 1000, 'y');
    db.exec('COMMIT');
    const out = db.export();
    expect(out.length).toBeGreaterThan(img.length);
    expect(buf.subarray(img.length).some((b) => b !== 0)).toBe(true); // the new pages went into the given buffer
    const fromFile = new SQL.Database(Uint8Array.from(buf.subarray(0, out.length))); // the given buffer holds the whole database
    expect(one(fromFile, 'SELECT count(*) FROM t')).toBe(1500);
    expect(one(fromFile, 'PRAGMA integrity_check')).toBe('ok');
    fromFile.close();
    expect(one(db, 'SELECT count(*) FROM t')).toBe(1500);
    db.close();
  });

  it('does not take bytes after the database that are not zero as headroom', async () => {
    const SQL = await loadSqlJs();
    const img = await image(100);
    const dirty = new Uint8Array(img.length + 65536);
    dirty.set(img);
    dirty[img.length + 10] = 7;
    const db = openSqlJsDatabase(SQL, dirty, img.length);
    expect(one(db, 'SELECT count(*) FROM t')).toBe(100);
    db.exec('BEGIN');
    insert(db, 1000, 'y'); // grows past the database: into a new array, not over the given bytes
    db.exec('COMMIT');
    expect(dirty[img.length + 10]).toBe(7);
    expect(zeroOtherThan(dirty, img.length, img.length + 10)).toBe(true);
    db.close();
  });

  it('opens a new database for no image, and finds no size in what is not a database header', async () => {
    const SQL = await loadSqlJs();
    const db = openSqlJsDatabase(SQL, null);
    db.exec('CREATE TABLE a (x)');
    expect(one(db, 'SELECT count(*) FROM a')).toBe(0);
    db.close();
    expect(databaseSizeInHeader(new Uint8Array(50))).toBeNull();
    expect(databaseSizeInHeader(new TextEncoder().encode('SQLite format 3\0'.padEnd(200, ' ')))).toBeNull();
  });

  it('sizes the headroom as a share of the image, at least the minimum, in 64 KiB units', () => {
    expect(headroomFor(0)).toBe(MIN_HEADROOM_BYTES);
    expect(headroomFor(200e6)).toBeGreaterThanOrEqual(50e6);
    expect(headroomFor(200e6) % 65536).toBe(0);
  });
});
