// A development aid (not a workload): the page-sized search of the search workload, timed in
// process on a store seeded with the same runs, step by step (model search, texts, join, bytes).
// Usage: node --import tsx test/bench/search/profile-inprocess.ts [runs=10000] [reps=50]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExperiment } from '../../../electron/services/experiments-service';
import { logToRun } from '../../../electron/services/logging-service';
import { createRun } from '../../../electron/services/runs-service';
import { searchRunsJson, searchRunsJsonBytes } from '../../../electron/services/search-service';
import { runsPageBytes } from '../../../electron/store/read-model/runs-page-json';
import { runsReadModelOf } from '../../../electron/store/read-model/store-read-model';
import { openTestStore } from '../../support/open-test-store';
import { median } from '../stats';
import { PAGE_FILTER, PAGE_TOP, SEARCH_ORDER, expectedPageSearch, seedRun } from '../workloads/search-data';

const runs = Number(process.argv[2] ?? 10_000);
const reps = Number(process.argv[3] ?? 50);
const baseTime = Date.UTC(2025, 0, 1);

const dir = await mkdtemp(join(tmpdir(), 'sextant-search-profile-'));
const t = await openTestStore(dir);
try {
  const experimentId = await createExperiment(t.svc, { name: 'bench-search', tags: [] });
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < runs; i++) {
    const run = seedRun(i, baseTime);
    pending.push((async () => {
      const r = await createRun(t.svc, { experimentId, runName: run.name, startTime: run.startTime, tags: run.tags });
      const pts = new Float64Array(run.metrics.length * 3);
      run.metrics.forEach((m, j) => pts.set([m.timestamp, m.step, m.value], j * 3));
      await logToRun(t.svc, { runId: r.info.run_id, params: run.params, tags: [], metrics: { keys: run.metrics.map((m) => m.key), keyIdx: run.metrics.map((_, j) => j), pts } });
    })());
    if (pending.length >= 500) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  console.log(`seeded ${runs} runs in ${(performance.now() - t0).toFixed(0)} ms`);
  const model = runsReadModelOf(t.store);
  model.buildNow();
  const input = { experimentIds: [experimentId], filter: PAGE_FILTER, orderBy: [SEARCH_ORDER], maxResults: PAGE_TOP };
  const expected = expectedPageSearch(runs, baseTime).names;
  const first = JSON.parse(searchRunsJson(t.svc, input)) as { runs: { info: { run_name: string } }[] };
  const names = first.runs.map((r) => r.info.run_name);
  console.log(`answer: ${names.length} runs, ${names.every((n, i) => n === expected[i]) && names.length === expected.length ? 'as expected' : 'WRONG'}`);
  const total: number[] = [];
  const bytes: number[] = [];
  let size = 0;
  if (process.env.PROFILE_ONLY_TOTAL) {
    const { Session } = await import('node:inspector/promises');
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    for (let i = 0; i < reps; i++) searchRunsJsonBytes(t.svc, input);
    const { profile } = await session.post('Profiler.stop');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.PROFILE_ONLY_TOTAL, JSON.stringify(profile));
  }
  for (let i = 0; i < reps; i++) {
    const a = performance.now();
    const buf = searchRunsJsonBytes(t.svc, input);
    const b = performance.now();
    const c = performance.now();
    size = buf.length;
    total.push(b - a);
    bytes.push(c - b);
  }
  const { parseOrderBy, parseRunsFilter, unwrapSearch } = await import('../../../shared/search');
  const { searchModel } = await import('../../../electron/store/read-model/search-model');
  const clauses = unwrapSearch(parseRunsFilter(PAGE_FILTER));
  const orderBy = unwrapSearch(parseOrderBy([SEARCH_ORDER], 'runs'));
  for (const [label, order] of [['m1 DESC', orderBy], ['default', []]] as const) {
    const asks: string[] = [];
    for (let ask = 0; ask < 3; ask++) {
      const a = performance.now();
      searchModel(model, { experimentIds: [experimentId], clauses, orderBy: [...order], offset: 0, limit: PAGE_TOP + 1 });
      asks.push((performance.now() - a).toFixed(2));
    }
    console.log(`order ${label}: asks 1-3 ms: ${asks.join(' ')}`);
  }
  const steps: Record<string, number[]> = { ready: [], model: [], texts: [], join: [] };
  for (let i = 0; i < reps; i++) {
    const a = performance.now();
    model.ready();
    const b = performance.now();
    const recs = searchModel(model, { experimentIds: [experimentId], clauses, orderBy, offset: 0, limit: PAGE_TOP + 1 })!;
    const c = performance.now();
    const texts = recs.slice(0, PAGE_TOP).map((r) => model.texts.bytesOf(r));
    const d = performance.now();
    runsPageBytes(texts);
    const e = performance.now();
    steps.ready!.push(b - a);
    steps.model!.push(c - b);
    steps.texts!.push(d - c);
    steps.join!.push(e - d);
  }
  console.log(Object.entries(steps).map(([k, v]) => `${k} ${median(v).toFixed(2)}`).join('; '));
  for (let rep = 0; rep < 3; rep++) {
    let token: string | undefined;
    const pages: number[] = [];
    do {
      const a = performance.now();
      const buf = searchRunsJsonBytes(t.svc, { experimentIds: [experimentId], orderBy: [], maxResults: 1000, ...(token ? { pageToken: token } : {}) });
      pages.push(performance.now() - a);
      token = (JSON.parse(buf.toString()) as { next_page_token?: string }).next_page_token;
    } while (token);
    console.log(`scan pages ms: ${pages.map((x) => x.toFixed(1)).join(' ')}`);
  }
  console.log(`searchRunsJsonBytes p50 ${median(total).toFixed(2)} ms; ${size} bytes`);
} finally {
  await t.store.close();
  await rm(dir, { recursive: true, force: true });
}
