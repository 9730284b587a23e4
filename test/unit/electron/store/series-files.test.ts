import { describe, expect, it } from 'vitest';
import { SeriesFiles } from '../../../../electron/store/series-files';
import type { SeriesMeta } from '../../../../electron/store/series-meta';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const newMeta = (id = 1): SeriesMeta => ({ id, runId: 'r', key: 'k', points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null });
const triples = (a: Float64Array) => Array.from({ length: a.length / 3 }, (_, i) => [a[i * 3], a[i * 3 + 1], a[i * 3 + 2]]);

describe('SeriesFiles', () => {
  it('reads back appended points, in order and by range, across flushes and reopen', async () => {
    const dir = tempDir();
    const files = new SeriesFiles(dir);
    const meta = newMeta();
    for (let i = 0; i < 10; i++) files.append(meta, 100 + i, i, i * 1.5);
    expect(triples(files.readOrdered(meta, 2, 3))).toEqual([[102, 2, 3], [103, 3, 4.5], [104, 4, 6]]);
    await files.sync();
    files.append(meta, 110, 10, Number.NaN);
    files.close();
    const again = new SeriesFiles(dir);
    const all = triples(again.readOrdered(meta, 0, 100));
    expect(all).toHaveLength(11);
    expect(all[10]![2]).toBeNaN();
    again.close();
  });

  it('sorts out-of-order points into history order (timestamp, step, value) and by step', () => {
    const files = new SeriesFiles(tempDir());
    const meta = newMeta();
    files.append(meta, 30, 1, 5);
    files.append(meta, 10, 3, 7);
    files.append(meta, 10, 2, Number.NaN);
    files.append(meta, 10, 2, 1);
    expect(meta.ordered).toBe(false);
    expect(meta.byStep).toBe(false);
    const hist = triples(files.readOrdered(meta, 0, 10));
    expect(hist.map((p) => p.slice(0, 2))).toEqual([[10, 2], [10, 2], [10, 3], [30, 1]]);
    expect(hist[0]![2]).toBe(1); // numbers before NaN
    expect(triples(files.readAll(meta, 'step')).map((p) => p[1])).toEqual([1, 2, 2, 3]);
    files.close();
  });

  it('knows which exact points it already holds (duplicates are stored once)', () => {
    const files = new SeriesFiles(tempDir());
    const meta = newMeta();
    for (let i = 0; i < 1000; i++) files.append(meta, i, i, i / 3);
    expect(files.contains(meta, 999, 999, 999 / 3)).toBe(true);
    expect(files.contains(meta, 500, 500, 500 / 3)).toBe(true);
    expect(files.contains(meta, 500, 500, 1)).toBe(false);
    expect(files.contains(meta, 1000, 1000, 1)).toBe(false);
    files.close();
  });

  it('keeps exact duplicates of a series logged out of order on disk but reads each point once', () => {
    const files = new SeriesFiles(tempDir());
    const meta = newMeta();
    files.append(meta, 2, 2, 2);
    files.append(meta, 1, 1, 1);
    files.append(meta, 2, 2, 2);
    files.append(meta, 1, 1, Number.NaN);
    files.append(meta, 1, 1, Number.NaN);
    expect(meta.ordered).toBe(false);
    expect(files.contains(meta, 1, 1, 1)).toBe(false); // not looked up: resolved when read
    expect(files.historyLength(meta)).toBe(3);
    const hist = triples(files.readOrdered(meta, 0, 10));
    expect(hist.map((p) => p.slice(0, 2))).toEqual([[1, 1], [1, 1], [2, 2]]);
    expect(hist[1]![2]).toBeNaN();
    expect(triples(files.readOrdered(meta, 2, 10))).toEqual([[2, 2, 2]]);
    files.close();
  });

  it('overwrites bytes past the recorded count instead of appending after them', async () => {
    const dir = tempDir();
    const files = new SeriesFiles(dir);
    const meta = newMeta(7);
    files.append(meta, 1, 1, 1);
    files.append(meta, 2, 2, 2);
    await files.sync();
    files.close();
    // a crash lost the second point's metadata (it was never acknowledged): replay writes a different one
    const replay = new SeriesFiles(dir);
    const m2 = { ...newMeta(7), points: 1, last: { t: 1, s: 1, v: 1 }, minStep: 1, maxStep: 1 };
    replay.append(m2, 3, 3, 3);
    expect(triples(replay.readOrdered(m2, 0, 10))).toEqual([[1, 1, 1], [3, 3, 3]]);
    replay.close();
  });
});

describe('SeriesFiles duplicates in step order', () => {
  it('finds an exact duplicate in a series logged in step order but not in time order', () => {
    const files = new SeriesFiles(tempDir());
    const meta = newMeta();
    files.append(meta, 2000, 1, 1);
    files.append(meta, 1000, 2, 2); // time goes back, steps go on
    files.append(meta, 3000, 3, 3);
    expect(meta.ordered).toBe(false);
    expect(meta.byStep).toBe(true);
    expect(files.contains(meta, 1000, 2, 2)).toBe(true);
    expect(files.contains(meta, 1000, 2, 5)).toBe(false);
    expect(files.contains(meta, 2000, 1, 1)).toBe(true);
    expect(files.contains(meta, 9000, 9, 9)).toBe(false);
    files.close();
  });
});
