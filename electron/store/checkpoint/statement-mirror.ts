import type { Database as SqlJsDatabase, SqlValue, Statement } from 'sql.js';
import type { StatementBatch } from './mirror-protocol';

export class MirrorDivergedError extends Error {}

/**
 * Replays the main thread's statement batches on a second database opened from the same
 * image. A statement that threw there must throw here (and the other way round): it is caught
 * and the replay goes on, as the main thread went on (its transaction rolled back the same
 * way). Any difference means the two databases no longer match: MirrorDivergedError.
 */
export class StatementMirror {
  private texts: string[] = [];
  private prepared = new Map<number, Statement>();
  /** Statements replayed so far (for tests and logs). */
  applied = 0;

  /** `cacheKiB`: the mirror's own page cache size, kept whatever pragmas the replay runs (it changes no content). */
  constructor(
    private db: SqlJsDatabase,
    private opts: { cacheKiB?: number } = {},
  ) {}

  apply(batch: StatementBatch): void {
    for (const t of batch.texts) this.texts.push(t);
    const { sqlIds, argCounts, args, failedAt } = batch;
    let at = 0;
    let nextFailure = 0;
    for (let i = 0; i < sqlIds.length; i++) {
      const n = argCounts[i]!;
      const threw = n < 0 ? this.exec(sqlIds[i]!) : this.run(sqlIds[i]!, args.slice(at, at + n));
      if (n > 0) at += n;
      const threwThere = failedAt[nextFailure] === i;
      if (threwThere) nextFailure++;
      if ((threw !== null) !== threwThere) {
        const sql = this.texts[sqlIds[i]!] ?? `(statement #${sqlIds[i]} was never sent)`;
        throw new MirrorDivergedError(`statement ${threw ? `failed in the mirror only (${threw.message})` : 'failed on the main thread but not in the mirror'}: ${sql.slice(0, 200)}`);
      }
      this.applied++;
    }
  }

  close(): void {
    for (const st of this.prepared.values()) st.free();
    this.prepared.clear();
  }

  private exec(id: number): Error | null {
    try {
      const sql = this.texts[id]!;
      this.db.exec(sql);
      if (this.opts.cacheKiB && sql.includes('cache_size')) this.db.exec(`PRAGMA cache_size=-${this.opts.cacheKiB}`);
      return null;
    } catch (err) {
      return err as Error;
    }
  }

  private run(id: number, params: SqlValue[]): Error | null {
    let st = this.prepared.get(id);
    try {
      if (!st) {
        st = this.db.prepare(this.texts[id]!);
        this.prepared.set(id, st);
      }
      st.bind(params);
      st.step();
      return null;
    } catch (err) {
      return err as Error;
    } finally {
      st?.reset();
    }
  }
}
