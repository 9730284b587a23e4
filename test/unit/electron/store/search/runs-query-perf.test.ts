import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRunsQuery } from '../../../../../electron/store/search/runs-query';
import { parseFilter } from '../../../../../shared/search/parse-filter';
import { parseOrderBy } from '../../../../../shared/search/parse-order-by';
import { parseRunsFilter } from '../../../../../shared/search/parse-runs-filter';
import { unwrapSearch } from '../../../../../shared/search/search-error';
import { ids, insertRuns, trackingDb, type RunSpec } from './fixtures';

// 10,000 runs with 10 params, 5 metrics and 3 tags each. Times are printed, not asserted:
// machines are noisy (CPU time is printed too, as it suffers less from a busy machine).
// The target is well under 50 ms per search.

const N = 10_000;
const TEAMS = ['red', 'blue', 'green'];
const metric = (i: number, k: number) => ((i * (k + 3)) % 1000) / 1000;

function makeRuns(): RunSpec[] {
  return Array.from({ length: N }, (_, i) => ({
    id: `run${String(i).padStart(5, '0')}`,
    start: 1_700_000_000_000 + ((i * 7919) % N),
    status: i % 3 ? 'FINISHED' : 'FAILED',
    metrics: Object.fromEntries(Array.from({ length: 5 }, (_, k) => [`m${k}`, metric(i, k)])),
    params: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`p${k}`, `v${(i + k) % 50}`])),
    tags: { team: TEAMS[i % 3] as string, 'mlflow.user': `u${i % 7}`, note: `n${i % 11}` },
  }));
}

let db: Database;
const runs = makeRuns();
beforeAll(async () => {
  db = await trackingDb();
  insertRuns(db, runs);
});

function timed(filter: string, orderBy: string[], limit = 100, extended = false) {
  const query = compileRunsQuery({
    experimentIds: ['1'],
    clauses: unwrapSearch(extended ? parseRunsFilter(filter) : parseFilter(filter, 'runs')),
    orderBy: unwrapSearch(parseOrderBy(orderBy, 'runs')),
    limit,
  });
  for (let i = 0; i < 3; i++) ids(db, query); // warm up the WASM JIT and the page cache
  const rounds = 10;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let result: string[] = [];
  for (let i = 0; i < rounds; i++) result = ids(db, query);
  const wall = (performance.now() - start) / rounds;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1000 / rounds;
  console.log(
    `[search perf] ${wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms cpu  ${JSON.stringify(filter)} ` +
      `order_by=${JSON.stringify(orderBy)} → ${result.length} runs`,
  );
  return result;
}

describe('search_runs over 10,000 runs', () => {
  it('filters on a metric, a param and a tag, sorted by another metric', () => {
    const result = timed("metrics.m1 > 0.5 AND params.p3 = 'v7' AND tags.team != 'red'", ['metrics.m2 DESC']);
    const expected = runs
      .map((r, i) => ({ r, i }))
      .filter(({ r, i }) => metric(i, 1) > 0.5 && r.params?.p3 === 'v7' && r.tags?.team !== 'red')
      .sort((a, b) => metric(b.i, 2) - metric(a.i, 2) || (b.r.start as number) - (a.r.start as number))
      .map(({ r }) => r.id);
    expect(result).toEqual(expected.slice(0, 100));
  });

  it('keeps most runs and sorts on two keys', () => {
    const result = timed('metrics.m1 > 0.2', ['metrics.m2 DESC', 'params.p1']);
    expect(result).toHaveLength(100);
  });

  it('runs the default listing', () => {
    const result = timed('', []);
    const newest = [...runs].sort((a, b) => (b.start as number) - (a.start as number) || a.id.localeCompare(b.id));
    expect(result).toEqual(newest.slice(0, 100).map((r) => r.id));
  });

  it('filters with OR and NOT (Sextant only), sorted by a metric', () => {
    const filter = "(metrics.m1 > 0.9 OR params.p3 = 'v7') AND NOT tags.team = 'red'";
    const result = timed(filter, ['metrics.m2 DESC'], 100, true);
    const expected = runs
      .map((r, i) => ({ r, i }))
      .filter(({ r, i }) => (metric(i, 1) > 0.9 || r.params?.p3 === 'v7') && r.tags?.team !== 'red')
      .sort((a, b) => metric(b.i, 2) - metric(a.i, 2) || (b.r.start as number) - (a.r.start as number))
      .map(({ r }) => r.id);
    expect(result).toEqual(expected.slice(0, 100));
  });

  it('filters with LIKE and an attribute', () => {
    expect(timed("params.p1 LIKE 'v1%' AND attributes.status = 'FINISHED'", ['tags.note'])).toHaveLength(100);
    expect(timed("attributes.status = 'FINISHED' AND metrics.m0 < 0.9", ['start_time'])).toHaveLength(100);
  });
});
