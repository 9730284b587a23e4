import { describe, expect, it } from 'vitest';
import { createKeyValuesStore, KEY_VALUES_LIMIT } from '../../../../renderer/state/key-values-store';
import { knownValues, withAskedValues } from '../../../../renderer/components/runs-table/filter-known-values';
import { makeRun } from '../components/runs-table/runs-fixtures';
import { indexRun } from '../../../../renderer/components/runs-table/run-values';
import { fakeClient, flush } from './runs-fake-client';

const answers: Record<string, string[]> = { 'params.opt': ['adam', 'sgd'], 'tags.team': ['a'] };

function setup() {
  const fake = fakeClient(((method: string, input: { entity: string; key: string }) => {
    if (method !== 'runs.keyValues') throw new Error(`unexpected ${method}`);
    const values = answers[`${input.entity}.${input.key}`] ?? [];
    return { values, distinct: values.length };
  }) as never);
  return { fake, store: createKeyValuesStore(fake.client, 'e1') };
}

describe('key values store', () => {
  it('asks for a key once when first needed, then answers from its cache', async () => {
    const { fake, store } = setup();
    expect(store.getState().valuesOf('params', 'opt')).toBeUndefined();
    expect(store.getState().valuesOf('params', 'opt')).toBeUndefined(); // asked already
    await flush();
    expect(fake.callsTo('runs.keyValues')).toEqual([{ experimentIds: ['e1'], entity: 'params', key: 'opt', limit: KEY_VALUES_LIMIT }]);
    expect(store.getState().valuesOf('params', 'opt')).toEqual(['adam', 'sgd']);
    expect(store.getState().valuesOf('params', 'opt')).toEqual(['adam', 'sgd']);
    expect(fake.callsTo('runs.keyValues')).toHaveLength(1);
  });

  it('forgets every key when a run of its experiment changes (not of another)', async () => {
    const { fake, store } = setup();
    store.getState().valuesOf('tags', 'team');
    await flush();
    fake.emit('runs.changed', { experimentIds: ['other'], runIds: ['x'] });
    expect(store.getState().valuesOf('tags', 'team')).toEqual(['a']);
    fake.emit('runs.changed', { experimentIds: ['e1'], runIds: ['x'] });
    expect(store.getState().values).toEqual({});
    expect(store.getState().valuesOf('tags', 'team')).toBeUndefined();
    await flush();
    expect(fake.callsTo('runs.keyValues')).toHaveLength(2);
    expect(store.getState().valuesOf('tags', 'team')).toEqual(['a']);
    store.close();
    expect(fake.listenerCount('runs.changed')).toBe(0);
  });

  it('the suggestions use the asked values of every key, and the loaded runs\u2019 until they arrive', async () => {
    const { store } = setup();
    const loaded = [indexRun(makeRun({ id: 'r1', params: { opt: 'local' } }))];
    const values = withAskedValues(knownValues(loaded), (e, k) => store.getState().valuesOf(e, k));
    expect(values('params', 'opt')).toEqual(['local']);
    await flush();
    expect(values('params', 'opt')).toEqual(['adam', 'sgd']);
    expect(values('attributes', 'run_name')).toEqual([loaded[0]!.name]); // attributes: the loaded runs'
  });
});
