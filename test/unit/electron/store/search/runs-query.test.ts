import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRunsQuery, type RunsQueryInput } from '../../../../../electron/store/search/runs-query';
import { parseFilter } from '../../../../../shared/search/parse-filter';
import { parseOrderBy } from '../../../../../shared/search/parse-order-by';
import { unwrapSearch } from '../../../../../shared/search/search-error';
import { ids, insertDatasetInput, insertRuns, trackingDb, type RunSpec } from './fixtures';

// Every expected list below is what MLflow 3.11's SqlAlchemyStore.search_runs returned for the
// same runs (created with these ids), so the orders include MLflow's tie-breaks.

const RUNS: RunSpec[] = [
  { id: 'r1', name: 'alpha', start: 100, metrics: { acc: 0.9, loss: 0.1 }, params: { lr: '0.01', opt: 'Adam' }, tags: { team: 'Red', note: 'a_b' } },
  { id: 'r2', name: 'Beta', start: 200, status: 'FAILED', user: 'bob', metrics: { acc: 0.5, loss: NaN }, params: { lr: '0.1', opt: 'adam' }, tags: { team: 'red' } },
  { id: 'r3', name: 'gamma*1', start: 200, status: 'RUNNING', metrics: { acc: Infinity }, params: { lr: '1' }, tags: { team: 'blue', note: 'a%b' } },
  { id: 'r4', name: 'delta?', start: 50, user: 'carol', metrics: { acc: -Infinity, loss: 3 } },
  { id: 'r5', name: 'eps[1]', start: 300, status: 'KILLED', user: 'bob', end: 400, params: { opt: 'SGD' }, tags: { team: 'Blue' } },
  { id: 'r6', name: 'alpha2', start: 300, end: 350, metrics: { acc: 0.5 }, params: { lr: '0.01' }, tags: { note: 'ab' } },
  { id: 'r7', name: 'ALPHA', start: 150, metrics: { acc: 0, loss: -1 }, params: { lr: 'LR' }, tags: { team: '' } },
];

let db: Database;
beforeAll(async () => {
  db = await trackingDb();
  insertRuns(db, RUNS);
  insertRuns(db, [{ id: 'other-experiment', experiment: '2' }, { id: 'gone', stage: 'deleted', start: 999 }]);
});

function search(filter: string, orderBy: string[] = [], extra: Partial<RunsQueryInput> = {}) {
  const clauses = unwrapSearch(parseFilter(filter, 'runs'));
  const order = unwrapSearch(parseOrderBy(orderBy, 'runs'));
  return ids(db, compileRunsQuery({ experimentIds: ['1'], clauses, orderBy: order, ...extra }));
}

describe('compileRunsQuery: filters', () => {
  it.each([
    ['', ['r5', 'r6', 'r2', 'r3', 'r7', 'r1', 'r4']],
    ['metrics.acc > 0.5', ['r3', 'r1']],
    ['metrics.acc >= 0.5', ['r6', 'r2', 'r3', 'r1']],
    ['metrics.acc != 0.5', ['r3', 'r7', 'r1', 'r4']],
    ['metrics.acc = 0', ['r7']],
    ['metrics.acc > 1e308', ['r3']],
    ['metrics.acc < -1e308', ['r4']],
    // MLflow stores a NaN metric as 0 (is_nan = 1), so NaN compares as 0 in filters.
    ['metrics.loss < 1', ['r2', 'r7', 'r1']],
    ['metrics.loss != 0', ['r7', 'r1', 'r4']],
    ["params.lr = '0.01'", ['r6', 'r1']],
    // A run without the key never matches, not even `!=`.
    ["params.lr != '0.01'", ['r2', 'r3', 'r7']],
    ["params.opt LIKE 'a%'", ['r2']],
    ["params.opt ILIKE 'a%'", ['r2', 'r1']],
    ["params.opt LIKE '%D%'", ['r5']],
    ["params.lr LIKE '0._1'", ['r6', 'r1']],
    ["tags.team = 'red'", ['r2']],
    ["tags.team ILIKE 'RED'", ['r2', 'r1']],
    ["tags.team != 'red'", ['r5', 'r3', 'r7', 'r1']],
    ["tags.note LIKE 'a_b'", ['r3', 'r1']],
    ["tags.note LIKE 'a%b'", ['r6', 'r3', 'r1']],
    ["tags.team = ''", ['r7']],
    ['tags.team IS NULL', ['r6', 'r4']],
    ['tags.team IS NOT NULL', ['r5', 'r2', 'r3', 'r7', 'r1']],
    ['params.lr IS NULL', ['r5', 'r4']],
    ['params.opt IS NOT NULL AND params.lr IS NOT NULL', ['r2', 'r1']],
    ["attributes.status = 'FINISHED'", ['r6', 'r7', 'r1', 'r4']],
    ["status != 'FINISHED'", ['r5', 'r2', 'r3']],
    ["status LIKE 'F%'", ['r6', 'r2', 'r7', 'r1', 'r4']],
    ["status ILIKE 'f%'", ['r6', 'r2', 'r7', 'r1', 'r4']],
    ["user_id = 'bob'", ['r5', 'r2']],
    ['start_time > 100', ['r5', 'r6', 'r2', 'r3', 'r7']],
    ['created >= 200', ['r5', 'r6', 'r2', 'r3']],
    ['end_time > 0', ['r5', 'r6']],
    ['end_time != 400', ['r6']],
    ["run_id IN ('r1', 'r3', 'R5')", ['r3', 'r1']],
    ["run_id NOT IN ('r1', 'r3')", ['r5', 'r6', 'r2', 'r7', 'r4']],
    ["run_id IN ('R1')", []],
    ["run_name = 'alpha'", ['r1']],
    ["attributes.run_name LIKE 'alpha%'", ['r6', 'r1']],
    ["`Run Name` ILIKE 'ALPHA%'", ['r6', 'r7', 'r1']],
    // GLOB metacharacters in a LIKE pattern match themselves.
    ["run_name LIKE 'gamma*%'", ['r3']],
    ["run_name LIKE 'delta?'", ['r4']],
    ["run_name LIKE 'eps[1]'", ['r5']],
    ["run_name LIKE '%[%'", ['r5']],
    ["metrics.acc > 0 AND params.lr = '0.01' AND tags.team != 'x'", ['r1']],
    ["artifact_uri LIKE '%r1%'", ['r1']],
  ])('%s', (filter, expected) => {
    expect(search(filter)).toEqual(expected);
  });
});

describe('compileRunsQuery: order_by', () => {
  it.each([
    [['metrics.acc'], ['r4', 'r7', 'r6', 'r2', 'r1', 'r3', 'r5']],
    [['metrics.acc DESC'], ['r3', 'r1', 'r6', 'r2', 'r7', 'r4', 'r5']],
    // NaN after numbers, missing after NaN, in both directions.
    [['metrics.loss ASC'], ['r7', 'r1', 'r4', 'r2', 'r5', 'r6', 'r3']],
    [['metrics.loss DESC'], ['r4', 'r1', 'r7', 'r2', 'r5', 'r6', 'r3']],
    [['params.lr'], ['r6', 'r1', 'r2', 'r3', 'r7', 'r5', 'r4']],
    [['params.lr DESC'], ['r7', 'r3', 'r2', 'r6', 'r1', 'r5', 'r4']],
    [['tags.team'], ['r7', 'r5', 'r1', 'r3', 'r2', 'r6', 'r4']],
    [['tags.team DESC'], ['r2', 'r3', 'r1', 'r5', 'r7', 'r6', 'r4']],
    [['attributes.end_time'], ['r6', 'r5', 'r2', 'r3', 'r7', 'r1', 'r4']],
    [['end_time DESC'], ['r5', 'r6', 'r2', 'r3', 'r7', 'r1', 'r4']],
    [['start_time'], ['r4', 'r1', 'r7', 'r2', 'r3', 'r5', 'r6']],
    [['created DESC'], ['r5', 'r6', 'r2', 'r3', 'r7', 'r1', 'r4']],
    [['run_name'], ['r7', 'r2', 'r1', 'r6', 'r4', 'r5', 'r3']],
    [['status DESC', 'metrics.acc'], ['r3', 'r5', 'r4', 'r7', 'r6', 'r1', 'r2']],
    [['user_id', 'params.opt DESC'], ['r1', 'r6', 'r3', 'r7', 'r2', 'r5', 'r4']],
    [['run_id DESC'], ['r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1']],
  ])('%j', (orderBy, expected) => {
    expect(search('', orderBy)).toEqual(expected);
  });

  it('combines a filter with several keys', () => {
    expect(search('metrics.acc >= 0', ['metrics.acc DESC', 'start_time ASC'])).toEqual(['r3', 'r1', 'r2', 'r6', 'r7']);
  });
});

describe('compileRunsQuery: scope and paging', () => {
  it('selects by view type and experiment', () => {
    expect(search('', [], { viewType: 'DELETED_ONLY' })).toEqual(['gone']);
    expect(search('', [], { viewType: 'ALL' })[0]).toBe('gone');
    expect(search('', [], { experimentIds: ['1', '2'] })).toContain('other-experiment');
    expect(search('', [], { experimentIds: [] })).toEqual([]);
  });

  it('pages with limit and offset', () => {
    expect(search('', [], { limit: 2 })).toEqual(['r5', 'r6']);
    expect(search('', [], { limit: 2, offset: 2 })).toEqual(['r2', 'r3']);
    expect(search('', [], { offset: 5 })).toEqual(['r1', 'r4']);
  });

  it('binds every value, keys included', () => {
    const q = compileRunsQuery({
      experimentIds: ['1'],
      clauses: unwrapSearch(parseFilter("tags.`x'; DROP TABLE runs; --` = 'y''z'", 'runs')),
      orderBy: unwrapSearch(parseOrderBy(["params.`'q'`"], 'runs')),
    });
    expect(q.sql).not.toContain('DROP');
    expect(q.sql).not.toContain("'q'");
    expect(q.params).toContain("x'; DROP TABLE runs; --");
    expect(ids(db, q)).toEqual([]);
  });
});

describe('compileRunsQuery: dataset filters', () => {
  let ddb: Database;
  beforeAll(async () => {
    ddb = await trackingDb();
    insertRuns(ddb, [
      { id: 'r1', start: 100 },
      { id: 'r2', start: 200 },
      { id: 'r3', start: 300 },
      { id: 'r4', start: 400 },
    ]);
    insertDatasetInput(ddb, 'r1', { id: 'd1', name: 'train', digest: 'd1', context: 'training' });
    insertDatasetInput(ddb, 'r1', { id: 'd2', name: 'eval', digest: 'd2', context: 'eval' });
    insertDatasetInput(ddb, 'r2', { id: 'd3', name: 'train', digest: 'd3' });
    insertDatasetInput(ddb, 'r3', { id: 'd4', name: 'Other', digest: 'd4', context: 'Training' });
  });

  it.each([
    ["datasets.name = 'train'", ['r2', 'r1']],
    ["datasets.name != 'train'", ['r3', 'r1']],
    ["dataset.digest IN ('d1', 'd4')", ['r3', 'r1']],
    ["datasets.digest NOT IN ('d1')", ['r3', 'r2', 'r1']],
    ["datasets.context = 'training'", ['r1']],
    ["datasets.context ILIKE 'TRAIN%'", ['r3', 'r1']],
    ["datasets.context != 'eval'", ['r3', 'r1']],
    ["datasets.name LIKE 'tr%'", ['r2', 'r1']],
    // 'Other' is dropped from the list: MLflow keeps only all-lower-case values.
    ["datasets.name IN ('train', 'Other')", ['r2', 'r1']],
    ["datasets.name = 'train' AND datasets.context = 'eval'", ['r1']],
  ])('%s', (filter, expected) => {
    const clauses = unwrapSearch(parseFilter(filter, 'runs'));
    expect(ids(ddb, compileRunsQuery({ experimentIds: ['1'], clauses }))).toEqual(expected);
  });
});
