// Workload 3 — search: 10,000 runs × (10 params, 5 metrics, 3 tags) and a second experiment of
// 2,000, the same runs on both servers. Sextant is seeded over REST (create + log-batch; the
// seeding time is reported, not targeted) and measured first; MLflow's store is then seeded
// straight into SQLite (search/mlflow-search-store.ts) with the same runs under Sextant's run ids,
// so both answers can be compared id for id. Then
//  (a) a filtered, ordered runs/search (max_results 100), p50 over 20 repetitions
//      — target ≥20× faster than MLflow and < 50 ms;
//  (b) a full paged scan (max_results 1,000, following next_page_token) — target ≥10× faster;
//  (c) a filtered, ordered search of max_results 1,000 matching exactly 1,000 of the 10,000 runs and
//      200 of the 2,000 (issue 11) — target ≥20× faster than MLflow and < 10 ms.
// Query time is the sum of HTTP round-trips measured in the client; JSON parsing is excluded.
import { API, type SearchRunsJson } from '../api';
import { type BenchContext, type BenchTarget, type PerTarget, type WorkloadResult, eachTarget, seconds } from '../context';
import { treeCpuSeconds } from '../cpu';
import { HttpClient, HttpError } from '../http';
import { type Row } from '../report';
import { mlflowSearchStore, serveMlflowSearchStore } from '../search/mlflow-search-store';
import { median, summarize } from '../stats';
import { PAGE_FILTER, PAGE_TOP, SEARCH_FILTER, SEARCH_ORDER, SEARCH_TOP, expectedPageSearch, expectedSearch, seedSearchRuns } from './search-data';

interface PageSearch {
  runs: number;
  matches: number;
  summary: ReturnType<typeof summarize>;
  /** Server CPU time per search, ms (mean over the repetitions). */
  serverCpuMs: number;
  correct: boolean;
  mismatch?: string;
  /** The run ids of the first answer, in order. */
  runIds: string[];
}

interface SearchResult {
  runs: number;
  /** Over REST (Sextant); MLflow's store is seeded straight into SQLite (seedNote). */
  seedMs?: number;
  seedNote?: string;
  page: PageSearch;
  smallRuns: number;
  smallSeedMs?: number;
  smallPage: PageSearch;
  filtered: ReturnType<typeof summarize>;
  filteredCorrect: boolean;
  filteredMismatch?: string;
  filteredRunIds: string[];
  scanMs: number[];
  scanMedianMs: number;
  scanPages: number;
  scanRunsSeen: number;
}

const SEARCH = `${API}/runs/search`;
const WARMUP = 2;

async function filteredQuery(t: BenchTarget, experimentId: string, reps: number, expected: string[], filter = SEARCH_FILTER, top = SEARCH_TOP) {
  const body = Buffer.from(JSON.stringify({ experiment_ids: [experimentId], filter, order_by: [SEARCH_ORDER], max_results: top }));
  const times: number[] = [];
  let mismatch: string | undefined;
  let runIds: string[] = [];
  let cpu0 = 0;
  for (let i = 0; i < WARMUP + reps; i++) {
    if (i === WARMUP) cpu0 = treeCpuSeconds(t.server.process.pid);
    const res = await t.http.request('POST', SEARCH, body);
    if (res.status !== 200) throw new HttpError(res.status, 'POST', SEARCH, res.body.toString());
    if (i >= WARMUP) times.push(res.ms);
    if (i === 0) {
      const runs = (JSON.parse(res.body.toString()) as SearchRunsJson).runs ?? [];
      runIds = runs.map((r) => r.info.run_id);
      const names = runs.map((r) => r.info.run_name ?? '');
      const bad = names.findIndex((n, j) => n !== expected[j]);
      if (names.length !== expected.length || bad >= 0) {
        mismatch = `got ${names.length} runs, expected ${expected.length}; first difference at #${bad}: ${names[bad]} vs ${expected[bad]}`;
      }
    }
  }
  // the server's CPU time per measured search (/proc ticks of 10 ms over all repetitions): unlike
  // the wall-clock latency, it does not grow when other work on the machine takes the cores
  const serverCpuMs = ((treeCpuSeconds(t.server.process.pid) - cpu0) * 1000) / reps;
  return { summary: summarize(times), mismatch, serverCpuMs, runIds };
}

async function pageSearch(ctx: BenchContext, t: BenchTarget, experimentId: string, runs: number, baseTime: number, reps: number): Promise<PageSearch> {
  const expected = expectedPageSearch(runs, baseTime);
  const f = await filteredQuery(t, experimentId, reps, expected.names, PAGE_FILTER, PAGE_TOP);
  ctx.log(`${t.label}: search returning ${expected.names.length} of ${runs} runs: p50 ${f.summary.p50.toFixed(1)} ms, server CPU ${f.serverCpuMs.toFixed(1)} ms per search${f.mismatch ? ` — WRONG RESULT: ${f.mismatch}` : ''}`);
  const out: PageSearch = { runs, matches: expected.matches, summary: f.summary, serverCpuMs: f.serverCpuMs, correct: !f.mismatch, runIds: f.runIds };
  if (f.mismatch) out.mismatch = f.mismatch;
  return out;
}

async function fullScan(t: BenchTarget, experimentId: string, pageSize: number) {
  let token: string | undefined;
  let ms = 0;
  let pages = 0;
  let seen = 0;
  do {
    const body = JSON.stringify({ experiment_ids: [experimentId], max_results: pageSize, ...(token ? { page_token: token } : {}) });
    const res = await t.http.request('POST', SEARCH, body);
    if (res.status !== 200) throw new HttpError(res.status, 'POST', SEARCH, res.body.toString());
    ms += res.ms;
    pages++;
    const page = JSON.parse(res.body.toString()) as SearchRunsJson;
    seen += page.runs?.length ?? 0;
    token = page.next_page_token || undefined;
  } while (token);
  return { ms, pages, seen };
}

/** The searches of (a), (c) and (b) on a server whose experiments hold the seeded runs. */
async function measure(ctx: BenchContext, t: BenchTarget, baseTime: number, big: { experimentId: string; runs: number }, small: () => Promise<{ experimentId: string; runs: number }>) {
  const o = ctx.opts.search;
  const expected = expectedSearch(big.runs, baseTime);
  const f = await filteredQuery(t, big.experimentId, o.reps, expected.names);
  ctx.log(`${t.label}: filtered search p50 ${f.summary.p50.toFixed(1)} ms (${expected.matches} matches)${f.mismatch ? ` — WRONG RESULT: ${f.mismatch}` : ''}`);
  const page = await pageSearch(ctx, t, big.experimentId, big.runs, baseTime, o.reps);
  const s = await small();
  const smallPage = await pageSearch(ctx, t, s.experimentId, s.runs, baseTime, o.reps);
  const reps = t.kind === 'mlflow' ? o.mlflowScanReps : o.scanReps;
  const scans = [];
  for (let i = 0; i < reps; i++) scans.push(await fullScan(t, big.experimentId, o.pageSize));
  const scanMs = scans.map((x) => x.ms);
  const last = scans[scans.length - 1] ?? { pages: 0, seen: 0 };
  ctx.log(`${t.label}: full scan ${last.seen.toLocaleString('en-US')} runs in ${last.pages} pages: median ${median(scanMs).toFixed(0)} ms over ${reps}`);
  if (last.seen !== big.runs) ctx.log(`${t.label}: WARNING full scan saw ${last.seen} runs, expected ${big.runs}`);
  const out: SearchResult = {
    runs: big.runs,
    page,
    smallRuns: s.runs,
    smallPage,
    filtered: f.summary,
    filteredCorrect: !f.mismatch,
    filteredRunIds: f.runIds,
    scanMs,
    scanMedianMs: median(scanMs),
    scanPages: last.pages,
    scanRunsSeen: last.seen,
  };
  if (f.mismatch) out.filteredMismatch = f.mismatch;
  return out;
}

/** Sextant: both experiments seeded over REST (the second after the first is measured), then measured. */
async function overRest(ctx: BenchContext, t: BenchTarget, baseTime: number): Promise<SearchResult & { runIds: { big: string[]; small: string[] } }> {
  const o = ctx.opts.search;
  const n = t.kind === 'mlflow' ? o.mlflowRuns : o.runs;
  ctx.log(`${t.label}: seeding ${n.toLocaleString('en-US')} runs (runs/create + log-batch, ${o.seedConcurrency} in flight)`);
  const seed = await seedSearchRuns(t, n, baseTime, o.seedConcurrency, ctx.log);
  ctx.log(`${t.label}: seeded in ${seconds(seed.ms)}`);
  let small: Awaited<ReturnType<typeof seedSearchRuns>> | undefined;
  const res = await measure(ctx, t, baseTime, { experimentId: seed.experimentId, runs: n }, async () => {
    const smallN = t.kind === 'mlflow' ? smallRunsOf(o.mlflowRuns) : o.smallRuns;
    ctx.log(`${t.label}: seeding a second experiment of ${smallN.toLocaleString('en-US')} runs`);
    small = await seedSearchRuns(t, smallN, baseTime, o.seedConcurrency, ctx.log, 'bench-search-small');
    return { experimentId: small.experimentId, runs: smallN };
  });
  return { ...res, seedMs: seed.ms, smallSeedMs: small?.ms, runIds: { big: seed.runIds, small: small?.runIds ?? [] } };
}

const smallRunsOf = (runs: number) => Math.max(10, Math.round(runs / 5));

/** MLflow: a server of its own on the store seeded into SQLite (with Sextant's run ids when given), measured, stopped. */
async function seededMlflow(ctx: BenchContext, shared: BenchTarget, baseTime: number, runIds?: { big: string[]; small: string[] }): Promise<SearchResult> {
  const o = ctx.opts.search;
  const n = o.mlflowRuns;
  const smallN = smallRunsOf(o.mlflowRuns);
  const store = await mlflowSearchStore(ctx, baseTime, [
    { name: 'bench-search', runs: n, ...(runIds ? { runIds: runIds.big } : {}) },
    { name: 'bench-search-small', runs: smallN, ...(runIds ? { runIds: runIds.small } : {}) },
  ]);
  const server = await serveMlflowSearchStore(ctx, store);
  const t: BenchTarget = { kind: shared.kind, label: shared.label, server, http: new HttpClient(server.url, 4) };
  try {
    const [bigId, smallId] = store.experimentIds as [string, string];
    const res = await measure(ctx, t, baseTime, { experimentId: bigId, runs: n }, () => Promise.resolve({ experimentId: smallId, runs: smallN }));
    return { ...res, seedNote: `seeded straight into SQLite in ${seconds(store.seedMs)} (a template run over REST, then mlflow-seed-runs.py), not over REST` };
  } finally {
    t.http.close();
    await server.stop({ keepData: true });
  }
}

/** Whether both servers gave the same run ids in the same order for each search (only where both ran). */
function sameAnswers(res: PerTarget<SearchResult>): Record<string, boolean> | undefined {
  const { mlflow: m, sextant: s } = res;
  if (!m || !s) return undefined;
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
  return { filtered: same(m.filteredRunIds, s.filteredRunIds), page: same(m.page.runIds, s.page.runIds), smallPage: same(m.smallPage.runIds, s.smallPage.runIds) };
}

export async function search(ctx: BenchContext): Promise<WorkloadResult> {
  const o = ctx.opts.search;
  const baseTime = Date.UTC(2025, 0, 1);
  // Sextant first: MLflow's store is then seeded with Sextant's run ids.
  const sextantIds: { big: string[]; small: string[] }[] = [];
  const rest = await eachTarget({ ...ctx, mlflow: undefined }, async (t) => {
    const r = await overRest(ctx, t, baseTime);
    sextantIds.push(r.runIds);
    const { runIds: _ids, ...out } = r;
    return out;
  });
  const seeded = await eachTarget({ ...ctx, sextant: undefined }, (t) => seededMlflow(ctx, t, baseTime, sextantIds[0]));
  const res: PerTarget<SearchResult> = { ...(seeded.mlflow ? { mlflow: seeded.mlflow } : {}), ...(rest.sextant ? { sextant: rest.sextant } : {}) };
  const same = sameAnswers(res);
  if (same) ctx.log(`search: MLflow and Sextant gave the same run ids in the same order: ${Object.entries(same).map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', ')}`);
  const differs = same && Object.values(same).some((v) => !v) ? `the run ids differ from Sextant's (${Object.entries(same).filter(([, v]) => !v).map(([k]) => k).join(', ')})` : undefined;

  const scaled = o.mlflowRuns !== o.runs ? `MLflow measured with ${o.mlflowRuns.toLocaleString('en-US')} runs (not ${o.runs.toLocaleString('en-US')}); not extrapolated` : undefined;
  const n = o.runs.toLocaleString('en-US');
  const note = [scaled, differs].filter(Boolean).join('; ');
  const base = { workload: 'search', ...(note ? { mlflowNote: note } : {}) };
  const seedNote = res.mlflow?.seedNote;
  const rows: Row[] = [
    { workload: 'search', metric: `seed ${n} runs (create + log-batch; not a target)`, unit: 's', better: 'lower', mlflow: undefined, sextant: sec(res.sextant?.seedMs), ...(seedNote ? { mlflowNote: `MLflow ${seedNote}` } : {}) },
    { ...base, metric: `filtered+ordered search, top ${SEARCH_TOP}: p50`, unit: 'ms', better: 'lower', mlflow: res.mlflow?.filtered.p50, sextant: res.sextant?.filtered.p50, target: { minRatio: 20, maxSextant: 50 } },
    pageRow(base, res.sextant?.page ?? res.mlflow?.page, res.mlflow?.page, res.sextant?.page),
    cpuRow(base, res.mlflow?.page, res.sextant?.page),
    pageRow(base, res.sextant?.smallPage ?? res.mlflow?.smallPage, res.mlflow?.smallPage, res.sextant?.smallPage),
    cpuRow(base, res.mlflow?.smallPage, res.sextant?.smallPage),
    { ...base, metric: `full paged scan of ${n} runs (${o.pageSize}/page)`, unit: 'ms', better: 'lower', mlflow: res.mlflow?.scanMedianMs, sextant: res.sextant?.scanMedianMs, target: { minRatio: 10 } },
  ];
  return { rows, details: { filter: SEARCH_FILTER, pageFilter: PAGE_FILTER, orderBy: SEARCH_ORDER, sameRunIds: same, ...res } };
}

/** A row of the page-sized search; labelled with the Sextant side's counts (MLflow's, if only it ran). */
function pageRow(base: { workload: string; mlflowNote?: string }, shape: PageSearch | undefined, m: PageSearch | undefined, s: PageSearch | undefined): Row {
  const fmt = (v: number) => v.toLocaleString('en-US');
  const what = shape ? `returning ${fmt(Math.min(shape.matches, PAGE_TOP))} of ${fmt(shape.runs)} runs` : 'returning a tenth of the runs';
  const wrong = (p: PageSearch | undefined) => (p && !p.correct ? `WRONG RESULT: ${p.mismatch}` : undefined);
  const mNote = [base.mlflowNote, wrong(m)].filter(Boolean).join('; ');
  const sNote = wrong(s);
  return {
    workload: base.workload,
    metric: `filtered+ordered search ${what} (max_results ${fmt(PAGE_TOP)}): p50`,
    unit: 'ms',
    better: 'lower',
    mlflow: m?.summary.p50,
    sextant: s?.summary.p50,
    target: { minRatio: 20, maxSextant: 10 },
    ...(mNote ? { mlflowNote: mNote } : {}),
    ...(sNote ? { sextantNote: sNote } : {}),
  };
}

/** The server's CPU time per search of a page row (informational: it does not grow with the machine's load). */
function cpuRow(base: { workload: string }, m: PageSearch | undefined, s: PageSearch | undefined): Row {
  const shape = s ?? m;
  const what = shape ? `${Math.min(shape.matches, PAGE_TOP).toLocaleString('en-US')} of ${shape.runs.toLocaleString('en-US')}` : 'a tenth';
  return { workload: base.workload, metric: `  … server CPU time per search (${what}; /proc, mean)`, unit: 'ms', better: 'lower', mlflow: m?.serverCpuMs, sextant: s?.serverCpuMs };
}

const sec = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
