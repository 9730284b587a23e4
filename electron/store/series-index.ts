import type { Database } from './database';
import { seriesFromRow, SERIES_COLUMNS, seriesRowParams, UPSERT_SERIES, type SeriesRowValues } from './series/series-row';
import { newInlinePoints } from './series/inline-points';
import type { SeriesMeta } from './series-meta';

const mapKey = (runId: string, key: string) => `${runId}\u0000${key}`;

/** Series kept in memory at most; the oldest quarter is dropped past it (the table has them all). */
const CACHE_LIMIT = 65_536;
/** Runs per statement of `getMany` (SQLite's default limit is 32,766 parameters; sql.js's 999 in old builds). */
const GET_MANY_CHUNK = 500;

/**
 * The metadata of every metric history. The `series` table is its home and is always current:
 * the op that appends points writes the series' row (`save`) in its own transaction, so a
 * checkpoint has nothing to bring up to date and the snapshot's rows match the points the
 * journal acknowledged (file points are synced before the snapshot is cut). Nothing is loaded
 * when the store opens: a series is read from its row the first time it is asked for and kept
 * in a bounded cache (a 50,000-run store has 500,000 series; loading them took seconds).
 */
export class SeriesIndex {
  private cache = new Map<string, SeriesMeta>();
  private nextId: number;

  constructor(
    private db: Database,
    private cacheLimit = CACHE_LIMIT,
  ) {
    this.nextId = (db.column<number | null>('SELECT max(series_id) FROM series')[0] ?? 0) + 1;
  }

  get(runId: string, key: string): SeriesMeta | undefined {
    const cached = this.cache.get(mapKey(runId, key));
    if (cached) return cached;
    const row = this.db.rows(`SELECT ${SERIES_COLUMNS} FROM series WHERE run_id = ? AND key = ?`, [runId, key])[0];
    return row && this.remember(seriesFromRow(runId, key, row as SeriesRowValues));
  }

  /**
   * The series of `key` of each run (undefined where the run has none), in `runIds` order: those
   * not cached yet are read in one statement per 500 runs, not one each (a chart of hundreds of
   * runs right after the store opened).
   */
  getMany(runIds: readonly string[], key: string): (SeriesMeta | undefined)[] {
    const found = new Map<string, SeriesMeta>();
    const missing: string[] = [];
    for (const runId of new Set(runIds)) {
      const cached = this.cache.get(mapKey(runId, key));
      if (cached) found.set(runId, cached);
      else missing.push(runId);
    }
    for (let i = 0; i < missing.length; i += GET_MANY_CHUNK) {
      const chunk = missing.slice(i, i + GET_MANY_CHUNK);
      const rows = this.db.rows(`SELECT run_id, ${SERIES_COLUMNS} FROM series WHERE key = ? AND run_id IN (${chunk.map(() => '?').join(',')})`, [key, ...chunk]);
      for (const [runId, ...row] of rows) found.set(runId as string, this.remember(seriesFromRow(runId as string, key, row as SeriesRowValues)));
    }
    return runIds.map((runId) => found.get(runId));
  }

  /** Every series of the run, in the order they were created. */
  forRun(runId: string): SeriesMeta[] {
    const rows = this.db.rows(`SELECT key, ${SERIES_COLUMNS} FROM series WHERE run_id = ? ORDER BY series_id`, [runId]);
    return rows.map(([key, ...row]) => this.cache.get(mapKey(runId, key as string)) ?? this.remember(seriesFromRow(runId, key as string, row as SeriesRowValues)));
  }

  /** Finds or creates the series; a new one starts inline, and gets its row when first saved. */
  obtain(runId: string, key: string): SeriesMeta {
    return (
      this.get(runId, key) ??
      this.remember({ id: this.nextId++, runId, key, points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null, inline: newInlinePoints() })
    );
  }

  /** Writes the series' row as it is now (called inside the op that appended to it). */
  save(meta: SeriesMeta): void {
    this.db.run(UPSERT_SERIES, seriesRowParams(meta));
  }

  /** Every change is in the table already (`save`): nothing left for the checkpoint to write. */
  persist(): void {}

  private remember(meta: SeriesMeta): SeriesMeta {
    if (this.cache.size >= this.cacheLimit) {
      let drop = Math.max(1, this.cacheLimit >> 2);
      for (const k of this.cache.keys()) {
        if (drop-- <= 0) break;
        this.cache.delete(k);
      }
    }
    this.cache.set(mapKey(meta.runId, meta.key), meta);
    return meta;
  }
}
