// The same point streams through an inline series and a series with a file must read the same,
// through every read: ordered, out of order, exact duplicates, NaN and ±Infinity values,
// negative steps; short streams stay inline, longer ones move to the file on the way.
import { describe, expect, it } from 'vitest';
import { INLINE_MAX_POINTS, newInlinePoints } from '../../../../../electron/store/series/inline-points';
import { SeriesFiles } from '../../../../../electron/store/series-files';
import type { SeriesMeta } from '../../../../../electron/store/series-meta';
import { prng } from '../../../../support/prng';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
type Point = [number, number, number];
const meta = (id: number, inline: boolean): SeriesMeta => ({
  id, runId: 'r', key: 'k', points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null, ...(inline ? { inline: newInlinePoints() } : {}),
});

const SHAPES = ['ordered', 'steps only', 'shuffled', 'duplicates'] as const;
type Shape = (typeof SHAPES)[number];

function stream(random: () => number, n: number, shape: Shape): Point[] {
  const special = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0];
  const value = () => (random() < 0.2 ? special[Math.floor(random() * special.length)]! : Math.round((random() - 0.5) * 100) / 4);
  const pts: Point[] = [];
  for (let i = 0; i < n; i++) {
    const step = i - 3; // negative steps too
    if (shape === 'ordered') pts.push([1000 + i, step, value()]);
    else if (shape === 'steps only') pts.push([1000 + Math.floor(random() * 5), step, value()]); // time goes back, steps go on
    else pts.push([1000 + Math.floor(random() * 4), Math.floor(random() * 6) - 3, value()]);
  }
  if (shape === 'duplicates') for (let i = 0; i < n / 2; i++) pts.push(pts[Math.floor(random() * pts.length)]!);
  return pts;
}

/** What run-log does with a point: skipped when the series already holds it, appended otherwise. */
function log(files: SeriesFiles, m: SeriesMeta, [t, s, v]: Point): void {
  if (!files.contains(m, t, s, v)) files.append(m, t, s, v);
}

function reads(files: SeriesFiles, m: SeriesMeta, probes: Point[]) {
  const len = files.historyLength(m);
  const chunks: number[][] = [];
  files.forEachChunk(m, 0, m.points, (pts) => chunks.push(Array.from(pts)));
  return {
    points: m.points, ordered: m.ordered, byStep: m.byStep, minStep: m.minStep, maxStep: m.maxStep, last: m.last,
    len,
    ordered0: Array.from(files.readOrdered(m, 0, len + 5)),
    orderedMid: Array.from(files.readOrdered(m, Math.floor(len / 3), 4)),
    orderedPast: Array.from(files.readOrdered(m, len + 2, 3)),
    readByStep: Array.from(files.readAll(m, 'step')),
    raw: Array.from(files.readRaw(m, 0, m.points)),
    rawMid: Array.from(files.readRaw(m, 1, 2)),
    chunks,
    contains: probes.map(([t, s, v]) => files.contains(m, t, s, v)),
  };
}

describe('inline and file series read the same', () => {
  for (const shape of SHAPES) {
    it(`for ${shape} streams, within the inline limit and past it`, () => {
      const random = prng(SHAPES.indexOf(shape) + 11);
      const dir = tempDir();
      const files = new SeriesFiles(dir);
      let id = 1;
      for (let round = 0; round < 40; round++) {
        const n = round < 20 ? 1 + Math.floor(random() * INLINE_MAX_POINTS) : INLINE_MAX_POINTS + Math.floor(random() * 3 * INLINE_MAX_POINTS) - 3;
        const pts = stream(random, n, shape);
        const inline = meta(id++, true);
        const file = meta(id++, false);
        const probes = [...pts.slice(0, 5), [999, 0, 1] as Point, [1000, -3, Number.NaN] as Point, [5000, 50, 1] as Point];
        for (const p of pts) {
          log(files, inline, p);
          log(files, file, p);
          if (random() < 0.1) expect(reads(files, inline, probes)).toEqual(reads(files, file, probes)); // also mid-stream
        }
        expect(reads(files, inline, probes)).toEqual(reads(files, file, probes));
        expect(inline.inline !== undefined).toBe(inline.points <= INLINE_MAX_POINTS);
      }
      files.close();
    });
  }

  it('writes a series that outgrew the limit to its file from the first point, readable after reopening', async () => {
    const dir = tempDir();
    const files = new SeriesFiles(dir);
    const m = meta(3, true);
    for (let i = 0; i < INLINE_MAX_POINTS + 2; i++) files.append(m, 100 + i, i, i / 2);
    expect(m.inline).toBeUndefined();
    await files.sync();
    files.close();
    const again = new SeriesFiles(dir);
    expect(Array.from(again.readRaw(m, 0, m.points))).toEqual(Array.from({ length: INLINE_MAX_POINTS + 2 }, (_, i) => [100 + i, i, i / 2]).flat());
    again.close();
  });

  it('keeps an inline series out of the series folder', async () => {
    const dir = tempDir();
    const files = new SeriesFiles(dir);
    const m = meta(4, true);
    for (let i = 0; i < INLINE_MAX_POINTS; i++) files.append(m, i, i, i);
    await files.sync();
    files.close();
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('read the same after their sorted views are prepared in steps, and as a fresh reader with no views reads them', async () => {
    const random = prng(77);
    const dir = tempDir();
    const files = new SeriesFiles(dir);
    const fresh = new SeriesFiles(dir);
    let id = 100;
    for (const shape of SHAPES) {
      for (let round = 0; round < 10; round++) {
        const pts = stream(random, 1 + Math.floor(random() * 3 * INLINE_MAX_POINTS), shape);
        const inline = meta(id++, true);
        const file = meta(id++, false);
        const probes = pts.slice(0, 3);
        for (const p of pts) {
          log(files, inline, p);
          log(files, file, p);
        }
        for (const m of [inline, file]) {
          await files.prepareSorted(m, 'history', async () => {});
          await files.prepareSorted(m, 'step', async () => {});
        }
        expect(reads(files, inline, probes)).toEqual(reads(files, file, probes));
        files.flush();
        await files.written(); // written on the thread pool: a fresh reader sees the file
        expect(reads(files, file, probes)).toEqual(reads(fresh, { ...file, ...(file.inline ? { inline: file.inline } : {}) }, probes));
      }
    }
    files.close();
    fresh.close();
  });

  it('reads raw points on the thread pool as at once, and only the recorded ones after a replay rewrote a longer file', async () => {
    const dir = tempDir();
    const files = new SeriesFiles(dir);
    const m = meta(500, true);
    const n = 10_000; // past the size read at once on the async path too
    for (let i = 0; i < n; i++) files.append(m, 1000 + (i % 7), i, i / 3);
    for (const [start, count] of [[0, n], [17, 9000], [n - 5, 100], [n, 10]] as const) {
      expect(Array.from(await files.readRawLater(m, start, count))).toEqual(Array.from(files.readRaw(m, start, count)));
    }
    await files.sync();
    files.close();
    // a crash: the recorded count is smaller than the file (the journal replays from there)
    const replay = new SeriesFiles(dir);
    const m2 = { ...meta(500, false), points: 6000, ordered: false, byStep: true, last: { t: 1000, s: 5999, v: 1999.6666666666667 } };
    for (let i = 6000; i < 6100; i++) replay.append(m2, 0, i, -1); // replayed points differ from the bytes left there
    const later = await replay.readRawLater(m2, 0, m2.points + 50);
    expect(later.length).toBe(6100 * 3);
    expect(Array.from(later.subarray(6000 * 3, 6001 * 3))).toEqual([0, 6000, -1]);
    await replay.prepareSorted(m2, 'history', async () => {});
    expect(replay.historyLength(m2)).toBe(6100);
    expect(Array.from(replay.readOrdered(m2, 0, 1))).toEqual([0, 6000, -1]); // timestamp 0 sorts first
    replay.close();
  });
});
