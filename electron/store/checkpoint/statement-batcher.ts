import type { SqlValue } from 'sql.js';
import type { StatementBatch } from './mirror-protocol';

/** Where a Database reports every statement that may change it, in the order it runs them. */
export interface WriteRecorder {
  /** `params` null: a script run with exec (migrations, pragmas, BEGIN/COMMIT/ROLLBACK). */
  record(sql: string, params: readonly SqlValue[] | null): void;
  /** The statement recorded last threw. */
  recordFailure(): void;
}

const emptyBatch = (): StatementBatch => ({ type: 'statements', texts: [], sqlIds: [], argCounts: [], args: [], failedAt: [] });

/**
 * Collects recorded statements into batches and hands each batch to `send` at most once per
 * tick (on setImmediate), sooner when a batch reaches `maxStatements` (a journal replay on open
 * is one long tick), and whenever `flush` is called (a checkpoint cut). Parameters (blobs'
 * bytes included) are copied at once, so a caller may reuse its array or buffer.
 */
export class StatementBatcher implements WriteRecorder {
  private ids = new Map<string, number>();
  private batch = emptyBatch();
  private scheduled = false;

  constructor(
    private send: (batch: StatementBatch) => void,
    private maxStatements = 16_384,
  ) {}

  /** Later batches go to `send` (earlier ones went where they went: the caller forwards them in order). */
  sendTo(send: (batch: StatementBatch) => void): void {
    this.send = send;
  }

  record(sql: string, params: readonly SqlValue[] | null): void {
    if (this.batch.sqlIds.length >= this.maxStatements) this.flush(); // before, so recordFailure marks this batch
    const b = this.batch;
    let id = this.ids.get(sql);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(sql, id);
      b.texts.push(sql);
    }
    b.sqlIds.push(id);
    if (params === null) {
      b.argCounts.push(-1);
    } else {
      b.argCounts.push(params.length);
      for (const v of params) b.args.push(v instanceof Uint8Array ? v.slice() : v); // a blob's bytes as they are now
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  recordFailure(): void {
    const n = this.batch.sqlIds.length;
    if (n > 0) this.batch.failedAt.push(n - 1);
  }

  /** Sends what was recorded since the last batch, if anything. */
  flush(): void {
    if (this.batch.sqlIds.length === 0 && this.batch.texts.length === 0) return;
    const b = this.batch;
    this.batch = emptyBatch();
    this.send(b);
  }
}
