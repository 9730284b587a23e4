import { describe, expect, it } from 'vitest';
import type { RegisteredModel } from '../../../../shared/domain/registry';
import { createModelsStore, toModelFilter } from '../../../../renderer/state/registry-models-store';
import { fakeClient, flush } from './run-fake-client';

const model = (name: string): RegisteredModel => ({ name, creation_timestamp: 1, last_updated_timestamp: 2 });

describe('models store', () => {
  it('loads every model, then re-reads when any model changes', async () => {
    let names = ['churn'];
    const { api, emit } = fakeClient({ 'models.list': () => names.map(model) });
    const store = createModelsStore(api);
    const stop = store.getState().watch();
    await flush();
    expect(store.getState()).toMatchObject({ status: 'ready', error: null });
    expect(store.getState().models.map((m) => m.name)).toEqual(['churn']);
    names = ['churn', 'fraud'];
    emit({ event: 'registry.changed', payload: { names: ['fraud'] } });
    await flush();
    expect(store.getState().models.map((m) => m.name)).toEqual(['churn', 'fraud']);
    stop();
    names = [];
    emit({ event: 'registry.changed', payload: { names: ['fraud'] } });
    await flush();
    expect(store.getState().models).toHaveLength(2);
  });

  it('sends an MLflow filter as typed and keeps it for later re-reads', async () => {
    const { api, calls, emit } = fakeClient({ 'models.list': () => [] });
    const store = createModelsStore(api);
    store.getState().watch();
    await store.getState().search("name LIKE '%churn%' AND tags.team = 'growth'");
    emit({ event: 'registry.changed', payload: { names: ['x'] } });
    await flush();
    const filters = calls.filter((c) => c.method === 'models.list').map((c) => (c.input as { filter?: string }).filter);
    expect(filters.slice(-2)).toEqual(["name LIKE '%churn%' AND tags.team = 'growth'", "name LIKE '%churn%' AND tags.team = 'growth'"]);
  });

  it('refuses a bad filter with MLflow’s message before asking main', async () => {
    const { api, calls } = fakeClient({ 'models.list': () => [] });
    const store = createModelsStore(api);
    await store.getState().search("tags.team > 'x'");
    expect(store.getState().filterError).toContain('Invalid comparator');
    expect(calls).toHaveLength(0);
    await store.getState().search('');
    expect(store.getState().filterError).toBeNull();
    expect(calls.at(-1)?.input).toEqual({});
  });

  it('reports a failing list as an error', async () => {
    const { api } = fakeClient({ 'models.list': () => { throw new Error('store is closed'); } });
    const store = createModelsStore(api);
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ status: 'error', error: 'store is closed' });
  });

  it('creates a model, then re-reads the list', async () => {
    const made: string[] = [];
    const { api, calls } = fakeClient({
      'models.create': ({ name }: { name: string }) => (made.push(name), model(name)),
      'models.list': () => made.map(model),
    });
    const store = createModelsStore(api);
    await store.getState().create('fraud', '');
    expect(calls[0]).toEqual({ method: 'models.create', input: { name: 'fraud' } });
    expect(store.getState().models.map((m) => m.name)).toEqual(['fraud']);
  });
});

describe('toModelFilter', () => {
  it('turns plain words into a name search and leaves filters alone', () => {
    expect(toModelFilter('  churn ')).toBe("name ILIKE '%churn%'");
    expect(toModelFilter('churn v2')).toBe("name ILIKE '%churn v2%'");
    expect(toModelFilter("name = 'churn'")).toBe("name = 'churn'");
    expect(toModelFilter('')).toBe('');
  });
});
