import type { SeriesMeta } from '../series-meta';
import { BLOCK_POINTS, BLOCK_SHIFT, copyPoint, indexRange, mergeSorted, type PointBlocks, pointComparer, type PointOrder, runInSteps, runNow, sortIndices, type TurnClock, withoutRepeats } from './sort-steps';

/**
 * The distinct points of a history in one order, as they stood at `points` logged points:
 * entry i is logged point order[i] of `blocks`. Never changed once made (a later update makes a
 * new order; blocks are only written past the points `order` names), so a reader may keep one
 * while the series grows.
 */
export interface SortedSnapshot {
  points: number;
  blocks: PointBlocks;
  order: Uint32Array;
}

/** Entries [start, start+count) of a sorted snapshot, as triples. */
export function snapshotEntries(snap: SortedSnapshot, start: number, count: number): Float64Array {
  const n = Math.max(0, Math.min(count, snap.order.length - start));
  const out = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) copyPoint(snap.blocks, snap.order[start + i]!, out, i);
  return out;
}

/** Where a view gets the points it does not hold yet, at once or on the thread pool. */
export interface RawPoints {
  readNow(meta: SeriesMeta, start: number, count: number): Float64Array;
  readLater(meta: SeriesMeta, start: number, count: number): Promise<Float64Array>;
}

interface View {
  id: number;
  /** Logged points held in `blocks` (file order). */
  points: number;
  blocks: Float64Array[];
  sorted: Partial<Record<PointOrder, SortedSnapshot>>;
}

/** Bytes of sorted views kept by default: a 1M-point history sorted both ways is about 32 MB. */
export const SORTED_VIEWS_BYTES = 64 * 1024 * 1024;

/**
 * Histories logged out of order, held sorted for reading, per series, least recently used dropped
 * past `maxBytes` (the one just read is always kept). A view follows its series as it grows: the
 * new points only are read, sorted and merged in (a linear pass), never the whole history again.
 * `prepare` does that work in slices between event-loop turns; `snapshot` does it at once (what
 * is left of it: after `prepare`, nothing unless points came in between).
 */
export class SortedViews {
  private views = new Map<number, View>();
  private running = new Map<string, Promise<void>>();

  constructor(
    private raw: RawPoints,
    readonly maxBytes = SORTED_VIEWS_BYTES,
  ) {}

  /** The series' distinct points in `by` order, as of now (made or brought up to date at once). */
  snapshot(meta: SeriesMeta, by: PointOrder): SortedSnapshot {
    const view = this.viewOf(meta);
    if (view.points < meta.points) this.grow(view, this.raw.readNow(meta, view.points, meta.points - view.points));
    const have = view.sorted[by];
    if (have && have.points === meta.points) return have;
    return this.commit(view, by, runNow(update(view, by, meta.points)));
  }

  /**
   * Brings the series' view in `by` order up to date with its points now, reading new points on
   * the thread pool and sorting in slices (`nextTurn` between them), so no task is long.
   */
  async prepare(meta: SeriesMeta, by: PointOrder, nextTurn: (() => Promise<void>) | TurnClock): Promise<void> {
    const name = `${meta.id}:${by}`;
    for (;;) {
      const view = this.viewOf(meta);
      if (view.sorted[by]?.points === meta.points) return;
      const busy = this.running.get(name);
      if (busy) {
        await busy;
        continue;
      }
      const job = (async () => {
        const target = meta.points;
        while (view.points < target) {
          const start = view.points;
          const pts = await this.raw.readLater(meta, start, Math.min(BLOCK_POINTS, target - start)); // a block at a time: no big copy
          if (view.points !== start) break; // another reader grew it meanwhile
          this.grow(view, pts);
        }
        if (view.points < target) return; // another reader grew it differently meanwhile: go round again
        this.commit(view, by, await runInSteps(update(view, by, target), nextTurn));
      })();
      this.running.set(name, job);
      try {
        await job;
      } finally {
        this.running.delete(name);
      }
    }
  }

  /** Drops every view (the store closes, or its files were replaced). */
  clear(): void {
    this.views.clear();
  }

  /** Bytes held by the views (points and orders). */
  get bytes(): number {
    let sum = 0;
    for (const v of this.views.values()) sum += viewBytes(v);
    return sum;
  }

  get size(): number {
    return this.views.size;
  }

  private viewOf(meta: SeriesMeta): View {
    let view = this.views.get(meta.id);
    if (view && view.points > meta.points) view = undefined; // not the series it was made from
    if (view) this.views.delete(meta.id); // re-insert: Map order is the LRU order
    else view = { id: meta.id, points: 0, blocks: [], sorted: {} };
    this.views.set(meta.id, view);
    return view;
  }

  /** Appends logged points to the view's blocks (new blocks as needed: nothing held is copied). */
  private grow(view: View, pts: Float64Array): void {
    let done = 0;
    const n = pts.length / 3;
    while (done < n) {
      const at = view.points + done;
      const b = at >>> BLOCK_SHIFT;
      const inBlock = at & (BLOCK_POINTS - 1);
      const take = Math.min(n - done, BLOCK_POINTS - inBlock);
      if (b === view.blocks.length) view.blocks.push(new Float64Array(BLOCK_POINTS * 3));
      view.blocks[b]!.set(pts.subarray(done * 3, (done + take) * 3), inBlock * 3);
      done += take;
    }
    view.points += n;
    this.evict(view);
  }

  private commit(view: View, by: PointOrder, made: SortedSnapshot): SortedSnapshot {
    const have = view.sorted[by];
    if (have && have.points >= made.points) return have;
    view.sorted[by] = made;
    this.evict(view);
    return made;
  }

  private evict(keep: View): void {
    let held = this.bytes;
    for (const [id, v] of this.views) {
      if (held <= this.maxBytes) break;
      if (v === keep) continue;
      held -= viewBytes(v);
      this.views.delete(id);
    }
  }
}

const viewBytes = (v: View) => v.blocks.length * BLOCK_POINTS * 24 + (v.sorted.history?.order.byteLength ?? 0) + (v.sorted.step?.order.byteLength ?? 0);

/**
 * The view's `by` order at `target` points: the points it had sorted before, merged with the new
 * ones sorted alone (most often a batch or two), then exact repeats dropped.
 */
function* update(view: View, by: PointOrder, target: number): Generator<void, SortedSnapshot> {
  const blocks = view.blocks.slice(); // blocks added later are not this snapshot's
  const cmp = pointComparer(blocks, by);
  const before = view.sorted[by];
  const from = before ? before.points : 0;
  const fresh = yield* indexRange(from, target);
  const sortedFresh = yield* sortIndices(fresh, cmp);
  const merged = before ? yield* mergeSorted(before.order, sortedFresh, cmp) : sortedFresh;
  const order = yield* withoutRepeats(blocks, merged);
  return { points: target, blocks, order };
}
