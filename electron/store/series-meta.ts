/** What the store knows about one metric history without opening its file. */
export interface SeriesMeta {
  id: number;
  runId: string;
  key: string;
  /** Points durable in the file (or inline), or waiting in the append buffer. */
  points: number;
  minStep: number | null;
  maxStep: number | null;
  /** True while points arrived in MLflow's history order (timestamp, step, value). */
  ordered: boolean;
  /** True while steps never decreased (bulk-interval sampling can binary-search). */
  byStep: boolean;
  last: { t: number; s: number; v: number } | null;
  /**
   * The points of a small series kept in memory and in its `series` row instead of a file
   * (its first `points` triples; the buffer may be longer). Absent for a series with a file.
   */
  inline?: Float64Array;
}

/** MLflow orders values with NaN above every number. */
export function compareValues(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** History order: timestamp, then step, then value. */
export function compareHistory(t1: number, s1: number, v1: number, t2: number, s2: number, v2: number): number {
  return t1 - t2 || s1 - s2 || compareValues(v1, v2);
}

/** "Latest" order for RunData.metrics: step, then timestamp, then value. */
export function compareLatest(t1: number, s1: number, v1: number, t2: number, s2: number, v2: number): number {
  return s1 - s2 || t1 - t2 || compareValues(v1, v2);
}

/** Updates meta for one appended point. */
export function notePoint(meta: SeriesMeta, t: number, s: number, v: number): void {
  const last = meta.last;
  if (last) {
    if (meta.ordered && compareHistory(last.t, last.s, last.v, t, s, v) > 0) meta.ordered = false;
    if (meta.byStep && s < last.s) meta.byStep = false;
    last.t = t;
    last.s = s;
    last.v = v;
  } else {
    meta.last = { t, s, v };
  }
  meta.minStep = meta.minStep === null ? s : Math.min(meta.minStep, s);
  meta.maxStep = meta.maxStep === null ? s : Math.max(meta.maxStep, s);
  meta.points++;
}
