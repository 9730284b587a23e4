import { describe, expect, it } from 'vitest';
import { Database } from '../../../../../electron/store/database';
import { SeriesFiles } from '../../../../../electron/store/series-files';
import { SeriesIndex } from '../../../../../electron/store/series-index';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();

describe('SeriesIndex', () => {
  it('reads back from the table what save wrote: counts, flags, the last point (NaN too) and inline points', async () => {
    const db = await Database.open(null);
    const files = new SeriesFiles(tempDir());
    const index = new SeriesIndex(db);
    const a = index.obtain('r1', 'loss');
    files.append(a, 10, 2, 0.5);
    files.append(a, 5, 1, Number.NaN); // out of order, last value NaN
    index.save(a);
    const b = index.obtain('r1', 'acc');
    files.append(b, 1, 0, Number.POSITIVE_INFINITY);
    index.save(b);
    const again = new SeriesIndex(db);
    const a2 = again.get('r1', 'loss')!;
    expect(a2).not.toBe(a);
    expect({ ...a2, inline: Array.from(a2.inline!) }).toEqual({ ...a, inline: Array.from(a.inline!.subarray(0, 6)) });
    expect(a2.last!.v).toBeNaN();
    expect(Array.from(files.readOrdered(a2, 0, 10))).toEqual([5, 1, Number.NaN, 10, 2, 0.5]);
    expect(again.forRun('r1').map((m) => m.key)).toEqual(['loss', 'acc']);
    expect(again.get('r1', 'nope')).toBeUndefined();
    expect(again.obtain('r2', 'loss').id).toBe(Math.max(a.id, b.id) + 1);
    files.close();
    db.close();
  });

  it('gives the same series, up to date, after dropping it from a full cache', async () => {
    const db = await Database.open(null);
    const files = new SeriesFiles(tempDir());
    const index = new SeriesIndex(db, 8);
    for (let i = 0; i < 30; i++) {
      const m = index.obtain(`r${i % 3}`, `k${i}`);
      for (let j = 0; j <= i; j++) files.append(m, j, j, i); // some past the inline limit
      index.save(m);
    }
    for (let i = 0; i < 30; i++) {
      const m = index.get(`r${i % 3}`, `k${i}`)!;
      files.append(m, 100, 100, -i);
      index.save(m);
    }
    for (let i = 29; i >= 0; i--) {
      const m = index.get(`r${i % 3}`, `k${i}`)!;
      expect(m.points).toBe(i + 2);
      const raw = files.readRaw(m, 0, m.points);
      expect(Array.from(raw.subarray(raw.length - 6))).toEqual([i, i, i, 100, 100, -i]);
    }
    expect(index.forRun('r1').map((m) => m.key)).toEqual(Array.from({ length: 10 }, (_, j) => `k${j * 3 + 1}`));
    files.close();
    db.close();
  });

  it('reads a series an older version wrote (no inline points: its file) and keeps appending to the file', async () => {
    const db = await Database.open(null);
    const dir = tempDir();
    const old = new SeriesFiles(dir);
    const plain = { id: 7, runId: 'r', key: 'k', points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null };
    for (let i = 0; i < 3; i++) old.append(plain, i, i, i * 2);
    await old.sync();
    old.close();
    db.run("INSERT INTO series (series_id, run_id, key, points, min_step, max_step, last_t, last_s, last_v) VALUES (7, 'r', 'k', 3, 0, 2, 2, 2, 4)");
    const index = new SeriesIndex(db);
    const files = new SeriesFiles(dir);
    const m = index.get('r', 'k')!;
    expect(m.inline).toBeUndefined();
    expect(Array.from(files.readOrdered(m, 0, 10))).toEqual([0, 0, 0, 1, 1, 2, 2, 2, 4]);
    files.append(m, 3, 3, 6);
    index.save(m);
    expect(db.rows('SELECT points, inline_pts FROM series WHERE series_id = 7')).toEqual([[4, null]]);
    expect(Array.from(files.readRaw(m, 3, 1))).toEqual([3, 3, 6]);
    files.close();
    db.close();
  });

  it('getMany: the same series as get for each run, those not cached read in one statement', async () => {
    const db = await Database.open(null);
    const files = new SeriesFiles(tempDir());
    const writer = new SeriesIndex(db);
    for (let r = 0; r < 40; r++) {
      for (const key of ['loss', 'acc']) {
        if (r % 7 === 3 && key === 'loss') continue; // runs with no loss
        const m = writer.obtain(`run${r}`, key);
        for (let j = 0; j < r % 12; j++) files.append(m, j, j, r); // inline and past the limit
        writer.save(m);
      }
    }
    const index = new SeriesIndex(db);
    const cached = index.get('run5', 'loss')!;
    const asked = ['run5', 'run3', 'nope', ...Array.from({ length: 40 }, (_, r) => `run${r}`), 'run5'];
    const statements: string[] = [];
    const rows = db.rows.bind(db);
    db.rows = (sql, params) => {
      statements.push(sql);
      return rows(sql, params);
    };
    const got = index.getMany(asked, 'loss');
    expect(statements.length).toBe(1);
    db.rows = rows;
    expect(got[0]).toBe(cached);
    expect(got[got.length - 1]).toBe(cached);
    const fresh = new SeriesIndex(db);
    expect(got.map((m) => m && { ...m, inline: m.inline && Array.from(m.inline) })).toEqual(asked.map((r) => {
      const m = fresh.get(r, 'loss');
      return m && { ...m, inline: m.inline && Array.from(m.inline) };
    }));
    expect(got.filter((m) => m === undefined).length).toBe(1 + 6 + 1); // 'nope', the 6 runs with no loss, run3 asked twice
    expect(index.getMany(['run1', 'run2'], 'loss').every((m, i) => m === index.get(`run${i + 1}`, 'loss'))).toBe(true); // cached now
    files.close();
    db.close();
  });
});
