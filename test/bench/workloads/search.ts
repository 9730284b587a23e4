// Workload 3 — search: 10,000 runs × (10 params, 5 metrics, 3 tags), seeded identically into both
// servers (seeding is timed and reported, not targeted), and a second experiment of 2,000 runs. Then
//  (a) a filtered, ordered runs/search (max_results 100), p50 over 20 repetitions
//      — target ≥20× faster than MLflow and < 50 ms;
//  (b) a full paged scan (max_results 1,000, following next_page_token) — target ≥10× faster;
//  (c) a filtered, ordered search of max_results 1,000 matching exactly 1,000 of the 10,000 runs and
//      200 of the 2,000 (issue 11) — target ≥20× faster than MLflow and < 10 ms.
// Query time is the sum of HTTP round-trips measured in the client; JSON parsing is excluded.
import { API, type SearchRunsJson } from '../api';
import { type BenchContext, type BenchTarget, type WorkloadResult, eachTarget, seconds } from '../context';
import { treeCpuSeconds } from '../cpu';
import { HttpError } from '../http';
import { type Row } from '../report';
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
}

interface SearchResult {
  runs: number;
  seedMs: number;
  page: PageSearch;
  smallRuns: number;
  smallSeedMs: number;
  smallPage: PageSearch;
  filtered: ReturnType<typeof summarize>;
  filteredCorrect: boolean;
  filteredMismatch?: string;
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
  let cpu0 = 0;
  for (let i = 0; i < WARMUP + reps; i++) {
    if (i === WARMUP) cpu0 = treeCpuSeconds(t.server.process.pid);
    const res = await t.http.request('POST', SEARCH, body);
    if (res.status !== 200) throw new HttpError(res.status, 'POST', SEARCH, res.body.toString());
    if (i >= WARMUP) times.push(res.ms);
    if (i === 0) {
      const names = ((JSON.parse(res.body.toString()) as SearchRunsJson).runs ?? []).map((r) => r.info.run_name ?? '');
      const bad = names.findIndex((n, j) => n !== expected[j]);
      if (names.length !== expected.length || bad >= 0) {
        mismatch = `got ${names.length} runs, expected ${expected.length}; first difference at #${bad}: ${names[bad]} vs ${expected[bad]}`;
      }
    }
  }
  // the server's CPU time per measured search (/proc ticks of 10 ms over all repetitions): unlike
  // the wall-clock latency, it does not grow when other work on the machine takes the cores
  const serverCpuMs = ((treeCpuSeconds(t.server.process.pid) - cpu0) * 1000) / reps;
  return { summary: summarize(times), mismatch, serverCpuMs };
}

async function pageSearch(ctx: BenchContext, t: BenchTarget, experimentId: string, runs: number, baseTime: number, reps: number): Promise<PageSearch> {
  const expected = expectedPageSearch(runs, baseTime);
  const f = await filteredQuery(t, experimentId, reps, expected.names, PAGE_FILTER, PAGE_TOP);
  ctx.log(`${t.label}: search returning ${expected.names.length} of ${runs} runs: p50 ${f.summary.p50.toFixed(1)} ms, server CPU ${f.serverCpuMs.toFixed(1)} ms per search${f.mismatch ? ` — WRONG RESULT: ${f.mismatch}` : ''}`);
  const out: PageSearch = { runs, matches: expected.matches, summary: f.summary, serverCpuMs: f.serverCpuMs, correct: !f.mismatch };
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

export async function search(ctx: BenchContext): Promise<WorkloadResult> {
  const o = ctx.opts.search;
  const baseTime = Date.UTC(2025, 0, 1);
  const res = await eachTarget(ctx, async (t): Promise<SearchResult> => {
    const n = t.kind === 'mlflow' ? o.mlflowRuns : o.runs;
    const expected = expectedSearch(n, baseTime);
    ctx.log(`${t.label}: seeding ${n.toLocaleString('en-US')} runs (runs/create + log-batch, ${o.seedConcurrency} in flight)`);
    const seed = await seedSearchRuns(t, n, baseTime, o.seedConcurrency, ctx.log);
    ctx.log(`${t.label}: seeded in ${seconds(seed.ms)}`);

    const f = await filteredQuery(t, seed.experimentId, o.reps, expected.names);
    ctx.log(`${t.label}: filtered search p50 ${f.summary.p50.toFixed(1)} ms (${expected.matches} matches)${f.mismatch ? ` — WRONG RESULT: ${f.mismatch}` : ''}`);

    const page = await pageSearch(ctx, t, seed.experimentId, n, baseTime, o.reps);
    const smallN = t.kind === 'mlflow' ? Math.max(10, Math.round(o.mlflowRuns / 5)) : o.smallRuns;
    ctx.log(`${t.label}: seeding a second experiment of ${smallN.toLocaleString('en-US')} runs`);
    const small = await seedSearchRuns(t, smallN, baseTime, o.seedConcurrency, ctx.log, 'bench-search-small');
    const smallPage = await pageSearch(ctx, t, small.experimentId, smallN, baseTime, o.reps);

    const reps = t.kind === 'mlflow' ? o.mlflowScanReps : o.scanReps;
    const scans = [];
    for (let i = 0; i < reps; i++) scans.push(await fullScan(t, seed.experimentId, o.pageSize));
    const scanMs = scans.map((s) => s.ms);
    const last = scans[scans.length - 1] ?? { pages: 0, seen: 0 };
    ctx.log(`${t.label}: full scan ${last.seen.toLocaleString('en-US')} runs in ${last.pages} pages: median ${median(scanMs).toFixed(0)} ms over ${reps}`);
    if (last.seen !== n) ctx.log(`${t.label}: WARNING full scan saw ${last.seen} runs, expected ${n}`);
    const out: SearchResult = {
      runs: n,
      seedMs: seed.ms,
      page,
      smallRuns: smallN,
      smallSeedMs: small.ms,
      smallPage,
      filtered: f.summary,
      filteredCorrect: !f.mismatch,
      scanMs,
      scanMedianMs: median(scanMs),
      scanPages: last.pages,
      scanRunsSeen: last.seen,
    };
    if (f.mismatch) out.filteredMismatch = f.mismatch;
    return out;
  });

  const scaled = o.mlflowRuns !== o.runs ? `MLflow measured with ${o.mlflowRuns.toLocaleString('en-US')} runs (not ${o.runs.toLocaleString('en-US')}); not extrapolated` : undefined;
  const n = o.runs.toLocaleString('en-US');
  const base = { workload: 'search', ...(scaled ? { mlflowNote: scaled } : {}) };
  const rows: Row[] = [
    { ...base, metric: `seed ${n} runs (create + log-batch; not a target)`, unit: 's', better: 'lower', mlflow: sec(res.mlflow?.seedMs), sextant: sec(res.sextant?.seedMs) },
    { ...base, metric: `filtered+ordered search, top ${SEARCH_TOP}: p50`, unit: 'ms', better: 'lower', mlflow: res.mlflow?.filtered.p50, sextant: res.sextant?.filtered.p50, target: { minRatio: 20, maxSextant: 50 } },
    pageRow(base, res.sextant?.page ?? res.mlflow?.page, res.mlflow?.page, res.sextant?.page),
    cpuRow(base, res.mlflow?.page, res.sextant?.page),
    pageRow(base, res.sextant?.smallPage ?? res.mlflow?.smallPage, res.mlflow?.smallPage, res.sextant?.smallPage),
    cpuRow(base, res.mlflow?.smallPage, res.sextant?.smallPage),
    { ...base, metric: `full paged scan of ${n} runs (${o.pageSize}/page)`, unit: 'ms', better: 'lower', mlflow: res.mlflow?.scanMedianMs, sextant: res.sextant?.scanMedianMs, target: { minRatio: 10 } },
  ];
  return { rows, details: { filter: SEARCH_FILTER, pageFilter: PAGE_FILTER, orderBy: SEARCH_ORDER, ...res } };
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
