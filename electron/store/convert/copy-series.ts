import { setImmediate as nextTurn } from 'node:timers/promises';
import type { StoreKeys } from '../crypto/store-keys';
import type { Database } from '../database';
import type { SeriesFiles } from '../series-files';
import type { SeriesIndex } from '../series-index';
import type { SeriesMeta } from '../series-meta';
import type { ProgressCounter } from './convert-progress';

const POINT_BYTES = 24;
/** Points read and written at a time (1.5 MB): memory stays bounded whatever a history's length. */
const CHUNK_POINTS = 64 * 1024;

/** The metric histories kept in files (small ones live in their `series` row, inside the snapshot). */
export interface SeriesToCopy {
  runId: string;
  key: string;
  id: number;
  points: number;
}

export function seriesWithFiles(db: Database): SeriesToCopy[] {
  return db
    .rows('SELECT run_id, key, series_id, points FROM series WHERE inline_pts IS NULL AND points > 0 ORDER BY series_id')
    .map(([runId, key, id, points]) => ({ runId: runId as string, key: key as string, id: id as number, points: points as number }));
}

export interface SeriesCopy {
  list: SeriesToCopy[];
  from: { index: SeriesIndex; files: SeriesFiles };
  /** The copy's series files, opened with the copy's keys (null: plain). */
  to: SeriesFiles;
  progress: ProgressCounter;
  signal: AbortSignal;
}

/**
 * Copies every file-backed history through the series files' own reader and writer, so each
 * point is opened with the old store's keys and written (sealed or plain) with the copy's, in
 * its own format: the same series ids, the same points in the same order. Durable once it resolves.
 */
export async function copySeries({ list, from, to, progress, signal }: SeriesCopy): Promise<void> {
  progress.phase('copying metric histories');
  for (const s of list) {
    signal.throwIfAborted();
    const meta = from.index.get(s.runId, s.key);
    if (!meta || meta.inline || meta.id !== s.id) throw new Error(`series ${s.id} (${s.key} of run ${s.runId}) changed while the store was being converted`);
    const copy: SeriesMeta = { id: s.id, runId: s.runId, key: s.key, points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null };
    for (let start = 0; start < meta.points; start += CHUNK_POINTS) {
      const n = Math.min(CHUNK_POINTS, meta.points - start);
      const pts = from.files.readRaw(meta, start, n);
      if (pts.length !== n * 3) throw new Error(`series ${s.id} (${s.key} of run ${s.runId}) gave ${pts.length / 3} points of ${n} asked for`);
      for (let i = 0; i < pts.length; i += 3) to.append(copy, pts[i]!, pts[i + 1]!, pts[i + 2]!);
      to.flush();
      await to.written();
      progress.bytes(n * POINT_BYTES, `series ${s.id}`);
      signal.throwIfAborted();
      await nextTurn();
    }
    progress.item();
  }
  to.flush();
  await to.sync();
}

export type { StoreKeys };
