// A history logged out of order and read sorted (its sorted view built, then grown by merges)
// reads the same after a crash (the journal replayed onto the last snapshot, bytes past the
// recorded count in its file overwritten) as it did before, through the answers prepared in steps.
import { describe, expect, it } from 'vitest';
import { getMetricHistory, readyBulkIntervalJson, readyMetricHistoryJson } from '../../../../../electron/services/history-service';
import { HistoryChunkCache } from '../../../../../electron/services/history/history-chunk-cache';
import { logToRun } from '../../../../../electron/services/logging-service';
import { createRun } from '../../../../../electron/services/runs-service';
import { crash, openTestStore, type TestStore } from '../../../../support/open-test-store';
import { prng } from '../../../../support/prng';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const text = (pieces: Iterable<string | Uint8Array>) => Buffer.concat([...pieces].map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8');

/** Batches of 500 points, each group of 4 logged in a shuffled order (4 log-batches in flight). */
async function logBatches(t: TestStore, runId: string, rand: () => number, first: number, groups: number) {
  for (let g = 0; g < groups; g++) {
    for (const o of [0, 1, 2, 3].sort(() => rand() - 0.5)) {
      const pts: number[] = [];
      for (let i = 0; i < 500; i++) {
        const s = first + (g * 4 + o) * 500 + i;
        pts.push(1_700_000_000_000 + s, s, rand());
      }
      await logToRun(t.svc, { runId, params: [], tags: [], metrics: { keys: ['m'], keyIdx: pts.filter((_, j) => j % 3 === 0).map(() => 0), pts: new Float64Array(pts) } });
    }
  }
}

const answers = async (t: TestStore, runId: string) => ({
  history: text(await readyMetricHistoryJson(t.svc, new HistoryChunkCache(), { runId, key: 'm' })),
  page: text(await readyMetricHistoryJson(t.svc, new HistoryChunkCache(), { runId, key: 'm', maxResults: 3000 })),
  bulk: text(await readyBulkIntervalJson(t.svc, { runIds: [runId], key: 'm', maxResults: 320 })),
});

describe('sorted views across a crash', () => {
  it('read the same history after the journal is replayed onto the snapshot', async () => {
    const dir = tempDir();
    const rand = prng(51);
    const t = await openTestStore(dir);
    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    await logBatches(t, runId, rand, 0, 3);
    await answers(t, runId); // the views are built
    await t.store.checkpoint();
    await logBatches(t, runId, rand, 6000, 2); // merged into the views, and only in the journal
    const before = await answers(t, runId);
    const plain = getMetricHistory(t.svc, { runId, key: 'm' }).metrics;
    expect(plain).toHaveLength(10_000);
    expect(plain.map((m) => m.step)).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    await crash(t);
    const t2 = await openTestStore(dir);
    expect(t2.logs.some((l) => l.includes('replayed'))).toBe(true);
    expect(t2.store.ctx.series.get(runId, 'm')!.ordered).toBe(false);
    expect(await answers(t2, runId)).toEqual(before);
    await logBatches(t2, runId, rand, 10_000, 1);
    expect(JSON.parse((await answers(t2, runId)).history).metrics).toHaveLength(12_000);
    await t2.store.close();
  });
});
