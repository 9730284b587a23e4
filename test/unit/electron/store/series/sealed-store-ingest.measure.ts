/**
 * What sealing the series files costs a store's ingest and history reads, in process (not a test:
 * run by hand): the store as `sextant serve` opens it, log-batches of 1,000 points of one metric
 * (the history bench's seeding) parsed and logged as the server does, then metrics/get-history's
 * JSON body of the first 100,000 points built by a fresh reader (no cache). "sealed" swaps the new
 * store's series files for sealed ones before anything is logged (the store's journal and
 * snapshots stay plain here: this is the series files' share only, until Store.open passes keys).
 *   npx tsx test/unit/electron/store/series/sealed-store-ingest.measure.ts [batches=300] [runs=5] [keys=1]
 * With keys = k, each batch holds 1000/k steps of k metrics (k = 10: the stall mix's shape).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMlflowJson } from '../../../../../electron/server/mlflow-json';
import { parseMetrics } from '../../../../../electron/server/parse-metrics';
import { asMessage, keyValues, optArray, reqRunId } from '../../../../../electron/server/request-fields';
import { historyBody } from '../../../../../electron/services/history/history-body';
import { HistoryChunkCache } from '../../../../../electron/services/history/history-chunk-cache';
import { logToRun } from '../../../../../electron/services/logging-service';
import { generateDataKey } from '../../../../../electron/store/crypto/keys';
import { type StoreKeys, storeKeys } from '../../../../../electron/store/crypto/store-keys';
import { SeriesFiles } from '../../../../../electron/store/series-files';
import { MetricBatchBody } from '../../../../bench/payloads';
import { openTestStore } from '../../../../support/open-test-store';
import { prng } from '../../../../support/prng';
import { seededRunId, seedRuns } from '../../../../support/seed-runs';

const batches = Number(process.argv[2] ?? 300);
const runs = Number(process.argv[3] ?? 5);
const metricKeys = Array.from({ length: Number(process.argv[4] ?? 1) }, (_, i) => (i === 0 ? 'loss' : `metric_${i}`));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** CPU milliseconds the process used (all threads: the main one, the thread pool's, the checkpoint worker's) since `from`. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

async function once(keys: StoreKeys | null): Promise<{ ingest: number; history: number; ingestCpu: number; historyCpu: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'sextant-sealed-ingest-'));
  const t = await openTestStore(dir);
  try {
    if (keys) t.store.ctx.files = new SeriesFiles(join(dir, 'series'), keys);
    await seedRuns(t.store, { runs: 1, params: 1, metrics: 0, tags: 0, random: prng(1) });
    const runId = seededRunId(0);
    const body = new MetricBatchBody(runId, metricKeys, 1000 / metricKeys.length, prng(42));
    const base = Date.UTC(2025, 0, 1);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < batches; i++) {
      const m = asMessage(parseMlflowJson(body.build((i * 1000) / metricKeys.length, base + i * 1000).toString()));
      const { points, modelMetrics } = parseMetrics(optArray(m, 'metrics'));
      await logToRun(t.svc, { runId: reqRunId(m), metrics: points, modelMetrics, params: keyValues(m, 'params'), tags: keyValues(m, 'tags') });
    }
    await t.store.checkpoint();
    const ingest = performance.now() - t0;
    const ingestCpu = cpuMs(c0);
    const meta = t.store.ctx.series.get(runId, 'loss')!;
    const reader = new SeriesFiles(join(dir, 'series'), keys);
    const n = Math.min(100_000, meta.points);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    let bytes = 0;
    for (const part of historyBody(reader, meta, { start: 0, end: n, total: n }, new HistoryChunkCache().useFor(reader))) bytes += part.length;
    const history = performance.now() - t1;
    const historyCpu = cpuMs(c1);
    reader.close();
    if (bytes < n * 20) throw new Error('short history answer');
    return { ingest, history, ingestCpu, historyCpu };
  } finally {
    await t.store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const keys = storeKeys(generateDataKey());
const blank = () => ({ ingest: [] as number[], history: [] as number[], ingestCpu: [] as number[], historyCpu: [] as number[] });
const res = { plain: blank(), sealed: blank() };
for (let run = 0; run <= runs; run++) {
  for (const which of run % 2 ? (['sealed', 'plain'] as const) : (['plain', 'sealed'] as const)) {
    const r = await once(which === 'sealed' ? keys : null);
    if (run === 0) continue;
    for (const k of ['ingest', 'history', 'ingestCpu', 'historyCpu'] as const) res[which][k].push(r[k]);
  }
}
const points = batches * 1000;
for (const what of ['ingest', 'history'] as const) {
  const unit = what === 'ingest' ? `${points} points logged + checkpoint` : '100k-point get-history body, cold';
  for (const [kind, key] of [['wall', what], ['CPU', `${what}Cpu`]] as const) {
    const p = median(res.plain[key]);
    const s = median(res.sealed[key]);
    console.log(`${unit}, ${kind}: plain ${p.toFixed(0)} ms, sealed ${s.toFixed(0)} ms -> sealed ${((100 * p) / s).toFixed(0)}% of plain (runs: plain ${res.plain[key].map((x) => x.toFixed(0)).join(' ')}; sealed ${res.sealed[key].map((x) => x.toFixed(0)).join(' ')})`);
  }
}
keys.dispose();
