import type { Database } from './database';
import type { SeriesMeta } from './series-meta';

interface SeriesRow {
  series_id: number;
  run_id: string;
  key: string;
  points: number;
  min_step: number | null;
  max_step: number | null;
  ordered: number;
  by_step: number;
  last_t: number | null;
  last_s: number | null;
  last_v: number | null;
}

const mapKey = (runId: string, key: string) => `${runId}\u0000${key}`;

/**
 * The metadata of every metric history, kept in memory while the store is open. The
 * `series` table holds the same facts as of the last checkpoint; `persist` brings it up to
 * date right before a snapshot, so the snapshot's counts match the synced series files.
 */
export class SeriesIndex {
  private byKey = new Map<string, SeriesMeta>();
  private byRun = new Map<string, SeriesMeta[]>();
  private nextId = 1;
  private changed = new Set<SeriesMeta>();

  constructor(private db: Database) {
    for (const r of db.all<SeriesRow>('SELECT * FROM series')) {
      this.add({
        id: r.series_id, runId: r.run_id, key: r.key, points: r.points,
        minStep: r.min_step, maxStep: r.max_step, ordered: r.ordered === 1, byStep: r.by_step === 1,
        last: r.last_t === null ? null : { t: r.last_t, s: r.last_s ?? 0, v: r.last_v ?? Number.NaN },
      });
      this.nextId = Math.max(this.nextId, r.series_id + 1);
    }
  }

  get(runId: string, key: string): SeriesMeta | undefined {
    return this.byKey.get(mapKey(runId, key));
  }

  forRun(runId: string): SeriesMeta[] {
    return this.byRun.get(runId) ?? [];
  }

  /** Finds or creates the series; a new one gets the next id and a row (inside the op's transaction). */
  obtain(runId: string, key: string): SeriesMeta {
    const found = this.get(runId, key);
    if (found) return found;
    const meta: SeriesMeta = { id: this.nextId++, runId, key, points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null };
    this.db.run('INSERT INTO series (series_id, run_id, key) VALUES (?, ?, ?)', [meta.id, runId, key]);
    this.add(meta);
    return meta;
  }

  /** Notes that points were appended to `meta` since the last persist. */
  touch(meta: SeriesMeta): void {
    this.changed.add(meta);
  }

  /** Writes the in-memory facts of every series that changed to the `series` table. */
  persist(): void {
    const changed = [...this.changed];
    this.changed.clear();
    this.db.transaction(() => {
      for (const m of changed) {
        this.db.run(
          'UPDATE series SET points=?, min_step=?, max_step=?, ordered=?, by_step=?, last_t=?, last_s=?, last_v=? WHERE series_id=?',
          [m.points, m.minStep, m.maxStep, m.ordered ? 1 : 0, m.byStep ? 1 : 0, m.last?.t ?? null, m.last?.s ?? null, m.last && !Number.isNaN(m.last.v) ? m.last.v : null, m.id],
        );
      }
    });
  }

  private add(meta: SeriesMeta): void {
    this.byKey.set(mapKey(meta.runId, meta.key), meta);
    const list = this.byRun.get(meta.runId);
    if (list) list.push(meta);
    else this.byRun.set(meta.runId, [meta]);
  }
}
