// Histories logged out of order are kept sorted per series (not only the last one read), brought
// up to date by reading and merging only the points logged since, within a byte bound.
import { describe, expect, it } from 'vitest';
import { BLOCK_POINTS } from '../../../../../electron/store/series/sort-steps';
import { snapshotEntries, SortedViews } from '../../../../../electron/store/series/sorted-views';
import { compareHistory, type SeriesMeta } from '../../../../../electron/store/series-meta';
import { prng } from '../../../../support/prng';

/** Series as plain arrays of logged points, with every read recorded. */
function fakeSeries() {
  const points = new Map<number, number[]>();
  const reads: { id: number; start: number; count: number; later: boolean }[] = [];
  const read = (later: boolean) => (meta: SeriesMeta, start: number, count: number) => {
    reads.push({ id: meta.id, start, count, later });
    return new Float64Array(points.get(meta.id)!.slice(start * 3, (start + count) * 3));
  };
  const meta = (id: number): SeriesMeta => ({ id, runId: 'r', key: `k${id}`, points: 0, minStep: null, maxStep: null, ordered: false, byStep: false, last: null });
  const log = (m: SeriesMeta, pts: number[]) => {
    points.set(m.id, [...(points.get(m.id) ?? []), ...pts]);
    m.points += pts.length / 3;
  };
  return { reads, meta, log, raw: { readNow: read(false), readLater: async (m: SeriesMeta, s: number, c: number) => read(true)(m, s, c) } };
}

const shuffled = (random: () => number, n: number, from = 0) => {
  const pts = Array.from({ length: n }, (_, i) => [1000 + from + i, from + i, random()]);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pts[i], pts[j]] = [pts[j]!, pts[i]!];
  }
  return pts.flat();
};

/** The distinct points in history order, the plain way. */
function expected(all: number[]): number[] {
  const pts: number[][] = [];
  for (let i = 0; i < all.length; i += 3) pts.push(all.slice(i, i + 3));
  pts.sort((a, b) => compareHistory(a[0]!, a[1]!, a[2]!, b[0]!, b[1]!, b[2]!));
  return pts.filter((p, i) => i === 0 || compareHistory(pts[i - 1]![0]!, pts[i - 1]![1]!, pts[i - 1]![2]!, p[0]!, p[1]!, p[2]!) !== 0).flat();
}

const all = (views: SortedViews, m: SeriesMeta) => {
  const snap = views.snapshot(m, 'history');
  return Array.from(snapshotEntries(snap, 0, snap.order.length));
};

describe('SortedViews', () => {
  it('reads and sorts only the points logged since the last read, and keeps several series', () => {
    const f = fakeSeries();
    const views = new SortedViews(f.raw);
    const random = prng(1);
    const a = f.meta(1);
    const b = f.meta(2);
    const logged = new Map<number, number[]>([[1, []], [2, []]]);
    const log = (m: SeriesMeta, pts: number[]) => {
      f.log(m, pts);
      logged.get(m.id)!.push(...pts);
    };
    log(a, shuffled(random, 500));
    log(b, shuffled(random, 300));
    expect(all(views, a)).toEqual(expected(logged.get(1)!));
    expect(all(views, b)).toEqual(expected(logged.get(2)!));
    f.reads.length = 0;
    expect(all(views, a)).toEqual(expected(logged.get(1)!)); // a is still held after b was read
    expect(f.reads).toEqual([]);
    const again = logged.get(1)!.slice(0, 30); // a retried batch: exact repeats
    log(a, [...shuffled(random, 200, 400), ...again]);
    expect(all(views, a)).toEqual(expected(logged.get(1)!));
    expect(f.reads).toEqual([{ id: 1, start: 500, count: 210, later: false }]);
  });

  it('prepares in steps on the thread pool, then a snapshot needs nothing more', async () => {
    const f = fakeSeries();
    const views = new SortedViews(f.raw);
    const m = f.meta(1);
    const pts = shuffled(prng(2), BLOCK_POINTS + 1000);
    f.log(m, pts);
    let turns = 0;
    await Promise.all([views.prepare(m, 'step', async () => void turns++), views.prepare(m, 'step', async () => void turns++)]);
    expect(f.reads.every((r) => r.later && r.count <= BLOCK_POINTS)).toBe(true);
    expect(f.reads.reduce((n, r) => n + r.count, 0)).toBe(m.points); // each point read once, by one of the two
    f.reads.length = 0;
    const snap = views.snapshot(m, 'step');
    expect(f.reads).toEqual([]);
    expect(snap.order.length).toBe(m.points);
    const steps = Array.from(snapshotEntries(snap, 0, snap.order.length)).filter((_, i) => i % 3 === 1);
    expect(steps).toEqual(Array.from({ length: m.points }, (_, i) => i));
  });

  it('leaves a snapshot a reader holds as it was when the series grows', () => {
    const f = fakeSeries();
    const views = new SortedViews(f.raw);
    const m = f.meta(1);
    f.log(m, shuffled(prng(3), 200, 100));
    const before = views.snapshot(m, 'history');
    const text = Array.from(snapshotEntries(before, 0, before.order.length));
    f.log(m, shuffled(prng(4), 100, 0)); // all before the first ones in history order
    const after = views.snapshot(m, 'history');
    expect(after.order.length).toBe(300);
    expect(Array.from(snapshotEntries(before, 0, before.order.length))).toEqual(text);
  });

  it('drops the least recently read series past its byte bound, never the one being read', () => {
    const f = fakeSeries();
    const oneView = BLOCK_POINTS * 24 + 100 * 4; // a block of points and a 100-point order
    const views = new SortedViews(f.raw, 2 * oneView);
    const metas = [1, 2, 3].map((id) => f.meta(id));
    for (const m of metas) f.log(m, shuffled(prng(m.id), 100));
    for (const m of metas) views.snapshot(m, 'history');
    expect(views.size).toBe(2);
    expect(views.bytes).toBeLessThanOrEqual(2 * oneView);
    f.reads.length = 0;
    views.snapshot(metas[2]!, 'history');
    views.snapshot(metas[1]!, 'history');
    expect(f.reads).toEqual([]);
    views.snapshot(metas[0]!, 'history'); // dropped: read again
    expect(f.reads.map((r) => r.id)).toEqual([1]);
    const tiny = new SortedViews(f.raw, 1);
    expect(tiny.snapshot(metas[0]!, 'history').order.length).toBe(100);
    expect(tiny.size).toBe(1);
  });
});
