import { beforeAll, describe, expect, it } from 'vitest';
import { describeResponse, expectMlflowError, expectServing, journalBytes, type Json } from './support/mlflow';
import { itStillServes, useSextant } from './support/server-fixture';

/**
 * Search filters and order_by are compiled to SQL: hostile strings must never reach SQL as
 * SQL (they either fail to parse → 400, or are bound as values → no match), and oversized
 * queries must be refused with a 4xx instead of surfacing SQLite's limits as a 500.
 */
const fx = useSextant('search-injection');
const A = '/api/2.0/mlflow';

let runCount = 0;

beforeAll(async () => {
  const { api, experimentId, runId } = fx();
  await api.ok(api.post(`${A}/runs/log-batch`, { run_id: runId, metrics: [{ key: 'm', value: 1, timestamp: 1 }], params: [{ key: 'p', value: 'v' }], tags: [{ key: 'k', value: 'x' }] }));
  const all = await api.ok(api.post(`${A}/runs/search`, { experiment_ids: [experimentId] }));
  runCount = (all.runs as unknown[]).length;
  expect(runCount).toBe(2);
});

/** 200 with no match, or a 4xx MLflow error; never a 5xx; never a state change. */
async function searchIsSafe(path: string, body: Json, opts: { mustFindNothing?: boolean } = {}) {
  const { api, server } = fx();
  const before = journalBytes(server.dataDir);
  const res = await api.post(path, body);
  if (res.status === 200) {
    const out = res.json as Json;
    if (opts.mustFindNothing) expect(out.runs ?? out.experiments ?? out.models, `the injected filter matched rows: ${JSON.stringify(body).slice(0, 200)}`).toBeUndefined();
  } else {
    expectMlflowError(res, { context: `${path} ${JSON.stringify(body).slice(0, 300)}` });
  }
  expect(journalBytes(server.dataDir)).toBe(before);
  return res;
}

describe('SQL injection through filter strings', () => {
  const filters = [
    "tags.k = 'x' OR 1=1",
    "tags.k = 'x'; DROP TABLE runs; --",
    "tags.k = 'y'' OR ''1''=''1'",
    "tags.k = 'y\\' OR 1=1 --'",
    "tags.`k' OR 1=1 --` = 'x'",
    'tags."k"" OR 1=1 --" = \'x\'',
    "params.`p) OR (1=1` = 'v'",
    "attributes.run_id IN ('a') UNION SELECT run_id FROM runs",
    "attributes.run_id IN ('a', (SELECT run_id FROM runs))",
    "attributes.status = 'RUNNING' AND 1=1",
    "attributes.run_name LIKE '%' OR '1'='1'",
    "metrics.m > 0 UNION SELECT 1",
    "metrics.`m` > (SELECT 0)",
    "attributes.start_time > 0 --",
    "attributes.`status; DROP TABLE runs` = 'x'",
    "tags.k = 'x' /* comment */",
    "tags.k = char(120)",
    "tags.k GLOB '*'",
    "tags.k REGEXP '.*'",
    "tags.k = x'78'",
    "tags.k = 'nope' AND attributes.run_id != ''",
  ];
  it.each(filters)('runs/search filter %j: 400 or no match, never SQL', async (filter) => {
    const res = await searchIsSafe(`${A}/runs/search`, { experiment_ids: [fx().experimentId], filter });
    if (res.status === 200) expect(((res.json as Json).runs as unknown[] | undefined)?.length ?? 0).toBeLessThan(runCount);
  });

  it.each(["name = 'x' OR 1=1", "name = 'x'; DROP TABLE experiments; --", "name LIKE '%' UNION SELECT experiment_id FROM experiments", "tags.`a' OR 1=1 --` = 'b'"])(
    'experiments/search filter %j: 400 or no match',
    async (filter) => {
      await searchIsSafe(`${A}/experiments/search`, { filter }, { mustFindNothing: true });
    },
  );

  it.each(["name = 'x' OR 1=1", "metrics.`m' OR 1=1 --` > 0", "attributes.name = 'x'; DROP TABLE logged_models"])('logged-models/search filter %j: 400 or no match', async (filter) => {
    await searchIsSafe(`${A}/logged-models/search`, { experiment_ids: [fx().experimentId], filter }, { mustFindNothing: true });
  });

  it.each([
    ['start_time; DROP TABLE runs'], ['start_time DESC, (SELECT 1)'], ['metrics.`m; DROP TABLE runs` DESC'], ['attributes.run_id ASC LIMIT 1'], ['1'], ['random()'],
    ['start_time DESC NULLS FIRST'], ["tags.`k' DESC --`"],
  ])('runs/search order_by %j: 400 or harmless', async (order) => {
    await searchIsSafe(`${A}/runs/search`, { experiment_ids: [fx().experimentId], order_by: [order] });
  });

  it('the tables are intact: every run is still found', async () => {
    const { api, experimentId, runId } = fx();
    const all = await api.ok(api.post(`${A}/runs/search`, { experiment_ids: [experimentId] }));
    expect((all.runs as unknown[]).length).toBe(runCount);
    await api.getRun(runId);
  });

  itStillServes(fx);
});

describe('wrong types and bad paging in search requests', () => {
  it.each<[string, Json]>([
    ['runs/search', { experiment_ids: [{}] }],
    ['runs/search', { experiment_ids: 'x', filter: {} }],
    ['runs/search', { experiment_ids: ['0'], filter: ['a'] }],
    ['runs/search', { experiment_ids: ['0'], order_by: [{}] }],
    ['runs/search', { experiment_ids: ['0'], order_by: 'start_time; DROP' }],
    ['runs/search', { experiment_ids: ['0'], max_results: 50_001 }],
    ['runs/search', { experiment_ids: ['0'], max_results: 0 }],
    ['runs/search', { experiment_ids: ['0'], max_results: -1 }],
    ['runs/search', { experiment_ids: ['0'], max_results: 'all' }],
    ['runs/search', { experiment_ids: ['0'], page_token: 'not-a-token' }],
    ['runs/search', { experiment_ids: ['0'], page_token: Buffer.from('{"offset": -5}').toString('base64') }],
    ['runs/search', { experiment_ids: ['0'], page_token: Buffer.from('{"offset": 1e400}').toString('base64') }],
    ['runs/search', { experiment_ids: ['0'], run_view_type: 'EVERYTHING' }],
    ['experiments/search', { max_results: 50_001 }],
    ['experiments/search', { view_type: 99 }],
    ['experiments/search', { order_by: ['name; DROP TABLE experiments'] }],
    ['logged-models/search', { experiment_ids: ['0'], order_by: ['name'] }],
    ['logged-models/search', { experiment_ids: ['0'], datasets: [{}] }],
    ['logged-models/search', { experiment_ids: ['0'], datasets: 'x' }],
  ])('%s %j → 400', async (path, body) => {
    const res = await searchIsSafe(`${A}/${path}`, body);
    expect(res.status, describeResponse(res)).toBe(400);
  });

  itStillServes(fx);
});

describe('oversized searches are refused with a 4xx, not a SQLite error (500)', () => {
  const many = (n: number, clause: (i: number) => string) => Array.from({ length: n }, (_, i) => clause(i)).join(' AND ');
  it.each<[string, string, () => Json]>([
    ['runs/search with 1,500 AND clauses', 'runs/search', () => ({ experiment_ids: [fx().experimentId], filter: many(1500, () => 'metrics.m > 0') })],
    ['runs/search with 1,500 tag clauses', 'runs/search', () => ({ experiment_ids: [fx().experimentId], filter: many(1500, (i) => `tags.k${i} = 'x'`) })],
    ['runs/search ordered by 70 metrics', 'runs/search', () => ({ experiment_ids: [fx().experimentId], order_by: Array.from({ length: 70 }, (_, i) => `metrics.m${i} DESC`) })],
    ['runs/search over 40,000 experiment ids', 'runs/search', () => ({ experiment_ids: Array.from({ length: 40_000 }, (_, i) => String(i)) })],
    ['runs/search with an IN list of 40,000 run ids', 'runs/search', () => ({ experiment_ids: [fx().experimentId], filter: `attributes.run_id IN (${Array.from({ length: 40_000 }, (_, i) => `'r${i}'`).join(',')})` })],
    ['experiments/search with 1,500 AND clauses', 'experiments/search', () => ({ filter: many(1500, () => "name LIKE '%a%'") })],
    ['logged-models/search with 1,500 AND clauses', 'logged-models/search', () => ({ experiment_ids: [fx().experimentId], filter: many(1500, () => 'metrics.m > 0') })],
    ['logged-models/search ordered by 70 metrics', 'logged-models/search', () => ({ experiment_ids: [fx().experimentId], order_by: Array.from({ length: 70 }, (_, i) => ({ field_name: `metrics.m${i}`, ascending: false })) })],
    ['runs/search with a 1 MB filter string', 'runs/search', () => ({ experiment_ids: [fx().experimentId], filter: `tags.k = '${'x'.repeat(1_000_000)}'` })],
    ['runs/search with 5,000 nested parentheses', 'runs/search', () => ({ experiment_ids: [fx().experimentId], filter: `${'('.repeat(5000)}metrics.m > 0${')'.repeat(5000)}` })],
  ])('%s → 200 or 4xx', async (_label, path, make) => {
    const res = await fx().api.post(`${A}/${path}`, make());
    if (res.status !== 200) expectMlflowError(res, { context: _label });
  });

  it('the server still serves', async () => {
    await expectServing(fx().api, fx().aliveRunId);
  });
});
