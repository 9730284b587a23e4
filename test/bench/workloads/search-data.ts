// Deterministic seed data for the search workload (identical for both servers) and the answer the
// filtered query must give, computed locally so each server's result can be checked.
import { API, type KeyValue, type MetricPoint, createExperiment, createRun } from '../api';
import { type BenchTarget } from '../context';
import { pool, retry, throttled } from '../load';
import { prng } from '../stats';

export const SEARCH_FILTER = "metrics.m0 > 0.5 and params.p1 = 'v3'";
export const SEARCH_ORDER = 'metrics.m1 DESC';
export const SEARCH_TOP = 100;
/**
 * The page-sized search (issue 11): `params.p0 = 'v3'` holds for every 5th run and `metrics.m0 > 0.5`
 * for every other block of 5, so exactly runs i ≡ 8 (mod 10) match: 1,000 of 10,000, 200 of 2,000.
 */
export const PAGE_FILTER = "params.p0 = 'v3' and metrics.m0 > 0.5";
export const PAGE_TOP = 1000;

export interface SeedRun {
  name: string;
  startTime: number;
  params: KeyValue[];
  metrics: MetricPoint[];
  tags: KeyValue[];
}

/**
 * Run i: 10 params (v0..v9), 5 metrics (uniform 0..1, step 0) and 3 tags. Random, except p0 =
 * v(i mod 5) and m0 below 0.5 in even blocks of 5 runs and above it in odd ones (still uniform
 * over all runs), so PAGE_FILTER matches exactly a tenth of any multiple of 10 runs.
 */
export function seedRun(i: number, baseTime: number): SeedRun {
  const r = prng(0x5eed0000 + i);
  const startTime = baseTime + i * 1000;
  const params = Array.from({ length: 10 }, (_, j) => ({ key: `p${j}`, value: `v${Math.floor(r() * 10)}` }));
  params[0] = { key: 'p0', value: `v${i % 5}` };
  const metrics = Array.from({ length: 5 }, (_, j) => ({ key: `m${j}`, value: Number(r().toPrecision(8)), timestamp: startTime + 500, step: 0 }));
  const m0 = metrics[0] as MetricPoint;
  m0.value = Number((0.5 * m0.value + (Math.floor(i / 5) % 2 === 1 ? 0.5 : 0)).toPrecision(8));
  return {
    name: `bench-run-${String(i).padStart(6, '0')}`,
    startTime,
    params,
    metrics,
    tags: Array.from({ length: 3 }, (_, j) => ({ key: `t${j}`, value: `tag${j}-${Math.floor(r() * 5)}` })),
  };
}

const metric = (run: SeedRun, key: string) => run.metrics.find((m) => m.key === key)?.value ?? Number.NaN;
const param = (run: SeedRun, key: string) => run.params.find((p) => p.key === key)?.value;

/** Names of the runs SEARCH_FILTER / SEARCH_ORDER must return (ties: start_time DESC), and the match count. */
export function expectedSearch(n: number, baseTime: number): { names: string[]; matches: number } {
  return expectedOf(n, baseTime, (run) => metric(run, 'm0') > 0.5 && param(run, 'p1') === 'v3', SEARCH_TOP);
}

/** The same for PAGE_FILTER / SEARCH_ORDER with max_results PAGE_TOP. */
export function expectedPageSearch(n: number, baseTime: number): { names: string[]; matches: number } {
  return expectedOf(n, baseTime, (run) => param(run, 'p0') === 'v3' && metric(run, 'm0') > 0.5, PAGE_TOP);
}

function expectedOf(n: number, baseTime: number, match: (run: SeedRun) => boolean, top: number): { names: string[]; matches: number } {
  const hits: SeedRun[] = [];
  for (let i = 0; i < n; i++) {
    const run = seedRun(i, baseTime);
    if (match(run)) hits.push(run);
  }
  hits.sort((a, b) => metric(b, 'm1') - metric(a, 'm1') || b.startTime - a.startTime);
  return { names: hits.slice(0, top).map((r) => r.name), matches: hits.length };
}

/** Seeds n runs via runs/create (with tags) + runs/log-batch (params, metrics); returns the experiment id and run i's id at i. */
export async function seedSearchRuns(
  t: BenchTarget,
  n: number,
  baseTime: number,
  concurrency: number,
  log: (m: string) => void,
  experimentName = 'bench-search',
): Promise<{ experimentId: string; runIds: string[]; ms: number }> {
  const experimentId = await createExperiment(t.http, experimentName);
  const t0 = performance.now();
  const runIds: string[] = [];
  const progress = throttled(15_000, (done) => log(`${t.label}: seeded ${done.toLocaleString('en-US')} / ${n.toLocaleString('en-US')} runs (${((performance.now() - t0) / 1000).toFixed(0)} s)`));
  await pool(
    n,
    concurrency,
    async (i) => {
      const run = seedRun(i, baseTime);
      const runId = await retry(() => createRun(t.http, experimentId, { runName: run.name, startTime: run.startTime, tags: run.tags }));
      runIds[i] = runId;
      const body = JSON.stringify({ run_id: runId, params: run.params, metrics: run.metrics });
      await retry(() => t.http.postJson(`${API}/runs/log-batch`, body));
    },
    progress,
  );
  return { experimentId, runIds, ms: performance.now() - t0 };
}
