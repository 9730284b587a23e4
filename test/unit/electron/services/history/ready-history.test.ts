// What the server answers after preparing in steps (readyMetricHistoryJson, readyBulkIntervalJson)
// is the text the synchronous answers give, for histories in order, out of order, with repeats,
// long enough to be sampled point by point, and for several runs at once.
import { describe, expect, it } from 'vitest';
import { createExperiment } from '../../../../../electron/services/experiments-service';
import {
  getMetricHistoryBulkIntervalJson,
  getMetricHistoryJson,
  readyBulkIntervalJson,
  readyMetricHistoryJson,
} from '../../../../../electron/services/history-service';
import { HistoryChunkCache } from '../../../../../electron/services/history/history-chunk-cache';
import { logToRun } from '../../../../../electron/services/logging-service';
import { createRun } from '../../../../../electron/services/runs-service';
import type { ServiceContext } from '../../../../../electron/services/service-context';
import { openTestStore } from '../../../../support/open-test-store';
import { prng } from '../../../../support/prng';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const text = (pieces: Iterable<string | Uint8Array>) => Buffer.concat([...pieces].map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8');

async function log(svc: ServiceContext, runId: string, key: string, pts: number[]) {
  for (let i = 0; i < pts.length; i += 3000) {
    const part = pts.slice(i, i + 3000);
    await logToRun(svc, { runId, params: [], tags: [], metrics: { keys: [key], keyIdx: part.filter((_, j) => j % 3 === 0).map(() => 0), pts: new Float64Array(part) } });
  }
}

/** n points from `first`, in batches of 1,000 logged 4 at a time (each group of 4 in a shuffled order), or in order. */
function batches(rand: () => number, n: number, first: number, inFlight: boolean): number[] {
  const out: number[] = [];
  for (let g = 0; g * 1000 < n; g += 4) {
    const order = inFlight ? [0, 1, 2, 3].sort(() => rand() - 0.5) : [0, 1, 2, 3];
    for (const o of order) for (let i = 0; i < 1000 && (g + o) * 1000 + i < n; i++) {
      const s = first + (g + o) * 1000 + i;
      out.push(1733390000000 + s, s, rand() < 0.01 ? Number.NaN : rand());
    }
  }
  return out;
}

async function storeWithRuns(count: number) {
  const t = await openTestStore(tempDir());
  const exp = await createExperiment(t.svc, { name: 'h', tags: [] });
  const runIds: string[] = [];
  for (let i = 0; i < count; i++) runIds.push((await createRun(t.svc, { experimentId: exp, tags: [] })).info.run_id);
  return { ...t, runIds };
}

describe('answers prepared in steps', () => {
  it('get-history: the same text as at once, for a history logged out of order, with repeats, and after more points', async () => {
    const t = await storeWithRuns(1);
    const [runId] = t.runIds as [string];
    const rand = prng(31);
    const first = batches(rand, 20_000, 0, true);
    await log(t.svc, runId, 'm', [...first, ...first.slice(0, 1500)]); // a retried batch
    const meta = t.store.ctx.series.get(runId, 'm')!;
    expect(meta.ordered).toBe(false);
    for (const input of [{ runId, key: 'm' }, { runId, key: 'm', maxResults: 7000 }, { runId, key: 'absent' }]) {
      const ready = text(await readyMetricHistoryJson(t.svc, new HistoryChunkCache(), input));
      t.store.ctx.files.sortedViews.clear();
      expect(ready).toBe(text(getMetricHistoryJson(t.svc, new HistoryChunkCache(), input)));
    }
    await readyMetricHistoryJson(t.svc, new HistoryChunkCache(), { runId, key: 'm' });
    await log(t.svc, runId, 'm', batches(rand, 3000, 500, true).map((x, i) => (i % 3 === 0 ? x + 0.5 : x))); // in the middle of the order
    const ready = text(await readyMetricHistoryJson(t.svc, new HistoryChunkCache(), { runId, key: 'm' }));
    t.store.ctx.files.sortedViews.clear();
    expect(ready).toBe(text(getMetricHistoryJson(t.svc, new HistoryChunkCache(), { runId, key: 'm' })));
    expect((JSON.parse(ready) as { metrics: unknown[] }).metrics.length).toBe(23_000);
    await t.store.close();
  });

  it('get-history: refuses what the synchronous answer refuses', async () => {
    const t = await storeWithRuns(1);
    await expect(readyMetricHistoryJson(t.svc, new HistoryChunkCache(), { runId: 'not an id', key: 'm' })).rejects.toThrow(/run_id/);
    await t.store.close();
  });

  it('bulk-interval: the same text as at once, over runs in step order, out of it, long ones sampled point by point, and ranges', async () => {
    const t = await storeWithRuns(6);
    const [inOrder, outOfOrder, long, empty, small, repeats] = t.runIds as [string, string, string, string, string, string];
    const rand = prng(33);
    await log(t.svc, inOrder, 'm', batches(rand, 9000, 0, false));
    await log(t.svc, outOfOrder, 'm', batches(rand, 9000, 0, true));
    await log(t.svc, long, 'm', batches(rand, 60_000, -5, false)); // past the span read whole: picks read one by one
    await log(t.svc, small, 'm', [1, 3, 0.5, 2, 1, 0.25]);
    const rep = batches(rand, 4000, 0, true);
    await log(t.svc, repeats, 'm', [...rep, ...rep.slice(0, 3000)]);
    for (const input of [
      { runIds: t.runIds, key: 'm', maxResults: 320 },
      { runIds: t.runIds, key: 'm' },
      { runIds: [long, outOfOrder], key: 'm', startStep: 100, endStep: 40_000, maxResults: 1000 },
      { runIds: [empty], key: 'm' },
      { runIds: [repeats, small], key: 'm', startStep: 0, endStep: 2, maxResults: 1 },
    ]) {
      const ready = text(await readyBulkIntervalJson(t.svc, input));
      t.store.ctx.files.sortedViews.clear();
      expect(ready).toBe(text(getMetricHistoryBulkIntervalJson(t.svc, input)));
    }
    const all = JSON.parse(text(await readyBulkIntervalJson(t.svc, { runIds: [long], key: 'm', maxResults: 2500 }))) as { metrics: { step: number }[] };
    expect(all.metrics.length).toBe(2501);
    expect([all.metrics[0]!.step, all.metrics[2500]!.step]).toEqual([-5, 59_994]);
    await t.store.close();
  });

  it('bulk-interval: refuses the first unknown or malformed run as the synchronous answer does', async () => {
    const t = await storeWithRuns(2);
    const [a, b] = t.runIds as [string, string];
    await log(t.svc, a, 'm', [1, 1, 1]);
    const missing = 'f'.repeat(32);
    for (const runIds of [[a, missing, 'bad id'], [a, 'bad id', missing], [b, missing]]) {
      const input = { runIds, key: 'm' };
      let sync: unknown;
      try {
        getMetricHistoryBulkIntervalJson(t.svc, input);
      } catch (e) {
        sync = e;
      }
      expect(sync).toBeDefined();
      await expect(readyBulkIntervalJson(t.svc, input)).rejects.toEqual(sync);
    }
    await t.store.close();
  });
});
