import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileExperimentsQuery } from '../../../../../electron/store/search/experiments-query';
import type { ViewType } from '../../../../../electron/store/search/sql-fragment';
import { parseFilter } from '../../../../../shared/search/parse-filter';
import { parseOrderBy } from '../../../../../shared/search/parse-order-by';
import { unwrapSearch } from '../../../../../shared/search/search-error';
import { ids, trackingDb } from './fixtures';

// Expected lists are what MLflow 3.11's SqlAlchemyStore.search_experiments returned on the same data.

const EXPERIMENTS: [id: string, name: string, created: number, stage: string, tags: Record<string, string>][] = [
  ['0', 'Default', 5, 'active', {}],
  ['1', 'alpha', 100, 'active', { team: 'Red', k: 'a_b' }],
  ['2', 'Beta', 100, 'active', { team: 'red' }],
  ['3', 'gamma', 300, 'active', {}],
  ['4', 'beta2', 200, 'deleted', { team: 'blue' }],
  ['5', 'a%b', 50, 'active', { k: 'ab' }],
  ['6', 'e10', 300, 'active', {}],
  ['7', 'e9', 300, 'active', {}],
];

let db: Database;
beforeAll(async () => {
  db = await trackingDb();
  for (const [id, name, created, stage, tags] of EXPERIMENTS) {
    db.run('INSERT INTO experiments VALUES (?, ?, ?, ?, ?, ?)', [id, name, '', stage, created, created]);
    for (const [k, v] of Object.entries(tags)) db.run('INSERT INTO experiment_tags VALUES (?, ?, ?)', [id, k, v]);
  }
});

function search(filter: string, orderBy: string[] = [], viewType: ViewType = 'ACTIVE_ONLY') {
  const clauses = unwrapSearch(parseFilter(filter, 'experiments'));
  const order = unwrapSearch(parseOrderBy(orderBy, 'experiments'));
  return ids(db, compileExperimentsQuery({ clauses, orderBy: order, viewType }));
}

describe('compileExperimentsQuery', () => {
  it('orders by creation_time DESC, experiment_id ASC by default, per view type', () => {
    expect(search('')).toEqual(['3', '6', '7', '1', '2', '5', '0']);
    expect(search('', [], 'ALL')).toEqual(['3', '6', '7', '4', '1', '2', '5', '0']);
    expect(search('', [], 'DELETED_ONLY')).toEqual(['4']);
  });

  it.each([
    ["name = 'alpha'", ['1']],
    ["name LIKE 'b%'", []],
    ["name LIKE 'a_b'", ['5']],
    ["name != 'alpha'", ['3', '6', '7', '2', '5', '0']],
    ['creation_time > 100', ['3', '6', '7']],
    ['creation_time = 100', ['1', '2']],
    ['last_update_time <= 100', ['1', '2', '5', '0']],
    ["tags.team = 'red'", ['2']],
    ["tags.team ILIKE 'RED'", ['1', '2']],
    ["tags.team != 'red'", ['1']],
    ['tags.team IS NULL', ['3', '6', '7', '5', '0']],
    ['tags.team IS NOT NULL', ['1', '2']],
    ["tags.k LIKE 'a_b'", ['1']],
    ["tags.team LIKE '%e%' AND name ILIKE '%A%'", ['1', '2']],
  ])('%s', (filter, expected) => {
    expect(search(filter)).toEqual(expected);
  });

  it('filters deleted experiments too when asked', () => {
    expect(search("name ILIKE 'b%'", [], 'ALL')).toEqual(['4', '2']);
  });

  it.each([
    [['name'], ['2', '0', '5', '1', '6', '7', '3']],
    [['name DESC'], ['3', '7', '6', '1', '5', '0', '2']],
    [['creation_time'], ['0', '5', '2', '1', '7', '6', '3']],
    [['creation_time DESC'], ['7', '6', '3', '2', '1', '5', '0']],
    [['experiment_id'], ['0', '1', '2', '3', '5', '6', '7']],
    [['experiment_id DESC'], ['7', '6', '5', '3', '2', '1', '0']],
    [['last_update_time ASC', 'name DESC'], ['0', '5', '1', '2', '3', '7', '6']],
    [['creation_time', 'experiment_id ASC'], ['0', '5', '1', '2', '3', '6', '7']],
  ])('order_by %j', (orderBy, expected) => {
    expect(search('', orderBy)).toEqual(expected);
  });

  it('orders experiment ids as numbers', async () => {
    const db2 = await trackingDb();
    for (const id of ['2', '10', '9', '100']) {
      db2.run("INSERT INTO experiments VALUES (?, ?, '', 'active', 1, 1)", [id, `e${id}`]);
    }
    const order = (items: string[]) => ids(db2, compileExperimentsQuery({ orderBy: unwrapSearch(parseOrderBy(items, 'experiments')) }));
    expect(order(['experiment_id'])).toEqual(['2', '9', '10', '100']);
    expect(order([])).toEqual(['2', '9', '10', '100']);
    expect(order(['creation_time'])).toEqual(['100', '10', '9', '2']);
  });

  it('pages', () => {
    expect(ids(db, compileExperimentsQuery({ limit: 2, offset: 1 }))).toEqual(['6', '7']);
  });
});
