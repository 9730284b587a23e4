import { describe, expect, it } from 'vitest';
import { parseOrderBy } from '../../../../shared/search/parse-order-by';

// Checked against MLflow 3.11 (`_parse_order_by_string` and each store's order_by handling).

type Entity = Parameters<typeof parseOrderBy>[1];
const parse = (items: string[], entity: Entity = 'runs') => {
  const r = parseOrderBy(items, entity);
  return r.ok ? r.value : r.error;
};

describe('parseOrderBy(runs)', () => {
  it.each([
    ['metrics.rmse DESC', { entity: 'metric', key: 'rmse', ascending: false }],
    ['metrics.rmse', { entity: 'metric', key: 'rmse', ascending: true }],
    ['metrics.a  desc', { entity: 'metric', key: 'a', ascending: false }],
    ['params.x\tDESC', { entity: 'param', key: 'x', ascending: false }],
    ['attributes.start_time', { entity: 'attribute', key: 'start_time', ascending: true }],
    ['status dEsC', { entity: 'attribute', key: 'status', ascending: false }],
    ['created DESC', { entity: 'attribute', key: 'start_time', ascending: false }],
    ['run.run_id', { entity: 'attribute', key: 'run_id', ascending: true }],
    ['params.`learning rate` desc', { entity: 'param', key: 'learning rate', ascending: false }],
    ['metrics.`a b` desc', { entity: 'metric', key: 'a b', ascending: false }],
    ['tags."mlflow.runName" ASC', { entity: 'tag', key: 'mlflow.runName', ascending: true }],
    ['tags."a.b"', { entity: 'tag', key: 'a.b', ascending: true }],
    ['`metrics`.`a b`', { entity: 'metric', key: 'a b', ascending: true }],
    ["metrics.'a b' DESC", { entity: 'metric', key: 'a b', ascending: false }],
  ])('%s', (item, expected) => {
    expect(parse([item])).toEqual([expected]);
  });

  it.each([
    ['metrics.a DESC ', "Invalid order_by clause 'metrics.a DESC '. Could not be parsed."],
    [' metrics.a', "Invalid order_by clause ' metrics.a'. Could not be parsed."],
    ['metrics.a ASC DESC', "Invalid order_by clause 'metrics.a ASC DESC'. Could not be parsed."],
    ['metrics.f1-score', "Invalid order_by clause 'metrics.f1-score'. Could not be parsed."],
    ['metrics.a, metrics.b', "Invalid order_by clause 'metrics.a, metrics.b'. Could not be parsed."],
    ['', "Invalid order_by clause ''. Could not be parsed."],
    ['metrics.a foo', "Invalid ordering key in order_by clause 'metrics.a foo'."],
    ['"tags.a"', "Invalid entity type '\"tags'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']"],
    ['datasets.name', "Invalid identifier type 'dataset'"],
    [
      'name',
      "Invalid attribute key 'name' specified. Valid keys are '{'artifact_uri', 'end_time', 'run_id', 'run_name', 'start_time', 'status', 'user_id', 'created', 'Created'}'",
    ],
  ])('rejects %s', (item, message) => {
    expect(parse([item])).toMatchObject({ message, item: 0 });
  });

  it('rejects the same field twice, aliases included', () => {
    expect(parse(['metrics.a', 'metrics.a DESC'])).toMatchObject({
      message: "`order_by` contains duplicate fields: ['metrics.a', 'metrics.a DESC']",
      item: 1,
    });
    expect(parse(['created', 'start_time'])).toMatchObject({ item: 1 });
  });

  it('keeps the order of several items', () => {
    expect(parse(['metrics.a', 'params.a DESC', 'tags.a', 'attributes.status'])).toEqual([
      { entity: 'metric', key: 'a', ascending: true },
      { entity: 'param', key: 'a', ascending: false },
      { entity: 'tag', key: 'a', ascending: true },
      { entity: 'attribute', key: 'status', ascending: true },
    ]);
    expect(parse([])).toEqual([]);
  });
});

describe('parseOrderBy(experiments)', () => {
  it('accepts the four experiment fields', () => {
    expect(parse(['name', 'experiment_id DESC', 'creation_time ASC', 'last_update_time desc'], 'experiments')).toEqual([
      { entity: 'attribute', key: 'name', ascending: true },
      { entity: 'attribute', key: 'experiment_id', ascending: false },
      { entity: 'attribute', key: 'creation_time', ascending: true },
      { entity: 'attribute', key: 'last_update_time', ascending: false },
    ]);
  });

  it.each([
    ['tags.x', 'Invalid order_by entity: tag'],
    ['attributes.name', "Invalid entity type 'attributes'. Valid entity types are ('attribute', 'tag', 'tags')"],
    ['run_id', "Invalid attribute key 'run_id' specified. Valid keys are '{'name', 'experiment_id', 'creation_time', 'last_update_time'}'"],
  ])('rejects %s', (item, message) => {
    expect(parse([item], 'experiments')).toMatchObject({ message });
  });

  it('allows repeated fields (the experiment store does not check)', () => {
    expect(parse(['name', 'name'], 'experiments')).toHaveLength(2);
  });
});

describe('parseOrderBy(registered_models / model_versions)', () => {
  it('maps timestamp to last_updated_timestamp for registered models', () => {
    expect(parse(['timestamp DESC', 'name'], 'registered_models')).toEqual([
      { entity: 'attribute', key: 'last_updated_timestamp', ascending: false },
      { entity: 'attribute', key: 'name', ascending: true },
    ]);
    expect(parse(['timestamp', 'last_updated_timestamp'], 'registered_models')).toMatchObject({ item: 1 });
    expect(parse(['creation_timestamp'], 'registered_models')).toMatchObject({
      message: "Invalid order by key 'creation_timestamp' specified. Valid keys are '{'name', 'timestamp'}'",
    });
  });

  it('accepts model version fields and rejects others', () => {
    expect(parse(['version_number DESC', 'creation_timestamp'], 'model_versions')).toEqual([
      { entity: 'attribute', key: 'version_number', ascending: false },
      { entity: 'attribute', key: 'creation_timestamp', ascending: true },
    ]);
    expect(parse(['tags.x'], 'model_versions')).toMatchObject({
      message: "Invalid order by key 'x' specified. Valid keys are {'name', 'version_number', 'creation_timestamp', 'last_updated_timestamp'}",
    });
  });
});
