import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileLoggedModelsQuery } from '../../../../../electron/store/search/logged-models-query';
import type { LoggedModelDatasetFilter } from '../../../../../electron/store/search/logged-models-sql';
import { parseLoggedModelOrderBy } from '../../../../../shared/search/parse-logged-model-order-by';
import { parseFilter } from '../../../../../shared/search/parse-filter';
import { unwrapSearch } from '../../../../../shared/search/search-error';
import { ids, trackingDb } from './fixtures';

// Expected lists are what MLflow 3.11's SqlAlchemyStore.search_logged_models returned on the
// same data (model ids there are random, so models are named after their ids here).

interface ModelSpec {
  id: string;
  created: number;
  type?: string;
  status?: number;
  deleted?: boolean;
  tags?: Record<string, string>;
  params?: Record<string, string>;
  metrics?: { key: string; value: number; ts: number; dataset?: [string, string] }[];
}

const MODELS: ModelSpec[] = [
  {
    id: 'm1', created: 100, type: 'agent', status: 2, tags: { t: 'Red' }, params: { lr: '0.01' },
    metrics: [{ key: 'acc', value: 0.5, ts: 1 }, { key: 'acc', value: 0.9, ts: 2, dataset: ['val', 'd1'] }],
  },
  { id: 'm2', created: 200, tags: { t: 'red' }, params: { lr: '0.1' }, metrics: [{ key: 'acc', value: 0.7, ts: 5, dataset: ['train', 'd2'] }] },
  {
    id: 'm3', created: 300, params: { lr: '0.01' },
    metrics: [{ key: 'acc', value: 0.2, ts: 1, dataset: ['val', 'd1'] }, { key: 'loss', value: 3, ts: 1 }],
  },
  { id: 'm4', created: 150, type: 'agent', status: 3 },
  { id: 'm5', created: 250, deleted: true, metrics: [{ key: 'acc', value: 1, ts: 1 }] },
  { id: 'm6', created: 250, tags: { t: 'a_b' }, metrics: [{ key: 'acc', value: 0.95, ts: 1 }, { key: 'acc', value: 0.1, ts: 9 }] },
];

let db: Database;
beforeAll(async () => {
  db = await trackingDb();
  for (const m of MODELS) {
    db.run(
      `INSERT INTO logged_models (model_id, experiment_id, name, artifact_uri, creation_time, last_update_time, status, lifecycle_stage, model_type)
       VALUES (?, '1', ?, '', ?, ?, ?, ?, ?)`,
      [m.id, m.id, m.created, m.created, m.status ?? 1, m.deleted ? 'deleted' : 'active', m.type ?? ''],
    );
    for (const [k, v] of Object.entries(m.tags ?? {})) db.run('INSERT INTO logged_model_tags VALUES (?, ?, ?)', [m.id, k, v]);
    for (const [k, v] of Object.entries(m.params ?? {})) db.run('INSERT INTO logged_model_params VALUES (?, ?, ?)', [m.id, k, v]);
    for (const x of m.metrics ?? []) {
      db.run(
        `INSERT INTO logged_model_metrics (model_id, key, value, timestamp, step, run_id, dataset_name, dataset_digest)
         VALUES (?, ?, ?, ?, 0, 'r', ?, ?)`,
        [m.id, x.key, x.value, x.ts, x.dataset?.[0] ?? '', x.dataset?.[1] ?? ''],
      );
    }
  }
});

function search(filter: string, orderBy: unknown[] = [], datasets: LoggedModelDatasetFilter[] = []) {
  const clauses = unwrapSearch(parseFilter(filter, 'logged_models'));
  const order = unwrapSearch(parseLoggedModelOrderBy(orderBy));
  return ids(db, compileLoggedModelsQuery({ experimentIds: ['1'], clauses, orderBy: order, datasets }));
}

describe('compileLoggedModelsQuery', () => {
  it('returns newest first by default and never deleted models', () => {
    expect(search('')).toEqual(['m3', 'm6', 'm2', 'm4', 'm1']);
    expect(ids(db, compileLoggedModelsQuery({ experimentIds: [] }))).toEqual([]);
  });

  it.each([
    // A metric clause holds when any logged value of the metric satisfies it.
    ['metrics.acc > 0.6', ['m6', 'm2', 'm1']],
    ['metrics.acc < 0.3', ['m3', 'm6']],
    ['metrics.acc != 0.5', ['m3', 'm6', 'm2', 'm1']],
    ['params.lr = 0.01', ['m3', 'm1']],
    ["params.lr = '0.01'", ['m3', 'm1']],
    ["params.lr != '0.01'", ['m2']],
    ["tags.t = 'red'", ['m2']],
    ["tags.t ILIKE 'RED'", ['m2', 'm1']],
    ["tags.t LIKE 'R%'", ['m1']],
    ["tags.t LIKE 'a_b'", ['m6']],
    ["name IN ('m1', 'm3')", ['m3', 'm1']],
    ["name NOT IN ('m1', 'm3')", ['m6', 'm2', 'm4']],
    ['name IN ()', []],
    ['creation_time > 150', ['m3', 'm6', 'm2']],
    ['creation_timestamp <= 150', ['m4', 'm1']],
    ["model_type = 'agent'", ['m4', 'm1']],
    // MLflow stores an absent model_type as NULL, which never matches.
    ["model_type != 'agent'", []],
    ["name LIKE 'm%' AND metrics.acc >= 0.5", ['m6', 'm2', 'm1']],
    ["status = 'READY'", ['m1']],
    ["status IN ('PENDING', 'FAILED')", ['m3', 'm6', 'm2', 'm4']],
  ])('%s', (filter, expected) => {
    expect(search(filter)).toEqual(expected);
  });

  it('restricts to models with metrics on the given datasets', () => {
    expect(search('', [], [{ datasetName: 'val' }])).toEqual(['m3', 'm1']);
    expect(search('', [], [{ datasetName: 'val', datasetDigest: 'd1' }])).toEqual(['m3', 'm1']);
    expect(search('', [], [{ datasetName: 'val', datasetDigest: 'other' }])).toEqual([]);
    expect(search('', [], [{ datasetName: 'train' }, { datasetName: 'val' }])).toEqual(['m3', 'm2', 'm1']);
    expect(search('metrics.acc > 0.6', [], [{ datasetName: 'train' }])).toEqual(['m2']);
  });

  it.each([
    [[{ field_name: 'name' }], ['m1', 'm2', 'm3', 'm4', 'm6']],
    [[{ field_name: 'name', ascending: false }], ['m6', 'm4', 'm3', 'm2', 'm1']],
    [[{ field_name: 'creation_time', ascending: true }], ['m1', 'm4', 'm2', 'm6', 'm3']],
    // Sorts on the latest value (by timestamp, then step); models without the metric go last.
    [[{ field_name: 'metrics.acc' }], ['m6', 'm3', 'm2', 'm1', 'm4']],
    [[{ field_name: 'metrics.acc', ascending: false }], ['m1', 'm2', 'm3', 'm6', 'm4']],
    [[{ field_name: 'metrics.acc', ascending: false, dataset_name: 'val' }], ['m1', 'm3', 'm6', 'm2', 'm4']],
    [[{ field_name: 'metrics.loss', ascending: true }], ['m3', 'm6', 'm2', 'm4', 'm1']],
    [[{ field_name: 'model_type', ascending: true }, { field_name: 'name', ascending: false }], ['m4', 'm1', 'm6', 'm3', 'm2']],
  ])('order_by %j', (orderBy, expected) => {
    expect(search('', orderBy)).toEqual(expected);
  });

  it('pages', () => {
    expect(ids(db, compileLoggedModelsQuery({ experimentIds: ['1'], limit: 2, offset: 1 }))).toEqual(['m6', 'm2']);
  });
});
