// Seed data of the UI benchmark, sent through the MLflow REST API as training scripts would:
//  * the table experiment: N finished runs × (20 params, 20 metrics, 10 tags) = 50 data columns;
//  * the chart runs: 20 runs × 1,000,000 points of one metric, in 1,000-point log-batches.
import { API, type KeyValue, type MetricPoint, createExperiment, createRun } from '../api';
import { type HttpClient } from '../http';
import { pool, retry, throttled } from '../load';
import { MetricBatchBody } from '../payloads';
import { prng } from '../stats';

export interface TableShape {
  runs: number;
  params: number;
  metrics: number;
  tags: number;
}

const pad = (i: number) => String(i).padStart(2, '0');
export const paramKey = (j: number) => `param_${pad(j)}`;
export const metricKey = (j: number) => `metric_${pad(j)}`;
export const tagKey = (j: number) => `tag_${pad(j)}`;

/** The data columns of the table experiment as column ids, for the saved view (all of them shown). */
export function dataColumnIds(shape: TableShape): string[] {
  const ids = (n: number, prefix: string, key: (j: number) => string) => Array.from({ length: n }, (_, j) => `${prefix}.${key(j)}`);
  return [...ids(shape.metrics, 'metrics', metricKey), ...ids(shape.params, 'params', paramKey), ...ids(shape.tags, 'tags', tagKey)];
}

/** The i-th run of the table experiment: the same data whichever way it is seeded. */
export function tableRun(i: number, shape: TableShape, baseTime: number) {
  const r = prng(0x7ab1e000 + i);
  const startTime = baseTime + i * 1000;
  const params: KeyValue[] = Array.from({ length: shape.params }, (_, j) => ({ key: paramKey(j), value: j % 4 === 0 ? String(Number((r() * 0.1).toPrecision(3))) : `value-${Math.floor(r() * 40)}` }));
  const metrics: MetricPoint[] = Array.from({ length: shape.metrics }, (_, j) => ({ key: metricKey(j), value: Number((r() * 10 ** (j % 5)).toPrecision(7)), timestamp: startTime + 60_000, step: 100 }));
  const tags: KeyValue[] = Array.from({ length: shape.tags }, (_, j) => ({ key: tagKey(j), value: `group-${Math.floor(r() * 6)}-${j}` }));
  const failed = r() < 0.05;
  return { name: `ui-run-${String(i).padStart(5, '0')}`, startTime, params, metrics, tags, status: failed ? 'FAILED' : 'FINISHED', endTime: startTime + 60_000 + Math.floor(r() * 3_600_000) };
}

/** Creates the table experiment: per run a runs/create (with tags), a log-batch (params, metrics) and a runs/update (finished). */
export async function seedTable(http: HttpClient, shape: TableShape, concurrency: number, log: (m: string) => void): Promise<{ experimentId: string; ms: number }> {
  const experimentId = await createExperiment(http, 'bench-ui-table');
  const baseTime = Date.now() - shape.runs * 1000 - 86_400_000;
  const t0 = performance.now();
  const progress = throttled(15_000, (done) => log(`seeded ${done.toLocaleString('en-US')} / ${shape.runs.toLocaleString('en-US')} runs (${((performance.now() - t0) / 1000).toFixed(0)} s)`));
  await pool(shape.runs, concurrency, async (i) => {
    const run = tableRun(i, shape, baseTime);
    const runId = await retry(() => createRun(http, experimentId, { runName: run.name, startTime: run.startTime, tags: run.tags }));
    const batch = JSON.stringify({ run_id: runId, params: run.params, metrics: run.metrics });
    await retry(() => http.postJson(`${API}/runs/log-batch`, batch));
    const update = JSON.stringify({ run_id: runId, status: run.status, end_time: run.endTime });
    await retry(() => http.postJson(`${API}/runs/update`, update));
  }, progress);
  return { experimentId, ms: performance.now() - t0 };
}

export const CHART_KEY = 'train/loss';
const BATCH = 1000;

/**
 * Creates `runs` runs with `points` points each of CHART_KEY. Batches go round the runs, so each
 * run's points arrive in step order (as a training loop logs them), `concurrency` in flight.
 */
export async function seedChartRuns(http: HttpClient, runs: number, points: number, concurrency: number, log: (m: string) => void): Promise<{ runIds: string[]; points: number; ms: number }> {
  const experimentId = await createExperiment(http, 'bench-ui-charts');
  const base = Date.now() - points * 10;
  const runIds: string[] = [];
  const bodies: MetricBatchBody[] = [];
  for (let r = 0; r < runs; r++) {
    const runId = await createRun(http, experimentId, { runName: `chart-run-${pad(r)}`, startTime: base });
    runIds.push(runId);
    bodies.push(new MetricBatchBody(runId, [CHART_KEY], BATCH, prng(0xc4a70000 + r)));
  }
  const perRun = Math.ceil(points / BATCH);
  const total = perRun * runs;
  const t0 = performance.now();
  const progress = throttled(15_000, (done) => {
    const s = (performance.now() - t0) / 1000;
    log(`seeded ${(done * BATCH).toLocaleString('en-US')} / ${(total * BATCH).toLocaleString('en-US')} points (${s.toFixed(0)} s, ${Math.round((done * BATCH) / s).toLocaleString('en-US')} points/s)`);
  });
  await pool(total, concurrency, async (i) => {
    const run = i % runs;
    const step = Math.floor(i / runs) * BATCH;
    const payload = (bodies[run] as MetricBatchBody).build(step, base + step * 10);
    await retry(() => http.postJson(`${API}/runs/log-batch`, payload));
  }, progress);
  for (const runId of runIds) await http.postJson(`${API}/runs/update`, { run_id: runId, status: 'FINISHED', end_time: Date.now() });
  return { runIds, points: total * BATCH, ms: performance.now() - t0 };
}
