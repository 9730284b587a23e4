import type { Database, SqlValue, Statement } from 'sql.js';
import { loadSqlJs } from '../../../store/database';
import { SourceError } from '../import-source';

export type Row = SqlValue[];

/** What SQLite says when pages do not hold what they should. */
const DAMAGE = /malformed|corrupt|not a database|disk I\/O error|file is not/i;

/**
 * A read-only view of an MLflow SQLite database held by sql.js. Every failure becomes a
 * `SourceError` naming the item being read (a damaged page surfaces only when a query reaches it).
 * Nothing is ever written: the image is sql.js's own copy, and no statement here writes.
 */
export class MlflowSqlite {
  private cached = new Map<string, Statement>();
  private open = new Set<Statement>();
  private closed = false;

  private constructor(private db: Database) {}

  static async fromImage(image: Uint8Array, label: string, wasmPath?: string): Promise<MlflowSqlite> {
    const SQL = await loadSqlJs(wasmPath);
    try {
      // sql.js copies the bytes into its in-memory file with slice(); a slice() that hands them
      // over instead halves the peak memory of opening (the image is not used after this).
      Object.defineProperty(image, 'slice', { value: (start?: number, end?: number) => image.subarray(start, end) });
      return new MlflowSqlite(new SQL.Database(image));
    } catch (err) {
      throw asSourceError(err, label);
    }
  }

  /** Runs statements that change nothing in the file (sql.js's copy only), before `seal()`. */
  exec(item: string, sql: string): void {
    try {
      this.db.exec(sql);
    } catch (err) {
      throw asSourceError(err, item);
    }
  }

  /** From now on SQLite refuses any write, even to the in-memory copy. */
  seal(): void {
    this.db.exec('PRAGMA query_only = ON');
  }

  /** Every row of a query (for small answers: one run's params, one model's tags). */
  all(item: string, sql: string, params: SqlValue[] = []): Row[] {
    try {
      let st = this.cached.get(sql);
      if (!st) {
        st = this.db.prepare(sql);
        this.cached.set(sql, st);
      }
      st.bind(params);
      const out: Row[] = [];
      try {
        while (st.step()) out.push(st.get());
      } finally {
        st.reset();
      }
      return out;
    } catch (err) {
      throw asSourceError(err, item);
    }
  }

  /**
   * The rows of a query in batches, read as they are consumed: the statement stays open between
   * batches (its own, so several may be read at once) and is freed when the consumer stops.
   */
  async *batches(item: string, sql: string, params: SqlValue[], size: number): AsyncGenerator<Row[]> {
    let st: Statement;
    try {
      st = this.db.prepare(sql, params);
    } catch (err) {
      throw asSourceError(err, item);
    }
    this.open.add(st);
    try {
      for (;;) {
        const batch: Row[] = [];
        try {
          while (batch.length < size && st.step()) batch.push(st.get());
        } catch (err) {
          throw asSourceError(err, item);
        }
        if (batch.length > 0) yield batch;
        if (batch.length < size) return;
      }
    } finally {
      this.open.delete(st);
      st.free();
    }
  }

  /** Frees the database (twice is harmless); histories still being read end with their statements. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const st of [...this.cached.values(), ...this.open]) st.free();
    this.cached.clear();
    this.open.clear();
    this.db.close();
  }
}

export function asSourceError(err: unknown, item: string): SourceError {
  if (err instanceof SourceError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return Object.assign(new SourceError(item, DAMAGE.test(message) ? `damaged database (${message})` : message), { cause: err });
}
