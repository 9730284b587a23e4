import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../../renderer/api/client';
import { createCompareStore } from '../../../../../renderer/components/charts/compare-store';
import { fakeClient, makeRun } from './fixtures';

afterEach(() => vi.useRealTimers());

const server = (known: string[], names: Record<string, string> = {}) =>
  fakeClient({
    'runs.get': ({ runId }) => {
      if (!known.includes(runId)) throw new ApiError('not_found', `Run '${runId}' not found`);
      return makeRun(runId, { name: names[runId] ?? runId });
    },
  });

describe('compare store', () => {
  it('fetches each run in the order asked, and reports unknown ids', async () => {
    const { api } = server(['a', 'b']);
    const store = createCompareStore(api, ['b', 'nope', 'a', 'b']);
    await store.getState().load();
    expect(store.getState().runs.map((r) => r.info.run_id)).toEqual(['b', 'a']);
    expect(store.getState().unknown).toEqual(['nope']);
    expect(store.getState().status).toBe('ready');
  });

  it('compares at most 100 runs and says which were left out', () => {
    const ids = Array.from({ length: 103 }, (_, i) => `r${i}`);
    const store = createCompareStore(server(ids).api, ids);
    expect(store.getState().dropped).toEqual(['r100', 'r101', 'r102']);
  });

  it('turns other failures into an error', async () => {
    const { api } = fakeClient({ 'runs.get': () => { throw new ApiError('internal', 'Internal error'); } });
    const store = createCompareStore(api, ['a', 'b']);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'error', error: 'Internal error' });
  });

  it('re-reads compared runs when they change, throttled', async () => {
    vi.useFakeTimers();
    const names: Record<string, string> = { a: 'first' };
    const { api, calls, emit } = server(['a', 'b'], names);
    const store = createCompareStore(api, ['a', 'b'], { liveMs: 500 });
    await store.getState().load();
    const stop = store.getState().startLive();
    names.a = 'renamed';
    emit('runs.changed', { experimentIds: ['1'], runIds: ['a', 'other'] });
    emit('runs.changed', { experimentIds: ['1'], runIds: ['a'] });
    await vi.advanceTimersByTimeAsync(500);
    expect(calls.filter((c) => c.method === 'runs.get')).toHaveLength(3);
    expect(store.getState().runs[0]!.info.run_name).toBe('renamed');
    stop();
  });
});
