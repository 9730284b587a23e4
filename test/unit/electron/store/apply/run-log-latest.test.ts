import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findLatest } from '../../../../../electron/store/repos/metrics-repo';
import { openTestStore, type TestStore } from '../../../../support/open-test-store';
import { seededRunId, seedRuns } from '../../../../support/seed-runs';

let t: TestStore | undefined;
let dir = '';
afterEach(async () => {
  await t?.store.close();
  await rm(dir, { recursive: true, force: true });
});

/** One log-batch op of [key, timestamp, step, value] points. */
const batch = (runId: string, points: [string, number, number, number][]) => {
  const keys = [...new Set(points.map((p) => p[0]))];
  return {
    type: 'run.log' as const, runId, time: 1, params: [], tags: [],
    metrics: { keys, keyIdx: points.map((p) => keys.indexOf(p[0])), pts: Float64Array.from(points.flatMap((p) => [p[1], p[2], p[3]])) },
  };
};

describe('run.log: the latest value of each key', () => {
  it('is the batch point that is latest by step, then timestamp, then value, whatever the order in the batch', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sextant-run-log-'));
    t = await openTestStore(dir);
    await seedRuns(t.store, { runs: 1, metrics: 0, params: 0, tags: 0 });
    const runId = seededRunId(0);
    await t.store.commit(batch(runId, [
      ['a', 100, 3, 0.3], ['b', 50, 1, 9], ['a', 300, 7, 0.7], ['a', 200, 5, 0.5], ['b', 60, 1, 8], ['a', 300, 7, 0.1], ['c', 10, 0, NaN],
    ]));
    expect(findLatest(t.store.db, runId, 'a')).toEqual({ t: 300, s: 7, v: 0.7 });
    expect(findLatest(t.store.db, runId, 'b')).toEqual({ t: 60, s: 1, v: 8 });
    expect(findLatest(t.store.db, runId, 'c')!.v).toBeNaN();
    // a later batch with only older points leaves the latest as it was; a newer one replaces it
    await t.store.commit(batch(runId, [['a', 10, 1, 5], ['b', 70, 2, 1]]));
    expect(findLatest(t.store.db, runId, 'a')).toEqual({ t: 300, s: 7, v: 0.7 });
    expect(findLatest(t.store.db, runId, 'b')).toEqual({ t: 70, s: 2, v: 1 });
  });
});
