import { describe, expect, it } from 'vitest';
import { createRunSyncStore } from '../../../../renderer/state/run-sync-store';
import { fakeClient } from './runs-fake-client';

const ids = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const askedIds = (fake: ReturnType<typeof fakeClient>) => fake.callsTo('sync.runStates').flatMap((c) => c.runIds as string[]);

describe('run sync store', () => {
  it('asks about each run once while the watched list grows, even when no remote knows it (an empty answer)', async () => {
    const fake = fakeClient((() => ({})) as never);
    const store = createRunSyncStore(fake.client);
    await store.getState().watch(ids(100));
    await store.getState().watch(ids(1100));
    await store.getState().watch(ids(3100));
    const asked = askedIds(fake);
    expect(asked).toHaveLength(3100);
    expect(new Set(asked).size).toBe(3100);
    expect(fake.callsTo('sync.runStates').every((c) => (c.runIds as string[]).length <= 500)).toBe(true);
    expect(store.getState().states).toEqual({});
    store.close();
  });

  it('keeps the states it is told, chunk by chunk', async () => {
    const fake = fakeClient(((_m: string, input: { runIds: string[] }) =>
      Object.fromEntries(input.runIds.filter((id) => id.endsWith('7')).map((id) => [id, [{ remote: 'lab', state: 'pushed' }]]))) as never);
    const store = createRunSyncStore(fake.client);
    await store.getState().watch(ids(1000));
    const states = store.getState().states;
    expect(Object.keys(states)).toHaveLength(100);
    expect(states.r7).toEqual([{ remote: 'lab', state: 'pushed' }]);
    expect(states.r997).toEqual([{ remote: 'lab', state: 'pushed' }]);
    store.close();
  });

  it('asks again about runs whose read failed', async () => {
    let fail = true;
    const fake = fakeClient((() => {
      if (fail) throw new Error('store is closed');
      return {};
    }) as never);
    const store = createRunSyncStore(fake.client);
    await store.getState().watch(ids(3));
    fail = false;
    await store.getState().watch(ids(3));
    expect(askedIds(fake)).toEqual(['r0', 'r1', 'r2', 'r0', 'r1', 'r2']);
    store.close();
  });
});
