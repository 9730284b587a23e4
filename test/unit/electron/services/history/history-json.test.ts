import { describe, expect, it } from 'vitest';
import { stringifyWithReplacer } from '../../../../../electron/server/mlflow-json';
import { createExperiment } from '../../../../../electron/services/experiments-service';
import { getMetricHistory, getMetricHistoryBulkInterval, getMetricHistoryBulkIntervalJson, getMetricHistoryJson } from '../../../../../electron/services/history-service';
import { HISTORY_CHUNK_POINTS as C, HistoryChunkCache } from '../../../../../electron/services/history/history-chunk-cache';
import { logToRun } from '../../../../../electron/services/logging-service';
import { createRun } from '../../../../../electron/services/runs-service';
import type { ServiceContext } from '../../../../../electron/services/service-context';
import { openTestStore } from '../../../../support/open-test-store';
import { prng } from '../../../../support/prng';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const text = (pieces: Iterable<string | Uint8Array>) => Buffer.concat([...pieces].map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8');

/** The answer as the route built and serialised it before: objects through the replacer. */
function oldHistoryText(svc: ServiceContext, input: { runId: string; key: string; maxResults?: number; pageToken?: string }): string {
  const { metrics, nextPageToken } = getMetricHistory(svc, input);
  return stringifyWithReplacer({ ...(metrics.length ? { metrics } : {}), ...(nextPageToken ? { next_page_token: nextPageToken } : {}) });
}

async function log(svc: ServiceContext, runId: string, key: string, pts: number[]) {
  for (let i = 0; i < pts.length; i += 3000) {
    const part = pts.slice(i, i + 3000);
    await logToRun(svc, { runId, params: [], tags: [], metrics: { keys: [key], keyIdx: part.filter((_, j) => j % 3 === 0).map(() => 0), pts: new Float64Array(part) } });
  }
}

/** Points as (t, s, v): values with NaN/±Infinity/-0 mixed in, integral and fractional timestamps. */
function points(rand: () => number, n: number, firstStep: number, order: 'ordered' | 'shuffled'): number[] {
  const special = [Number.NaN, Infinity, -Infinity, -0, 1e21, 5e-324];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = firstStep + i;
    out.push(1733390000000 + s * 3, s, rand() < 0.02 ? special[Math.floor(rand() * special.length)]! : rand() * 10 - 5);
  }
  if (order === 'shuffled') {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      for (let k = 0; k < 3; k++) [out[i * 3 + k], out[j * 3 + k]] = [out[j * 3 + k]!, out[i * 3 + k]!];
    }
  }
  return out;
}

async function storeWithRun() {
  const t = await openTestStore(tempDir());
  const exp = await createExperiment(t.svc, { name: 'h', tags: [] });
  const runId = (await createRun(t.svc, { experimentId: exp, tags: [] })).info.run_id;
  return { ...t, runId };
}

function pageThrough(svc: ServiceContext, cache: HistoryChunkCache, runId: string, key: string, maxResults?: number) {
  let token: string | undefined;
  let pages = 0;
  do {
    const input = { runId, key, maxResults, pageToken: token };
    const got = text(getMetricHistoryJson(svc, cache, input));
    expect(got).toBe(oldHistoryText(svc, input));
    token = (JSON.parse(got) as { next_page_token?: string }).next_page_token;
    pages++;
  } while (token);
  return pages;
}

describe('get-history written from the stored points: the same text as the objects serialised', () => {
  it('for an ordered history over several chunks, paged at and around chunk boundaries, cached or not', async () => {
    const t = await storeWithRun();
    const rand = prng(5);
    const n = 2 * C + 777;
    await log(t.svc, t.runId, 'm', points(rand, n, 0, 'ordered'));
    const cache = new HistoryChunkCache();
    for (const maxResults of [undefined, C, C - 1, C + 1, C / 2, 25_000, 9_999, n, n + 1]) {
      for (let pass = 0; pass < 2; pass++) pageThrough(t.svc, cache, t.runId, 'm', maxResults); // the second pass reads cached chunks
    }
    expect(cache.chunks).toBeGreaterThan(0);
    const cold = new HistoryChunkCache(0); // nothing kept: every chunk written afresh
    expect(pageThrough(t.svc, cold, t.runId, 'm', 1000)).toBe(Math.ceil(n / 1000));
    expect(cold.chunks).toBe(0);
    expect(text(getMetricHistoryJson(t.svc, cache, { runId: t.runId, key: 'absent' }))).toBe('{}');
    expect(text(getMetricHistoryJson(t.svc, cache, { runId: t.runId, key: 'm', maxResults: 10, pageToken: Buffer.from(JSON.stringify({ offset: n + 5 })).toString('base64') }))).toBe(oldHistoryText(t.svc, { runId: t.runId, key: 'm', maxResults: 10, pageToken: Buffer.from(JSON.stringify({ offset: n + 5 })).toString('base64') }));
    await t.store.close();
  });

  it('for histories logged out of order, with exact duplicates, and after appends (fresh text, not the cached one)', async () => {
    const t = await storeWithRun();
    const rand = prng(9);
    const first = points(rand, C + 500, 0, 'shuffled');
    await log(t.svc, t.runId, 'm', [...first, ...first.slice(0, 3000)]); // a retried batch: exact duplicates
    const cache = new HistoryChunkCache();
    pageThrough(t.svc, cache, t.runId, 'm');
    pageThrough(t.svc, cache, t.runId, 'm', C);
    await log(t.svc, t.runId, 'm', points(rand, 3000, 100, 'shuffled')); // lands in the middle of the order
    pageThrough(t.svc, cache, t.runId, 'm');
    pageThrough(t.svc, cache, t.runId, 'm', 7000);
    await t.store.close();
  });

  it('for a growing ordered history that turns unordered: chunks made while it was ordered are not served after', async () => {
    const t = await storeWithRun();
    const rand = prng(13);
    await log(t.svc, t.runId, 'm', points(rand, C + 10, 0, 'ordered'));
    const cache = new HistoryChunkCache();
    pageThrough(t.svc, cache, t.runId, 'm');
    await log(t.svc, t.runId, 'm', points(rand, C, C + 10, 'ordered')); // the partial chunk completes
    pageThrough(t.svc, cache, t.runId, 'm');
    pageThrough(t.svc, cache, t.runId, 'm', 25_000);
    await log(t.svc, t.runId, 'm', [1733390000000 - 1, 5, 0.5]); // earlier than everything: the series is re-sorted
    pageThrough(t.svc, cache, t.runId, 'm');
    pageThrough(t.svc, cache, t.runId, 'm', C);
    await t.store.close();
  });

  it('keeps the answer it started when points are logged while it is being written', async () => {
    for (const order of ['ordered', 'shuffled'] as const) {
      const t = await storeWithRun();
      const rand = prng(17);
      await log(t.svc, t.runId, 'm', points(rand, 2 * C + 5, 0, order));
      const before = oldHistoryText(t.svc, { runId: t.runId, key: 'm' });
      const it = getMetricHistoryJson(t.svc, new HistoryChunkCache(), { runId: t.runId, key: 'm' })[Symbol.iterator]();
      const pieces = [it.next().value!, it.next().value!];
      await log(t.svc, t.runId, 'm', points(rand, 2000, 0, 'shuffled').map((x, i) => (i % 3 === 0 ? x - 7 : x))); // everywhere in the order
      for (let r = it.next(); !r.done; r = it.next()) pieces.push(r.value);
      expect(text(pieces)).toBe(before);
      await t.store.close();
    }
  });
});

describe('get-history-bulk-interval written from the sampled points', () => {
  it('gives the text the objects serialised to, for several runs, empty ones and step ranges', async () => {
    const t = await storeWithRun();
    const rand = prng(21);
    await log(t.svc, t.runId, 'm', points(rand, 5000, 0, 'shuffled'));
    const exp = await createExperiment(t.svc, { name: 'h2', tags: [] });
    const other = (await createRun(t.svc, { experimentId: exp, tags: [] })).info.run_id;
    await log(t.svc, other, 'm', points(rand, 300, 10, 'ordered'));
    const empty = (await createRun(t.svc, { experimentId: exp, tags: [] })).info.run_id;
    const old = (input: Parameters<typeof getMetricHistoryBulkInterval>[1]) => {
      const metrics = getMetricHistoryBulkInterval(t.svc, input);
      return stringifyWithReplacer(metrics.length ? { metrics } : {});
    };
    for (const input of [
      { runIds: [t.runId, empty, other], key: 'm', maxResults: 320 },
      { runIds: [empty, other], key: 'm' },
      { runIds: [empty], key: 'm' },
      { runIds: [t.runId, other], key: 'm', startStep: 100, endStep: 200, maxResults: 2500 },
      { runIds: [other], key: 'm', startStep: 5000, endStep: 6000 },
    ]) {
      expect(text(getMetricHistoryBulkIntervalJson(t.svc, input))).toBe(old(input));
    }
    expect(() => getMetricHistoryBulkIntervalJson(t.svc, { runIds: [other, 'f'.repeat(32)], key: 'm' })).toThrow(); // before any text
    await t.store.close();
  });
});
