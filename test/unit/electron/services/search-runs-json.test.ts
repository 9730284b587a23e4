import { describe, expect, it } from 'vitest';
import { encodePageToken } from '../../../../electron/services/page-token';
import { searchRuns, searchRunsJson, searchRunsJsonBytesCurrent } from '../../../../electron/services/search-service';
import { stringifyMlflowJson } from '../../../../electron/server/mlflow-json';
import { Slicer } from '../../../../electron/store/read-model/slicer';
import { runsReadModelOf } from '../../../../electron/store/read-model/store-read-model';
import { toRuns, type RunRow } from '../../../../electron/store/repos/runs-repo';
import { compileRunsQuery } from '../../../../electron/store/search';
import type { Store } from '../../../../electron/store/store';
import { parseOrderBy, parseRunsFilter, unwrapSearch } from '../../../../shared/search';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { prng, seedRandomRuns } from '../store/read-model/random-runs';
import { randomFilter, randomOrderBy } from '../store/read-model/random-filters';

const tempDir = useTempDirs();

/** Today's object path: the SQL id query, toRuns, and the route's page, serialised by stringifyMlflowJson. */
function objectPath(store: Store, input: { experimentIds: string[]; filter: string; orderBy: string[]; maxResults: number; offset: number }) {
  const q = compileRunsQuery({
    experimentIds: input.experimentIds,
    clauses: unwrapSearch(parseRunsFilter(input.filter)),
    orderBy: unwrapSearch(parseOrderBy(input.orderBy, 'runs')),
    limit: input.maxResults + 1,
    offset: input.offset,
  });
  const ids = store.db.column<string>(q.sql, q.params);
  const more = ids.length > input.maxResults;
  const rows = ids.slice(0, input.maxResults).map((id) => store.db.get<RunRow>('SELECT * FROM runs WHERE run_id = ?', [id])!);
  const items = toRuns(store.db, rows);
  return { items, more };
}

async function storeWithRuns(): Promise<{ t: TestStore; runIds: string[] }> {
  const t = await openTestStore(tempDir());
  const rnd = prng(7);
  const runIds = await seedRandomRuns(t.store, rnd, 80, ['0']);
  // Inputs and outputs of every kind the answer carries.
  const [a, b] = runIds.filter((id) => t.store.db.get('SELECT 1 FROM runs WHERE run_id = ? AND lifecycle_stage = ?', [id, 'active']));
  await t.store.commit({ type: 'model.create', modelId: 'm-1', experimentId: '0', name: 'model', modelType: '', sourceRunId: a!, artifactUri: 'x', params: [], tags: [], time: 5 });
  await t.store.commit({ type: 'run.logInputs', runId: a!, time: 5, models: [{ modelId: 'm-1', inputId: 'mi-1' }], datasets: [{ name: 'ds "q"', digest: 'dd', sourceType: 'local', source: '{"uri": "x\\\\y"}', schema: '{"a":1}', profile: '{"rows":3}', tags: [{ key: 'mlflow.data.context', value: 'train' }, { key: 'z', value: 'ü' }], datasetId: 'dsq', inputId: 'in-q' }] });
  await t.store.commit({ type: 'run.logOutputs', runId: b!, time: 5, models: [{ modelId: 'm-1', step: 3 }, { modelId: 'm-2', step: 0 }] });
  await t.store.commit({ type: 'run.log', runId: b!, metrics: { keys: ['inf', 'nan', 'big'], keyIdx: [0, 1, 2], pts: Float64Array.from([1, 0, -Infinity, 1, 0, Number.NaN, 2, 9007199254740991, 1e21]) }, params: [{ key: 'quote', value: '"\\\u2028' }], tags: [], time: 5 });
  return { t, runIds };
}

async function expectSameText(t: TestStore, runIds: string[], searches: number): Promise<void> {
  const rnd = prng(11);
  let withRuns = 0;
  for (let i = 0; i < searches; i++) {
    const filter = i % 4 === 0 ? '' : randomFilter(rnd, runIds);
    const orderBy = randomOrderBy(rnd);
    const maxResults = [5, 50, 1000][i % 3]!;
    let pageToken: string | undefined;
    for (let offset = 0; offset < 200; offset += maxResults) {
      const expected = objectPath(t.store, { experimentIds: ['0'], filter, orderBy, maxResults, offset });
      const page = searchRuns(t.svc, { experimentIds: ['0'], filter, orderBy, maxResults, pageToken });
      const text = searchRunsJson(t.svc, { experimentIds: ['0'], filter, orderBy, maxResults, pageToken });
      const wire = stringifyMlflowJson({ ...(expected.items.length ? { runs: expected.items } : {}), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) });
      expect(text, `${filter} | ${orderBy.join(', ')} | ${offset}`).toBe(wire);
      expect(page.items).toEqual(expected.items);
      expect(Boolean(page.nextPageToken)).toBe(expected.more);
      if (expected.items.length) withRuns++;
      if (!page.nextPageToken) break;
      pageToken = page.nextPageToken;
    }
  }
  expect(withRuns).toBeGreaterThan(searches / 3);
  // The special values made it into some answer.
  const all = searchRunsJson(t.svc, { experimentIds: ['0'], orderBy: [], filter: 'metrics.inf < 0' });
  expect(all).toContain('"value":"-Infinity"');
  expect(all).toContain('"value":"NaN"');
}

describe('searchRunsJson', () => {
  it('is byte for byte what stringifyMlflowJson makes of the object path, from the read model', async () => {
    const { t, runIds } = await storeWithRuns();
    await expectSameText(t, runIds, 60);
    expect(runsReadModelOf(t.store).state).toBe('ready');
    expect(runsReadModelOf(t.store).texts.size).toBeGreaterThan(0);
    await t.store.close();
  }, 180_000);

  it('is the same text while the read model is still being built (answered from SQL)', async () => {
    const { t, runIds } = await storeWithRuns();
    const model = runsReadModelOf(t.store, { syncBuildMaxRuns: 0, schedule: () => undefined });
    await expectSameText(t, runIds, 30);
    expect(model.state).toBe('building');
    await t.store.close();
  }, 180_000);

  it('keeps the cached texts within their bound', async () => {
    const { t } = await storeWithRuns();
    const model = runsReadModelOf(t.store, { maxTextBytes: 5000 });
    const text = searchRunsJson(t.svc, { experimentIds: ['0'], orderBy: [], viewType: 'ALL' });
    expect(text.length).toBeGreaterThan(20_000);
    expect(model.texts.size).toBeLessThanOrEqual(5000);
    expect(searchRunsJson(t.svc, { experimentIds: ['0'], orderBy: [], viewType: 'ALL' })).toBe(text);
    await t.store.close();
  });

  it('waits for a catch-up after a bulk of writes and answers from the read model, not from SQL', async () => {
    const { t } = await storeWithRuns();
    const steps: (() => void)[] = [];
    const logs: string[] = [];
    const model = runsReadModelOf(t.store, { maxSyncReread: 5, stepRuns: 10, schedule: (step) => steps.push(step), log: (m) => logs.push(m) });
    const input = { experimentIds: ['0'], filter: "tags.t0 LIKE 'bulk-%'", orderBy: ['tags.t0 DESC'], maxResults: 30 };
    searchRunsJson(t.svc, input);
    expect(model.state).toBe('ready');
    const ids = t.store.db.column<string>("SELECT run_id FROM runs WHERE lifecycle_stage = 'active' LIMIT 40");
    for (const [i, runId] of ids.entries()) await t.store.commit({ type: 'run.log', runId, metrics: null, params: [], tags: [{ key: 't0', value: `bulk-${i}` }], time: 9 });
    expect(steps.length).toBe(1); // the catch-up started in the background
    const answer = searchRunsJsonBytesCurrent(t.svc, input);
    while (steps.length) steps.shift()!();
    const expected = objectPath(t.store, { ...input, offset: 0 });
    expect((await answer).toString()).toBe(stringifyMlflowJson({ runs: expected.items, ...(expected.more ? { next_page_token: encodePageToken(30) } : {}) }));
    expect(model.stats.sqlAnswers).toBe(0);
    expect(logs.filter((l) => l.includes('from SQL'))).toEqual([]);
    await t.store.close();
  });

  it('counts and logs once the searches answered from SQL while the model is built', async () => {
    const { t, runIds } = await storeWithRuns();
    const steps: (() => void)[] = [];
    const logs: string[] = [];
    const model = runsReadModelOf(t.store, { syncBuildMaxRuns: 10, stepRuns: 50, schedule: (step) => steps.push(step), log: (m) => logs.push(m) });
    const input = { experimentIds: ['0'], filter: randomFilter(prng(3), runIds), orderBy: [], maxResults: 1000 };
    const first = searchRunsJson(t.svc, input);
    expect(searchRunsJson(t.svc, input)).toBe(first);
    expect(model.stats.sqlAnswers).toBe(2);
    while (steps.length) steps.shift()!();
    expect(searchRunsJson(t.svc, input)).toBe(first);
    expect(model.stats.sqlAnswers).toBe(2);
    expect(logs.filter((l) => l.includes('from SQL'))).toEqual(['runs read model: building; searches answer from SQL until it is ready', 'runs read model: ready; 2 searches answered from SQL meanwhile']);
    await t.store.close();
  });

  it('makes the texts of a page of runs not cached yet in slices, other work running between', async () => {
    const t = await openTestStore(tempDir());
    await seedRandomRuns(t.store, prng(21), 700, ['0']);
    const input = { experimentIds: ['0'], orderBy: ['attributes.run_name'], maxResults: 1000, viewType: 'ALL' as const };
    let turns = 0;
    let done = false;
    const ticker = () => {
      turns++;
      if (!done) setImmediate(ticker);
    };
    setImmediate(ticker);
    const everyHundred = new Slicer({ budgetMs: 0, checkEvery: 100 }); // a slice ends every 100 texts
    const answer = await searchRunsJsonBytesCurrent(t.svc, input, undefined, everyHundred);
    done = true;
    expect(everyHundred.turns).toBe(6); // 700 texts: 7 slices
    expect(turns).toBeGreaterThanOrEqual(6); // the ticker ran between them
    expect(answer.toString()).toBe(searchRunsJson(t.svc, input));
    expect(JSON.parse(answer.toString()).runs).toHaveLength(700);
    await t.store.close();
  });
});
