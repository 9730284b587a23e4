import { createRequire } from 'node:module';
import initSqlJs, { type Database as SqlJsDatabase, type SqlValue, type Statement } from 'sql.js';
import type { WriteRecorder } from './checkpoint/statement-batcher';
import { migrations } from './migrations';
import { openSqlJsDatabase } from './sqljs-file';

export type Row = Record<string, SqlValue>;
export type Params = SqlValue[];

const require = createRequire(import.meta.url);
const MAX_STATEMENTS = 256;
let sqlJs: ReturnType<typeof initSqlJs> | null = null;

/** Loads the sql.js WASM module once per process. `wasmPath` overrides where it is found (packaged app). */
export function loadSqlJs(wasmPath?: string) {
  sqlJs ??= initSqlJs({ locateFile: () => wasmPath ?? require.resolve('sql.js/dist/sql-wasm.wasm') });
  return sqlJs;
}

/**
 * The in-memory metadata database (sql.js). It owns prepared statements and transactions;
 * durability is the journal's and the snapshot's job, not SQLite's, so SQLite keeps its
 * rollback journal in memory (10x faster in sql.js, see reliability-security.md §2.2).
 *
 * Every statement that may change the database goes through `run`, `transaction` or the
 * private `script`, and is reported, in order, to the recorder if one is attached (the
 * checkpoint worker's mirror). Values that are not deterministic inside SQL (the migrations'
 * applied_at) are computed here and passed as parameters, so a replay gives the same rows.
 * `get`, `all`, `rows` and `column` are for reads only: a statement with side effects there
 * would never reach the mirror.
 */
export class Database {
  private statements = new Map<string, Statement>();
  private recorder: WriteRecorder | null;

  private constructor(
    private db: SqlJsDatabase,
    recorder: WriteRecorder | null,
  ) {
    this.recorder = recorder;
    this.script('PRAGMA journal_mode=MEMORY; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-16384;');
    this.migrate();
  }

  /**
   * Opens `image` (null: a new database) and brings its schema up to date, reporting every write
   * to `recorder`. The image becomes the database's file (no copy). When it is longer than
   * `databaseBytes` (read with headroom: snapshot-files' readSnapshotWithHeadroom with
   * sqljs-file's headroomFor), the rest is room to grow in place (see openSqlJsDatabase).
   */
  static async open(image: Uint8Array | null, wasmPath?: string, recorder: WriteRecorder | null = null, databaseBytes?: number): Promise<Database> {
    const SQL = await loadSqlJs(wasmPath);
    return new Database(openSqlJsDatabase(SQL, image, databaseBytes ?? image?.length), recorder);
  }

  /** Reports later writes to `recorder` (null: to nobody). */
  setRecorder(recorder: WriteRecorder | null): void {
    this.recorder = recorder;
  }

  /** Runs `fn` in one transaction; any throw rolls everything back and rethrows. */
  transaction<T>(fn: () => T): T {
    this.script('BEGIN');
    try {
      const out = fn();
      this.script('COMMIT');
      return out;
    } catch (err) {
      this.script('ROLLBACK');
      throw err;
    }
  }

  run(sql: string, params: Params = []): void {
    this.recorder?.record(sql, params);
    try {
      const st = this.prepare(sql);
      st.bind(params);
      st.step();
      st.reset();
    } catch (err) {
      this.recorder?.recordFailure();
      throw err;
    }
  }

  /** Rows changed by the last INSERT/UPDATE/DELETE. */
  changes(): number {
    return this.db.getRowsModified();
  }

  get<T = Row>(sql: string, params: Params = []): T | undefined {
    const st = this.prepare(sql);
    st.bind(params);
    const row = st.step() ? (st.getAsObject() as T) : undefined;
    st.reset();
    return row;
  }

  all<T = Row>(sql: string, params: Params = []): T[] {
    const st = this.prepare(sql);
    st.bind(params);
    const rows: T[] = [];
    while (st.step()) rows.push(st.getAsObject() as T);
    st.reset();
    return rows;
  }

  /** Every row as an array of column values: cheaper than objects on hot read paths. */
  rows(sql: string, params: Params = []): SqlValue[][] {
    const st = this.prepare(sql);
    st.bind(params);
    const out: SqlValue[][] = [];
    while (st.step()) out.push(st.get());
    st.reset();
    return out;
  }

  /** First column of every row. */
  column<T extends SqlValue = SqlValue>(sql: string, params: Params = []): T[] {
    const st = this.prepare(sql);
    st.bind(params);
    const out: T[] = [];
    while (st.step()) out.push(st.get()[0] as T);
    st.reset();
    return out;
  }

  private closed = false;

  /** A consistent image of the whole database (never called inside a transaction). */
  export(): Uint8Array {
    return this.db.export();
  }

  close(): void {
    for (const st of this.statements.values()) st.free();
    this.statements.clear();
    this.db.close();
    this.closed = true;
  }

  /** False once closed: work scheduled earlier (a stepped build) then stops quietly. */
  get isOpen(): boolean {
    return !this.closed;
  }

  /** Prepared statements, kept in least-recently-used order (searches make many distinct ones). */
  private prepare(sql: string): Statement {
    let st = this.statements.get(sql);
    if (st) {
      this.statements.delete(sql);
    } else {
      st = this.db.prepare(sql);
      if (this.statements.size >= MAX_STATEMENTS) {
        const [oldest, old] = this.statements.entries().next().value as [string, Statement];
        old.free();
        this.statements.delete(oldest);
      }
    }
    this.statements.set(sql, st);
    return st;
  }

  /** Runs one or more statements without parameters (pragmas, migrations, BEGIN/COMMIT/ROLLBACK). */
  private script(sql: string): void {
    this.recorder?.record(sql, null);
    try {
      this.db.exec(sql);
    } catch (err) {
      this.recorder?.recordFailure();
      throw err;
    }
  }

  private migrate(): void {
    this.script('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const applied = new Set(this.column<string>('SELECT id FROM schema_migrations'));
    for (const m of migrations) {
      if (applied.has(m.id)) continue;
      this.transaction(() => {
        this.script(m.sql);
        this.run('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)', [m.id, Date.now()]);
      });
    }
  }
}
