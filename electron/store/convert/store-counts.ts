import { createHash } from 'node:crypto';
import type { Store } from '../store';
import type { Database } from '../database';

/** What a store holds, counted: the converted copy must hold exactly as much. */
export interface StoreCounts {
  experiments: number;
  runs: number;
  series: number;
  points: number;
  seriesFiles: number;
  artifacts: number;
}

const CHUNK_POINTS = 64 * 1024;

const one = (db: Database, sql: string): number => Number(db.column<number | null>(sql)[0] ?? 0);

export function snapshotCounts(db: Database, seriesFiles: number, artifacts: number): StoreCounts {
  return {
    experiments: one(db, 'SELECT count(*) FROM experiments'),
    runs: one(db, 'SELECT count(*) FROM runs'),
    series: one(db, 'SELECT count(*) FROM series'),
    points: one(db, 'SELECT coalesce(sum(points), 0) FROM series'),
    seriesFiles,
    artifacts,
  };
}

/**
 * A digest of every metric point of every history kept in a file, read through the store's own
 * reader (histories kept inline are in the snapshot, which is checked against its crc as it is read).
 */
export function seriesDigest(store: Pick<Store, 'db' | 'ctx'>): string {
  const h = createHash('sha256');
  for (const [runId, key] of store.db.rows('SELECT run_id, key FROM series WHERE inline_pts IS NULL AND points > 0 ORDER BY series_id')) {
    const meta = store.ctx.series.get(runId as string, key as string);
    if (!meta) continue;
    for (let start = 0; start < meta.points; start += CHUNK_POINTS) {
      const pts = store.ctx.files.readRaw(meta, start, Math.min(CHUNK_POINTS, meta.points - start));
      h.update(Buffer.from(pts.buffer, pts.byteOffset, pts.byteLength));
    }
  }
  return h.digest('hex');
}
