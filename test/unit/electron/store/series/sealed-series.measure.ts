/**
 * Encrypted vs plain series files, in process (not a test: run by hand, numbers go to the report):
 *   npx tsx test/unit/electron/store/series/sealed-series.measure.ts
 * Plain and sealed runs alternate (the machine is shared); medians of RUNS; note `uptime` too.
 *  - ingest: 1,000,000 points appended to 100 series (10,000 each, in rounds of 100 points per
 *    series), then sync (every write done and fsynced): SeriesFiles' whole share of an ingest.
 *  - ingest, many series: 1,000 series × 200 steps of 1 point each (the store's flushes, every
 *    64k points), a sync (as at a checkpoint) every 50 steps: each sync interval costs every series
 *    its tail copy (a 4 KB write and one or two fdatasyncs).
 *  - history: a 100,000-point series read by a fresh SeriesFiles (no decrypted block cached):
 *    the raw read on the thread pool, then metrics/get-history's JSON body built from it (a fresh
 *    chunk cache), then the raw read again (blocks cached).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyBody } from '../../../../../electron/services/history/history-body';
import { HistoryChunkCache } from '../../../../../electron/services/history/history-chunk-cache';
import { generateDataKey } from '../../../../../electron/store/crypto/keys';
import { type StoreKeys, storeKeys } from '../../../../../electron/store/crypto/store-keys';
import { SeriesFiles } from '../../../../../electron/store/series-files';
import type { SeriesMeta } from '../../../../../electron/store/series-meta';

const RUNS = Number(process.env.RUNS ?? 5);
const newMeta = (id: number): SeriesMeta => ({ id, runId: 'r', key: 'k', points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function ingest(keys: StoreKeys | null, series: number, rounds: number, perRound: number, syncEvery = 0): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-measure-'));
  const files = new SeriesFiles(dir, keys);
  const metas = Array.from({ length: series }, (_, i) => newMeta(i + 1));
  const t = performance.now();
  let step = 0;
  for (let r = 0; r < rounds; r++) {
    for (const m of metas) for (let k = 0; k < perRound; k++) files.append(m, 1.7e12 + step + k, step + k, Math.sin(step + k));
    step += perRound;
    if (syncEvery && r % syncEvery === syncEvery - 1) await files.sync();
    if (r % 10 === 9) await new Promise((res) => setImmediate(res)); // let writes finish as a live store would
  }
  await files.sync();
  const ms = performance.now() - t;
  files.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

async function history(keys: StoreKeys | null): Promise<{ raw: number; json: number; cached: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-measure-'));
  const writer = new SeriesFiles(dir, keys);
  const m = newMeta(1);
  for (let i = 0; i < 100_000; i++) writer.append(m, 1.7e12 + i, i, Math.sin(i));
  await writer.sync();
  writer.close();
  const files = new SeriesFiles(dir, keys);
  let t = performance.now();
  await files.readRawLater(m, 0, m.points);
  const raw = performance.now() - t;
  files.close();
  const fresh = new SeriesFiles(dir, keys);
  t = performance.now();
  let bytes = 0;
  for (const part of historyBody(fresh, m, { start: 0, end: m.points, total: m.points }, new HistoryChunkCache().useFor(fresh))) bytes += part.length;
  const json = performance.now() - t;
  if (bytes < 1e6) throw new Error('short answer');
  t = performance.now();
  await fresh.readRawLater(m, 0, m.points);
  const cached = performance.now() - t;
  fresh.close();
  rmSync(dir, { recursive: true, force: true });
  return { raw, json, cached };
}

async function main() {
  const keys = storeKeys(generateDataKey());
  const rows: Record<string, { plain: number[]; sealed: number[] }> = {};
  const note = (name: string, which: 'plain' | 'sealed', ms: number) => ((rows[name] ??= { plain: [], sealed: [] })[which].push(ms));
  for (let run = 0; run <= RUNS; run++) {
    for (const which of run % 2 ? (['sealed', 'plain'] as const) : (['plain', 'sealed'] as const)) {
      const k = which === 'sealed' ? keys : null;
      const big = await ingest(k, 100, 100, 100);
      const small = await ingest(k, 1000, 200, 1, 50);
      const h = await history(k);
      if (run === 0) continue; // warm-up
      note('ingest 1M points, 100 series (ms)', which, big);
      note('ingest 200k points, 1,000 series, 1 point a step, sync every 50 steps (ms)', which, small);
      note('100k-point raw read, cold (ms)', which, h.raw);
      note('100k-point get-history JSON body, cold (ms)', which, h.json);
      note('100k-point raw read, blocks cached (ms)', which, h.cached);
    }
  }
  for (const [name, { plain, sealed }] of Object.entries(rows)) {
    const p = median(plain);
    const s = median(sealed);
    console.log(`${name}: plain ${p.toFixed(1)}, sealed ${s.toFixed(1)} -> sealed throughput ${((100 * p) / s).toFixed(0)}% of plain`);
  }
  keys.dispose();
}

void main();
