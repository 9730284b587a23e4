import type { SqlValue } from 'sql.js';
import { inlineBlob, inlineFromBlob } from './inline-points';
import type { SeriesMeta } from '../series-meta';

/** The `series` columns a SeriesMeta is made of, after run_id and key. */
export const SERIES_COLUMNS = 'series_id, points, min_step, max_step, ordered, by_step, last_t, last_s, last_v, inline_pts';

export type SeriesRowValues = [number, number, number | null, number | null, number, number, number | null, number | null, number | null, Uint8Array | null];

/** A series from its row (SERIES_COLUMNS, in that order). */
export function seriesFromRow(runId: string, key: string, r: SeriesRowValues): SeriesMeta {
  const [id, points, minStep, maxStep, ordered, byStep, lastT, lastS, lastV, inline] = r;
  const meta: SeriesMeta = {
    id, runId, key, points, minStep, maxStep, ordered: ordered === 1, byStep: byStep === 1,
    last: lastT === null ? null : { t: lastT, s: lastS ?? 0, v: lastV ?? Number.NaN },
  };
  if (inline) meta.inline = inlineFromBlob(inline);
  return meta;
}

/** Inserts a series' row or brings it up to date, with the parameters of `seriesRowParams`. */
export const UPSERT_SERIES = `INSERT INTO series (series_id, run_id, key, points, min_step, max_step, ordered, by_step, last_t, last_s, last_v, inline_pts)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (series_id) DO UPDATE SET points = excluded.points, min_step = excluded.min_step, max_step = excluded.max_step,
  ordered = excluded.ordered, by_step = excluded.by_step, last_t = excluded.last_t, last_s = excluded.last_s, last_v = excluded.last_v,
  inline_pts = excluded.inline_pts`;

/** The row of a series; a NaN last value is stored as NULL (SQLite has no NaN) and read back as NaN. */
export function seriesRowParams(m: SeriesMeta): SqlValue[] {
  const last = m.last;
  return [
    m.id, m.runId, m.key, m.points, m.minStep, m.maxStep, m.ordered ? 1 : 0, m.byStep ? 1 : 0,
    last?.t ?? null, last?.s ?? null, last && !Number.isNaN(last.v) ? last.v : null,
    m.inline ? inlineBlob(m.inline, m.points) : null,
  ];
}
