import type { SeriesMeta } from '../../store/series-meta';
import { HISTORY_CHUNK_POINTS, type HistoryChunkCache, type SeriesState } from './history-chunk-cache';
import { entriesSlice, metricEntries, type MetricEntries } from './metric-json';

/** The reads a history answer needs (SeriesFiles' public API). */
export interface HistoryReads {
  /** Reads distinct points by history position as the series stands when it is called. */
  historyReader(meta: SeriesMeta): (start: number, count: number) => Float64Array;
}

export interface HistoryPage {
  /** Distinct points in the history. */
  total: number;
  start: number;
  end: number;
  next?: string;
}

/** One chunk's share of the answer: entries [a, b) of the chunk, from the cache or to be made. */
type Part =
  | { chunk: number; a: number; b: number; cached: MetricEntries }
  | { chunk: number; a: number; b: number; cached?: undefined; from: number; to: number; keep: boolean };

/**
 * metrics/get-history's answer for points [start, end) of a history, as pieces of JSON text:
 * `{"metrics":[…],"next_page_token":…}` (each part omitted when empty, as MLflow does), the
 * entries written straight from the stored triples chunk by chunk, or taken from the cache.
 *
 * What to send is settled now: the cached chunks are taken and the series is read as it stands
 * (a series logged in order only grows at its end; one read sorted is read from a snapshot of its
 * sorted view), so points logged while the answer is being written do not shift it. The points
 * are read chunk by chunk as the pieces are pulled. A chunk the page covers at least half of is written whole and cached; the
 * edges of small pages are written alone.
 */
export function historyBody(files: HistoryReads, meta: SeriesMeta | undefined, page: HistoryPage, cache: HistoryChunkCache): Iterable<string | Uint8Array> {
  const { start, end, next } = page;
  const tail = next ? `"next_page_token":${JSON.stringify(next)}}` : '}';
  if (!meta || end <= start) return [next ? `{${tail}` : '{}'];
  const state: SeriesState = { id: meta.id, runId: meta.runId, key: meta.key, points: meta.points, ordered: meta.ordered };
  const C = HISTORY_CHUNK_POINTS;
  const parts: Part[] = [];
  for (let chunk = Math.floor(start / C); chunk * C < end; chunk++) {
    const first = chunk * C;
    const a = Math.max(start, first) - first;
    const b = Math.min(end, first + C) - first;
    const cached = cache.get(state, chunk, b);
    if (cached) {
      parts.push({ chunk, a, b, cached });
      continue;
    }
    const keep = 2 * (b - a) >= C;
    parts.push({ chunk, a, b, from: keep ? 0 : a, to: keep ? Math.min(C, page.total - first) : b, keep });
  }
  const points = files.historyReader(meta);
  return (function* pieces() {
    yield '{"metrics":[';
    let isFirst = true;
    for (const part of parts) {
      let slice: Buffer | string;
      if (part.cached) {
        slice = entriesSlice(part.cached, part.a, part.b);
      } else {
        const base = part.chunk * C + part.from;
        const pts = points(base, part.to - part.from);
        if (pts.length !== (part.to - part.from) * 3) throw new Error(`metric history ${meta.id} gave ${pts.length / 3} of ${part.to - part.from} points at ${base}`);
        const made = metricEntries(pts, 0, part.to - part.from, meta.key);
        if (part.keep) cache.put(state, part.chunk, made, part.to);
        slice = entriesSlice(made, part.a - part.from, part.b - part.from);
      }
      if (!isFirst) yield ',';
      yield slice;
      isFirst = false;
    }
    yield `]${next ? ',' : ''}${tail}`;
  })();
}
