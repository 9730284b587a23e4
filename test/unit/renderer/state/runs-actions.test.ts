import { describe, expect, it, vi } from 'vitest';
import { createRunsViewStore } from '../../../../renderer/state/runs-view-store';
import { chunk, forEachLimited } from '../../../../renderer/state/runs-actions';
import { makeRun } from '../components/runs-table/runs-fixtures';
import { asTablePage, fakeClient, flush } from './runs-fake-client';

describe('bulk run actions', () => {
  const setup = (fail?: string) => {
    let runs = [makeRun({ id: 'a' }), makeRun({ id: 'b' }), makeRun({ id: 'c' })];
    const fake = fakeClient(((method: string, input: { runIds?: string[]; filter?: string; columns?: string[]; allColumns?: boolean }) => {
      if (method === fail) throw new Error(`${method} refused`);
      if (method === 'runs.delete' || method === 'runs.move') runs = runs.filter((r) => !input.runIds!.includes(r.info.run_id));
      if (method === 'runs.searchTable') {
        const ids = input.filter ? [...input.filter.matchAll(/'([^']*)'/g)].map((m) => m[1]) : null;
        return asTablePage(ids ? runs.filter((r) => ids.includes(r.info.run_id)) : runs, input);
      }
      if (method === 'runs.setTag' || method === 'runs.deleteTag') return runs[0];
      return { count: input.runIds?.length ?? 0 };
    }) as never);
    const store = createRunsViewStore(fake.client, 'e1', { storage: null, refreshDelayMs: 5 });
    return { fake, store };
  };

  it('deletes the given runs in one call, re-reads them and deselects them', async () => {
    const { fake, store } = setup();
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    store.getState().setSelected(['a', 'b', 'c']);
    expect(await store.getState().deleteRuns(['a', 'b'])).toBe(true);
    expect(fake.callsTo('runs.delete')).toEqual([{ runIds: ['a', 'b'] }]);
    expect(store.getState().runs.map((r) => r.id)).toEqual(['c']);
    expect([...store.getState().selected]).toEqual(['c']);
    expect(store.getState().busy).toBe(false);
  });

  it('moves runs in one call, re-reads the whole list (nested runs went too) and deselects them', async () => {
    const { fake, store } = setup();
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    store.getState().setSelected(['a', 'c']);
    const searches = fake.callsTo('runs.searchTable').length;
    expect(await store.getState().moveRuns(['a'], 'e2')).toBe(true);
    expect(fake.callsTo('runs.move')).toEqual([{ runIds: ['a'], experimentId: 'e2' }]);
    const reread = fake.callsTo('runs.searchTable').slice(searches);
    expect(reread.length).toBeGreaterThan(0);
    expect(reread.every((c) => !c.filter)).toBe(true); // the whole list, not the moved ids only
    expect(store.getState().runs.map((r) => r.id)).toEqual(['b', 'c']);
    expect([...store.getState().selected]).toEqual(['c']);
  });

  it('tags every run once, and reports a refusal as an action error', async () => {
    const { fake, store } = setup();
    expect(await store.getState().tagRuns(['a', 'b', 'c'], 'team', 'vision')).toBe(true);
    expect(fake.callsTo('runs.setTag').map((c) => c.runId).sort()).toEqual(['a', 'b', 'c']);
    expect(fake.callsTo('runs.setTag')[0]).toMatchObject({ key: 'team', value: 'vision' });

    const failing = setup('runs.restore');
    expect(await failing.store.getState().restoreRuns(['a'])).toBe(false);
    expect(failing.store.getState().actionError).toBe('runs.restore refused');
    failing.store.getState().clearActionError();
    expect(failing.store.getState().actionError).toBeNull();
  });

  it('runs at most `limit` calls at a time, and splits long lists', async () => {
    let inFlight = 0;
    let peak = 0;
    await forEachLimited(Array.from({ length: 20 }, (_, i) => String(i)), 3, async () => {
      peak = Math.max(peak, ++inFlight);
      await flush(1);
      inFlight--;
    });
    expect(peak).toBe(3);
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
