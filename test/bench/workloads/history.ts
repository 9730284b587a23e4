// Workload 4 — history: one metric with 1,000,000 points (seeded in 1,000-point log-batches), then
//  (a) a full fetch via metrics/get-history with max_results=25000, following next_page_token as
//      the Python client does — target ≥30× faster than MLflow;
//  (b) metrics/get-history-bulk-interval with max_results=320 (the UI chart call) — p50 < 20 ms;
//  (c) the full fetch of (a) on a second series of 100,000 points (--history-mid-points), which
//      both servers hold in full (MLflow's default series is that size, so it is reused) — ≥30×.
// MLflow is seeded with fewer points by default (--mlflow-history-points); its full-fetch time is
// then extrapolated linearly to the Sextant point count and labelled as such (MLflow pages with
// OFFSET, so linear extrapolation flatters it).
import { API, type MetricHistoryJson, createExperiment, createRun } from '../api';
import { type BenchContext, type BenchTarget, type WorkloadResult, eachTarget, seconds } from '../context';
import { HttpError, withQuery } from '../http';
import { pool, retry, throttled } from '../load';
import { MetricBatchBody } from '../payloads';
import { type Row } from '../report';
import { median, prng, summarize } from '../stats';

const KEY = 'loss';
const BATCH = 1000;

interface HistoryResult {
  points: number;
  seedMs: number;
  seedPointsPerSec: number;
  fullMs: number[];
  fullMedianMs: number;
  fullPages: number;
  fullPointsSeen: number;
  fullPointsPerSec: number;
  interval: ReturnType<typeof summarize>;
  intervalPoints: number;
  mid: { points: number; reusedMainSeries: boolean; fullMs: number[]; fullMedianMs: number; pointsSeen: number };
}

async function seedHistory(ctx: BenchContext, t: BenchTarget, points: number, runName = 'history') {
  const exp = await createExperiment(t.http, `bench-${runName}`);
  const runId = await createRun(t.http, exp, { runName });
  const body = new MetricBatchBody(runId, [KEY], BATCH, prng(42));
  const batches = Math.ceil(points / BATCH);
  const t0 = performance.now();
  const base = Date.now();
  const progress = throttled(15_000, (done) => ctx.log(`${t.label}: seeded ${(done * BATCH).toLocaleString('en-US')} / ${points.toLocaleString('en-US')} points (${((performance.now() - t0) / 1000).toFixed(0)} s)`));
  await pool(batches, ctx.opts.history.seedConcurrency, async (i) => {
    const payload = body.build(i * BATCH, base + i * BATCH);
    await retry(() => t.http.postJson(`${API}/runs/log-batch`, payload));
  }, progress);
  return { runId, ms: performance.now() - t0, points: batches * BATCH };
}

async function fullFetch(t: BenchTarget, runId: string, pageSize: number) {
  let token: string | undefined;
  let ms = 0;
  let pages = 0;
  let seen = 0;
  do {
    const path = withQuery(`${API}/metrics/get-history`, { run_id: runId, metric_key: KEY, max_results: pageSize, page_token: token });
    const res = await t.http.request('GET', path);
    if (res.status !== 200) throw new HttpError(res.status, 'GET', path, res.body.toString());
    ms += res.ms;
    pages++;
    const page = JSON.parse(res.body.toString()) as MetricHistoryJson;
    seen += page.metrics?.length ?? 0;
    token = page.next_page_token || undefined;
    if (pages > 100_000) throw new Error('get-history paging does not end');
  } while (token);
  return { ms, pages, seen };
}

async function intervalFetch(t: BenchTarget, runId: string, maxResults: number, reps: number) {
  const path = withQuery(`${API}/metrics/get-history-bulk-interval`, { run_ids: [runId], metric_key: KEY, max_results: maxResults });
  const times: number[] = [];
  let points = 0;
  for (let i = 0; i < reps + 2; i++) {
    const res = await t.http.request('GET', path);
    if (res.status !== 200) throw new HttpError(res.status, 'GET', path, res.body.toString());
    if (i === 0) points = (JSON.parse(res.body.toString()) as MetricHistoryJson).metrics?.length ?? 0;
    if (i >= 2) times.push(res.ms);
  }
  return { summary: summarize(times), points };
}

export async function history(ctx: BenchContext): Promise<WorkloadResult> {
  const o = ctx.opts.history;
  const res = await eachTarget(ctx, async (t): Promise<HistoryResult> => {
    const n = t.kind === 'mlflow' ? o.mlflowPoints : o.points;
    ctx.log(`${t.label}: seeding one metric with ${n.toLocaleString('en-US')} points (${BATCH}-point log-batches, ${o.seedConcurrency} in flight)`);
    const seed = await seedHistory(ctx, t, n);
    ctx.log(`${t.label}: seeded in ${seconds(seed.ms)} (${Math.round(seed.points / (seed.ms / 1000)).toLocaleString('en-US')} points/s)`);

    const reps = t.kind === 'mlflow' ? o.mlflowFullReps : o.fullReps;
    const fetches = [];
    for (let i = 0; i < reps; i++) fetches.push(await fullFetch(t, seed.runId, o.pageSize));
    const fullMs = fetches.map((f) => f.ms);
    const last = fetches[fetches.length - 1] ?? { pages: 0, seen: 0 };
    ctx.log(`${t.label}: full history ${last.seen.toLocaleString('en-US')} points in ${last.pages} pages: median ${median(fullMs).toFixed(0)} ms over ${reps}`);
    if (last.seen !== seed.points) ctx.log(`${t.label}: WARNING get-history returned ${last.seen} points, expected ${seed.points}`);

    const reuse = seed.points === o.midPoints;
    const mid = reuse ? seed : await seedHistory(ctx, t, o.midPoints, 'history-mid');
    // the same series: its fetches above are the measurement
    const midFetches = reuse ? [...fetches] : [];
    while (midFetches.length < 3) midFetches.push(await fullFetch(t, mid.runId, o.pageSize));
    const midMs = midFetches.map((f) => f.ms);
    const midSeen = midFetches[midFetches.length - 1]?.seen ?? 0;
    ctx.log(`${t.label}: full history of the ${mid.points.toLocaleString('en-US')}-point series${reuse ? ' (the same series)' : ''}: median ${median(midMs).toFixed(1)} ms over ${midMs.length}`);
    if (midSeen !== mid.points) ctx.log(`${t.label}: WARNING get-history returned ${midSeen} points, expected ${mid.points}`);

    const iv = await intervalFetch(t, seed.runId, o.intervalMaxResults, o.reps);
    ctx.log(`${t.label}: bulk-interval (max_results=${o.intervalMaxResults}) p50 ${iv.summary.p50.toFixed(1)} ms, ${iv.points} points returned`);
    return {
      points: seed.points,
      seedMs: seed.ms,
      seedPointsPerSec: seed.points / (seed.ms / 1000),
      fullMs,
      fullMedianMs: median(fullMs),
      fullPages: last.pages,
      fullPointsSeen: last.seen,
      fullPointsPerSec: last.seen / (median(fullMs) / 1000),
      interval: iv.summary,
      intervalPoints: iv.points,
      mid: { points: mid.points, reusedMainSeries: reuse, fullMs: midMs, fullMedianMs: median(midMs), pointsSeen: midSeen },
    };
  });

  const m = res.mlflow;
  const scale = m && m.points !== o.points ? o.points / m.points : 1;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const extrapolated = m && scale !== 1
    ? `MLflow seeded with ${fmt(m.points)} points; full-fetch time measured ${m.fullMedianMs.toFixed(0)} ms, extrapolated linearly ×${scale.toFixed(1)} (MLflow pages with OFFSET, so its real time grows faster)`
    : undefined;
  const smaller = m && scale !== 1 ? `MLflow measured on a ${fmt(m.points)}-point series (not extrapolated)` : undefined;
  const n = fmt(o.points);
  const rows: Row[] = [
    { workload: 'history', metric: `seed ${n} points (1,000/log-batch; not a target)`, unit: 'points/s', better: 'higher', mlflow: m?.seedPointsPerSec, sextant: res.sextant?.seedPointsPerSec, ...(smaller ? { mlflowNote: smaller } : {}) },
    { workload: 'history', metric: `full get-history of ${n} points (${fmt(o.pageSize)}/page)`, unit: 'ms', better: 'lower', mlflow: m ? m.fullMedianMs * scale : undefined, sextant: res.sextant?.fullMedianMs, target: { minRatio: 30 }, ...(extrapolated ? { mlflowNote: extrapolated } : {}) },
    midRow(res.mlflow?.mid, res.sextant?.mid, o.midPoints, o.pageSize),
    { workload: 'history', metric: `get-history-bulk-interval max_results=${o.intervalMaxResults}: p50`, unit: 'ms', better: 'lower', mlflow: m?.interval.p50, sextant: res.sextant?.interval.p50, target: { maxSextant: 20 }, ...(smaller ? { mlflowNote: smaller } : {}) },
  ];
  return { rows, details: { key: KEY, ...res } };
}

/** The full history of the second (100,000-point) series: no extrapolation, both servers hold it all. */
function midRow(m: HistoryResult['mid'] | undefined, s: HistoryResult['mid'] | undefined, points: number, pageSize: number): Row {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const short = (r: HistoryResult['mid'] | undefined) => (r && r.pointsSeen !== r.points ? `returned ${fmt(r.pointsSeen)} of ${fmt(r.points)} points` : undefined);
  const mNote = short(m);
  const sNote = short(s);
  return {
    workload: 'history',
    metric: `full get-history of ${fmt(points)} points (${fmt(pageSize)}/page)`,
    unit: 'ms',
    better: 'lower',
    mlflow: m?.fullMedianMs,
    sextant: s?.fullMedianMs,
    target: { minRatio: 30 },
    ...(mNote ? { mlflowNote: mNote } : {}),
    ...(sNote ? { sextantNote: sNote } : {}),
  };
}
