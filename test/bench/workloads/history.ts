// Workload 4 — history: one metric with 1,000,000 points (seeded in 1,000-point log-batches), then
//  (a) a full fetch via metrics/get-history with max_results=25000, following next_page_token as
//      the Python client does — target ≥30× faster than MLflow;
//  (b) metrics/get-history-bulk-interval with max_results=320 (the UI chart call) — p50 < 20 ms;
//  (c) the full fetch of (a) on a second series of 100,000 points (--history-mid-points), which
//      both servers hold in full (MLflow's default series is that size, so it is reused) — ≥30×.
// Both servers get the same points (step p, timestamp HISTORY_BASE_TIME + p, value of p mod 1,000
// from one seeded generator): Sextant over REST, MLflow its first batch over REST and the rest
// copied in its SQLite file by history-mlflow-seed.py (logging a million points through MLflow's
// REST takes the better part of an hour). Each full fetch keeps a digest of the points it read, and
// the two servers' digests of a series of the same size must match (logged, and in the details).
// MLflow gets --mlflow-history-points of the 1M series (its full-fetch time is then extrapolated
// linearly to the Sextant count and labelled as such; MLflow pages with OFFSET, so that flatters it).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { venvBin } from '../../support/paths';
import { API, type MetricHistoryJson, createExperiment, createRun } from '../api';
import { type BenchContext, type BenchTarget, type PerTarget, type WorkloadResult, eachTarget, seconds } from '../context';
import { HttpError, withQuery } from '../http';
import { pool, retry, throttled } from '../load';
import { MetricBatchBody } from '../payloads';
import { treeCpuSecondsFine } from '../cpu';
import { ENCRYPTED_MIN_SHARE, type Row } from '../report';
import { median, prng, summarize } from '../stats';

const KEY = 'loss';
const BATCH = 1000;
/** The first point's timestamp on both servers (batch i holds timestamps base + i*BATCH …). */
const HISTORY_BASE_TIME = Date.UTC(2025, 0, 1);
const execFileAsync = promisify(execFile);

interface HistoryResult {
  points: number;
  seedMs: number;
  seedPointsPerSec: number;
  fullMs: number[];
  fullMedianMs: number;
  fullPages: number;
  fullPointsSeen: number;
  fullPointsPerSec: number;
  /** Digest of the points the last full fetch read, in order (equal on both servers for equal data). */
  fullDigest: string;
  interval: ReturnType<typeof summarize>;
  intervalPoints: number;
  /** Server CPU ms of each full fetch of the main series (its /proc ticks; 10 ms resolution). */
  fullCpuMs: number[];
  mid: {
    points: number;
    reusedMainSeries: boolean;
    fullMs: number[];
    fullMedianMs: number;
    /** The first full fetch after seeding (nothing of the series read yet; later ones may be served from caches). */
    firstMs: number;
    fullCpuMs: number[];
    fullCpuMedianMs: number;
    pointsSeen: number;
    digest: string;
  };
  /** How the series were seeded: all over REST, or (MLflow) the first batch over REST and the rest in SQLite. */
  seededBy: 'rest' | 'rest+sqlite';
}

async function seedHistory(ctx: BenchContext, t: BenchTarget, points: number, runName = 'history') {
  const exp = await createExperiment(t.http, `bench-${runName}`);
  const runId = await createRun(t.http, exp, { runName });
  const body = new MetricBatchBody(runId, [KEY], BATCH, prng(42));
  const batches = Math.ceil(points / BATCH);
  const t0 = performance.now();
  if (t.kind === 'mlflow') {
    await retry(() => t.http.postJson(`${API}/runs/log-batch`, body.build(0, HISTORY_BASE_TIME)));
    const script = fileURLToPath(new URL('./history-mlflow-seed.py', import.meta.url));
    const { stdout } = await execFileAsync(venvBin('python'), [script, join(t.server.dataDir, 'mlflow.db'), runId, KEY, String(points), String(BATCH)], { maxBuffer: 1 << 20 });
    ctx.log(`${t.label}: first ${BATCH} points over REST, the rest into its SQLite file: ${stdout.trim().split('\n').pop() ?? ''}`);
    return { runId, ms: performance.now() - t0, points: batches * BATCH };
  }
  const progress = throttled(15_000, (done) => ctx.log(`${t.label}: seeded ${(done * BATCH).toLocaleString('en-US')} / ${points.toLocaleString('en-US')} points (${((performance.now() - t0) / 1000).toFixed(0)} s)`));
  await pool(batches, ctx.opts.history.seedConcurrency, async (i) => {
    const payload = body.build(i * BATCH, HISTORY_BASE_TIME + i * BATCH);
    await retry(() => t.http.postJson(`${API}/runs/log-batch`, payload));
  }, progress);
  return { runId, ms: performance.now() - t0, points: batches * BATCH };
}

/** FNV-1a over the bits of each point's timestamp, step and value, in the order read. */
class PointsDigest {
  private h = 0x811c9dc5;
  private readonly f = new Float64Array(1);
  private readonly w = new Uint32Array(this.f.buffer);

  add(m: { timestamp?: number | string; step?: number | string; value?: number | string }): void {
    for (const x of [m.timestamp, m.step, m.value]) {
      this.f[0] = Number(x ?? 0);
      this.h = Math.imul(this.h ^ this.w[0]!, 0x01000193);
      this.h = Math.imul(this.h ^ this.w[1]!, 0x01000193);
    }
  }

  toString(): string {
    return (this.h >>> 0).toString(16).padStart(8, '0');
  }
}

async function fullFetch(t: BenchTarget, runId: string, pageSize: number) {
  const cpu0 = treeCpuSecondsFine(t.server.process.pid);
  let token: string | undefined;
  let ms = 0;
  let pages = 0;
  let seen = 0;
  const digest = new PointsDigest();
  do {
    const path = withQuery(`${API}/metrics/get-history`, { run_id: runId, metric_key: KEY, max_results: pageSize, page_token: token });
    const res = await t.http.request('GET', path);
    if (res.status !== 200) throw new HttpError(res.status, 'GET', path, res.body.toString());
    ms += res.ms;
    pages++;
    const page = JSON.parse(res.body.toString()) as MetricHistoryJson;
    seen += page.metrics?.length ?? 0;
    for (const m of page.metrics ?? []) digest.add(m);
    token = page.next_page_token || undefined;
    if (pages > 100_000) throw new Error('get-history paging does not end');
  } while (token);
  const cpuMs = (treeCpuSecondsFine(t.server.process.pid) - cpu0) * 1000;
  return { ms, pages, seen, digest: digest.toString(), cpuMs };
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
    const last = fetches[fetches.length - 1] ?? { pages: 0, seen: 0, digest: '' };
    ctx.log(`${t.label}: full history ${last.seen.toLocaleString('en-US')} points in ${last.pages} pages: median ${median(fullMs).toFixed(0)} ms over ${reps}`);
    if (last.seen !== seed.points) ctx.log(`${t.label}: WARNING get-history returned ${last.seen} points, expected ${seed.points}`);

    const reuse = seed.points === o.midPoints;
    const mid = reuse ? seed : await seedHistory(ctx, t, o.midPoints, 'history-mid');
    // the same series: its fetches above are the measurement
    const midFetches = reuse ? [...fetches] : [];
    while (midFetches.length < 3) midFetches.push(await fullFetch(t, mid.runId, o.pageSize));
    const midMs = midFetches.map((f) => f.ms);
    const midCpuMs = midFetches.map((f) => f.cpuMs);
    const midSeen = midFetches[midFetches.length - 1]?.seen ?? 0;
    const midDigest = midFetches[midFetches.length - 1]?.digest ?? '';
    ctx.log(`${t.label}: full history of the ${mid.points.toLocaleString('en-US')}-point series${reuse ? ' (the same series)' : ''}: median ${median(midMs).toFixed(1)} ms over ${midMs.length} (first ${midMs[0]?.toFixed(1)} ms; server CPU median ${median(midCpuMs).toFixed(0)} ms)`);
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
      fullDigest: last.digest,
      fullCpuMs: fetches.map((f) => f.cpuMs),
      interval: iv.summary,
      intervalPoints: iv.points,
      mid: { points: mid.points, reusedMainSeries: reuse, fullMs: midMs, fullMedianMs: median(midMs), firstMs: midMs[0] ?? Number.NaN, fullCpuMs: midCpuMs, fullCpuMedianMs: median(midCpuMs), pointsSeen: midSeen, digest: midDigest },
      seededBy: t.kind === 'mlflow' ? 'rest+sqlite' : 'rest',
    };
  }, { encrypted: true });
  const enc = res['sextant-encrypted'];

  const m = res.mlflow;
  const same = sameData(ctx, res);
  const scale = m && m.points !== o.points ? o.points / m.points : 1;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const extrapolated = m && scale !== 1
    ? `MLflow seeded with ${fmt(m.points)} points; full-fetch time measured ${m.fullMedianMs.toFixed(0)} ms, extrapolated linearly ×${scale.toFixed(1)} (MLflow pages with OFFSET, so its real time grows faster)`
    : undefined;
  const smaller = m && scale !== 1 ? `MLflow measured on a ${fmt(m.points)}-point series (not extrapolated)` : undefined;
  const n = fmt(o.points);
  const rows: Row[] = [
    { workload: 'history', metric: `seed ${n} points (1,000/log-batch; not a target)`, unit: 'points/s', better: 'higher', mlflow: undefined, sextant: res.sextant?.seedPointsPerSec, ...(enc ? { encrypted: enc.seedPointsPerSec, encryptedTarget: ENCRYPTED_MIN_SHARE } : {}), ...(m ? { mlflowNote: `first ${fmt(BATCH)} points over REST, the rest copied into its SQLite file (not comparable)` } : {}) },
    { workload: 'history', metric: `full get-history of ${n} points (${fmt(o.pageSize)}/page)`, unit: 'ms', better: 'lower', mlflow: m ? m.fullMedianMs * scale : undefined, sextant: res.sextant?.fullMedianMs, target: { minRatio: 30 }, ...(extrapolated ? { mlflowNote: extrapolated } : {}), ...(enc ? { encrypted: enc.fullMedianMs, encryptedTarget: ENCRYPTED_MIN_SHARE } : {}) },
    midRow(res.mlflow?.mid, res.sextant?.mid, enc?.mid, o.midPoints, o.pageSize),
    ...(enc
      ? [
          { workload: 'history', metric: `first full get-history of ${fmt(o.midPoints)} points after seeding (nothing cached; 1 sample)`, unit: 'ms', better: 'lower', mlflow: res.mlflow?.mid.firstMs, sextant: res.sextant?.mid.firstMs, encrypted: enc.mid.firstMs, encryptedTarget: ENCRYPTED_MIN_SHARE } satisfies Row,
          { workload: 'history', metric: `server CPU per full get-history of ${fmt(o.midPoints)} points (median; informational)`, unit: 'ms', better: 'lower', mlflow: res.mlflow?.mid.fullCpuMedianMs, sextant: res.sextant?.mid.fullCpuMedianMs, encrypted: enc.mid.fullCpuMedianMs, encryptedTarget: ENCRYPTED_MIN_SHARE } satisfies Row,
        ]
      : []),
    { workload: 'history', metric: `get-history-bulk-interval max_results=${o.intervalMaxResults}: p50`, unit: 'ms', better: 'lower', mlflow: m?.interval.p50, sextant: res.sextant?.interval.p50, target: { maxSextant: 20 }, ...(smaller ? { mlflowNote: smaller } : {}), ...(enc ? { encrypted: enc.interval.p50, encryptedTarget: ENCRYPTED_MIN_SHARE } : {}) },
  ];
  return { rows, details: { key: KEY, sameData: same, ...res } };
}

/**
 * Whether both servers answered the same points for each series they hold at the same size
 * (digests of the full fetches), logged and kept in the details; a mismatch is a note under the table.
 */
function sameData(ctx: BenchContext, res: PerTarget<HistoryResult>) {
  const check = (name: string, servers: string, points: [number, number], digests: [string, string]) => {
    if (points[0] !== points[1]) return { series: name, servers, compared: false };
    const equal = digests[0] === digests[1];
    const msg = `history: the ${points[0].toLocaleString('en-US')}-point series (${name}) ${equal ? `reads the same on ${servers}` : `DIFFERS between ${servers}`} (digests ${digests[0]} / ${digests[1]})`;
    if (equal) ctx.log(msg);
    else ctx.note(msg);
    return { series: name, servers, compared: true, equal };
  };
  const pair = (a: HistoryResult | undefined, b: HistoryResult | undefined, servers: string) => (a && b
    ? [
        check('main', servers, [a.fullPointsSeen, b.fullPointsSeen], [a.fullDigest, b.fullDigest]),
        check('mid', servers, [a.mid.pointsSeen, b.mid.pointsSeen], [a.mid.digest, b.mid.digest]),
      ]
    : []);
  const checks = [...pair(res.mlflow, res.sextant, 'MLflow and Sextant'), ...pair(res.sextant, res['sextant-encrypted'], 'the plain and the encrypted Sextant store')];
  return checks.length ? checks : undefined;
}

/** The full history of the second (100,000-point) series: no extrapolation, both servers hold it all. */
function midRow(m: HistoryResult['mid'] | undefined, s: HistoryResult['mid'] | undefined, e: HistoryResult['mid'] | undefined, points: number, pageSize: number): Row {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const short = (r: HistoryResult['mid'] | undefined) => (r && r.pointsSeen !== r.points ? `returned ${fmt(r.pointsSeen)} of ${fmt(r.points)} points` : undefined);
  const mNote = short(m);
  const sNote = short(s);
  const eNote = short(e);
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
    ...(e ? { encrypted: e.fullMedianMs, encryptedTarget: ENCRYPTED_MIN_SHARE } : {}),
    ...(eNote ? { encryptedNote: eNote } : {}),
  };
}
