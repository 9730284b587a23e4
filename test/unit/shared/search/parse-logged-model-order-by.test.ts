import { describe, expect, it } from 'vitest';
import { parseLoggedModelOrderBy } from '../../../../shared/search/parse-logged-model-order-by';

const parse = (items: unknown[]) => {
  const r = parseLoggedModelOrderBy(items);
  return r.ok ? r.value : r.error;
};

describe('parseLoggedModelOrderBy', () => {
  it('maps plain fields and their aliases, ascending by default', () => {
    expect(
      parse([
        { field_name: 'name' },
        { field_name: 'creation_time', ascending: false },
        { field_name: 'last_updated_timestamp', ascending: true },
      ]),
    ).toEqual([
      { entity: 'attribute', key: 'name', ascending: true },
      { entity: 'attribute', key: 'creation_timestamp', ascending: false },
      { entity: 'attribute', key: 'last_updated_timestamp', ascending: true },
    ]);
  });

  it('takes metrics with optional dataset restrictions', () => {
    expect(
      parse([{ field_name: 'metrics.acc', ascending: false, dataset_name: 'val', dataset_digest: 'd1' }, { field_name: 'metrics.a.b', dataset_name: '' }]),
    ).toEqual([
      { entity: 'metric', key: 'acc', ascending: false, datasetName: 'val', datasetDigest: 'd1' },
      { entity: 'metric', key: 'a.b', ascending: true },
    ]);
  });

  it.each([
    [{ field_name: 'foo' }, 'Invalid order by field name: foo'],
    [{ field_name: 'params.x' }, 'Invalid order by field name: params.x. Only metrics are supported.'],
    [{}, '`field_name` in the `order_by` clause must be specified.'],
    [{ field_name: 'name', ascending: 'yes' }, "Value of `ascending` in the `order_by` clause must be a boolean, got <class 'str'> for field name."],
    ['name', '`order_by` must be a list of dictionaries.'],
  ])('rejects %j', (item, message) => {
    expect(parse([{ field_name: 'name' }, item])).toMatchObject({ message, item: 1 });
  });
});
