// A store whose small series are inline, reopened after a crash (the journal replayed onto the
// last snapshot), has exactly the acknowledged points: whether the snapshot held a series inline
// and the replay moves it to its file, or the replay starts it from nothing.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getMetricHistory } from '../../../../../electron/services/history-service';
import { logToRun } from '../../../../../electron/services/logging-service';
import { createRun } from '../../../../../electron/services/runs-service';
import { INLINE_MAX_POINTS } from '../../../../../electron/store/series/inline-points';
import { crash, openTestStore, type TestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const log = (t: TestStore, runId: string, key: string, pts: [number, number, number][]) =>
  logToRun(t.svc, { runId, metrics: { keys: [key], keyIdx: pts.map(() => 0), pts: new Float64Array(pts.flat()) }, params: [], tags: [] });
const history = (t: TestStore, runId: string, key: string) => getMetricHistory(t.svc, { runId, key }).metrics.map((m) => [m.timestamp, m.step, m.value]);
const seriesFiles = (dir: string) => readdirSync(join(dir, 'series')).flatMap((d) => readdirSync(join(dir, 'series', d)));
const steps = (from: number, to: number): [number, number, number][] => Array.from({ length: to - from }, (_, i) => [1000 + from + i, from + i, (from + i) / 4]);

describe('inline series across a crash', () => {
  it('replays onto a snapshot that holds the series inline, moving it to its file past the limit', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir);
    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    await log(t, runId, 'loss', steps(0, INLINE_MAX_POINTS - 2));
    await log(t, runId, 'acc', [[5, 0, Number.NaN]]);
    await t.store.checkpoint();
    await log(t, runId, 'loss', steps(INLINE_MAX_POINTS - 2, INLINE_MAX_POINTS + 5)); // moves to its file
    await log(t, runId, 'acc', [[6, 1, Number.POSITIVE_INFINITY]]);
    const before = { loss: history(t, runId, 'loss'), acc: history(t, runId, 'acc') };
    expect(before.loss).toHaveLength(INLINE_MAX_POINTS + 5);
    await crash(t);
    const t2 = await openTestStore(dir);
    expect(t2.logs.some((l) => l.includes('replayed'))).toBe(true);
    expect(history(t2, runId, 'loss')).toEqual(before.loss);
    expect(history(t2, runId, 'acc')).toEqual(before.acc);
    await t2.store.ctx.files.sync(); // replayed points are written on the thread pool
    expect(seriesFiles(dir)).toHaveLength(1); // only loss has a file
    await log(t2, runId, 'loss', steps(3, 5)); // already there: stored once
    expect(history(t2, runId, 'loss')).toEqual(before.loss);
    await t2.store.close();
    const t3 = await openTestStore(dir);
    expect(t3.logs.some((l) => l.includes('replayed'))).toBe(false);
    expect(history(t3, runId, 'loss')).toEqual(before.loss);
    expect(history(t3, runId, 'acc')).toEqual(before.acc);
    await t3.store.close();
  });

  it('replays series created after the snapshot, out of order and with duplicates, to the same history', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir);
    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    await t.store.checkpoint();
    await log(t, runId, 'm', [[3, 3, 1], [1, 1, 1], [2, 2, Number.NaN], [1, 1, 1]]);
    await log(t, runId, 'm', [[1, 1, 1], [0, -1, 0]]);
    const before = history(t, runId, 'm');
    expect(before).toEqual([[0, -1, 0], [1, 1, 1], [2, 2, Number.NaN], [3, 3, 1]]);
    await crash(t);
    const t2 = await openTestStore(dir);
    expect(history(t2, runId, 'm')).toEqual(before);
    expect(seriesFiles(dir)).toEqual([]);
    await t2.store.close();
    const t3 = await openTestStore(dir);
    expect(history(t3, runId, 'm')).toEqual(before);
    await t3.store.close();
  });

  it('replays onto a snapshot whose series already has its file, after more points were written past its count', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir);
    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    await log(t, runId, 'loss', steps(0, INLINE_MAX_POINTS + 3));
    await t.store.checkpoint();
    await log(t, runId, 'loss', steps(INLINE_MAX_POINTS + 3, INLINE_MAX_POINTS + 40));
    const before = history(t, runId, 'loss');
    t.store.ctx.files.flush(); // the points past the snapshot's count are on disk too
    await t.store.ctx.files.written();
    await crash(t);
    const t2 = await openTestStore(dir);
    expect(history(t2, runId, 'loss')).toEqual(before);
    await t2.store.close();
  });
});
