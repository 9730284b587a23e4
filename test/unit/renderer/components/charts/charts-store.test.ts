import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../../renderer/api/client';
import { createChartsStore } from '../../../../../renderer/components/charts/charts-store';
import type { Input } from '../../../../../shared/ipc/contract';
import { fakeClient, makeSeries } from './fixtures';

type SeriesInput = Input<'metrics.series'>;

/** metrics.series over fake runs: each run has 10 points of every key; a step range cuts them. */
function seriesServer() {
  return fakeClient({
    'metrics.series': (input: SeriesInput) =>
      input.runIds.map((id) => {
        const s = makeSeries(id, input.key, Array.from({ length: 10 }, (_, i) => i));
        const keep = s.steps.map((st) => st >= (input.minStep ?? -Infinity) && st <= (input.maxStep ?? Infinity));
        return { ...s, steps: s.steps.filter((_, i) => keep[i]), timestamps: s.timestamps.filter((_, i) => keep[i]), values: s.values.filter((_, i) => keep[i]) };
      }),
  });
}
const seriesCalls = (calls: { method: string; input: unknown }[]) => calls.filter((c) => c.method === 'metrics.series').map((c) => c.input as SeriesInput);

afterEach(() => vi.useRealTimers());

describe('charts store', () => {
  it('loads a metric for the shown runs once, asking for the given number of points', async () => {
    const { api, calls } = seriesServer();
    const store = createChartsStore(api);
    store.getState().setRuns(['a', 'b']);
    await Promise.all([store.getState().ensure('loss', 1200), store.getState().ensure('loss', 1200)]);
    await store.getState().ensure('loss', 1200);
    expect(seriesCalls(calls)).toEqual([{ runIds: ['a', 'b'], key: 'loss', maxPoints: 1200 }]);
    const line = store.getState().lines.loss!;
    expect(line.status).toBe('ready');
    expect(Object.keys(line.overview)).toEqual(['a', 'b']);
  });

  it('fetches only the runs added later, and drops runs no longer shown', async () => {
    const { api, calls } = seriesServer();
    const store = createChartsStore(api);
    store.getState().setRuns(['a']);
    await store.getState().ensure('loss', 400);
    store.getState().setRuns(['a', 'c']);
    await store.getState().ensure('loss', 400);
    expect(seriesCalls(calls).map((c) => c.runIds)).toEqual([['a'], ['c']]);
    store.getState().setRuns(['c']);
    expect(Object.keys(store.getState().lines.loss!.overview)).toEqual(['c']);
  });

  it('fetches runs added while a load is in flight once it is done', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const server = seriesServer();
    const { api, calls } = fakeClient({
      'metrics.series': async (input: SeriesInput) => {
        await gate;
        return (await server.api.call('metrics.series', input)) as never;
      },
    });
    const store = createChartsStore(api);
    store.getState().setRuns(['a']);
    const first = store.getState().ensure('loss', 400);
    store.getState().setRuns(['a', 'b']);
    const second = store.getState().ensure('loss', 400);
    release();
    await Promise.all([first, second]);
    expect(seriesCalls(calls).map((c) => c.runIds)).toEqual([['a'], ['b']]);
    expect(Object.keys(store.getState().lines.loss!.overview).sort()).toEqual(['a', 'b']);
  });

  it('asks in calls of at most 100 runs', async () => {
    const { api, calls } = seriesServer();
    const store = createChartsStore(api);
    store.getState().setRuns(Array.from({ length: 150 }, (_, i) => `r${i}`));
    await store.getState().ensure('loss', 400);
    expect(seriesCalls(calls).map((c) => c.runIds.length)).toEqual([100, 50]);
    expect(Object.keys(store.getState().lines.loss!.overview)).toHaveLength(150);
  });

  it('re-reads a zoomed step range at full resolution, and forgets it on reset', async () => {
    const { api, calls } = seriesServer();
    const store = createChartsStore(api);
    store.getState().setRuns(['a']);
    await store.getState().ensure('loss', 400);
    await store.getState().zoom('loss', { x: [3, 5], steps: [2, 6] });
    expect(seriesCalls(calls).at(-1)).toEqual({ runIds: ['a'], key: 'loss', maxPoints: 400, minStep: 2, maxStep: 6 });
    expect(store.getState().lines.loss!.detail.a!.steps).toEqual([2, 3, 4, 5, 6]);
    await store.getState().zoom('loss', null);
    expect(store.getState().lines.loss!).toMatchObject({ zoom: null, detail: {} });
  });

  it('resets zoom when the x-axis mode changes', async () => {
    const { api } = seriesServer();
    const store = createChartsStore(api);
    store.getState().setRuns(['a']);
    await store.getState().ensure('loss', 400);
    await store.getState().zoom('loss', { x: [3, 5], steps: [2, 6] });
    store.getState().setSettings({ smoothing: 0.5 });
    expect(store.getState().lines.loss!.zoom).not.toBeNull();
    store.getState().setSettings({ xMode: 'wall' });
    expect(store.getState().lines.loss!.zoom).toBeNull();
    expect(store.getState().settings).toMatchObject({ xMode: 'wall', smoothing: 0.5 });
  });

  it('keeps an error per chart', async () => {
    const { api } = fakeClient({ 'metrics.series': () => { throw new ApiError('not_found', 'no such run'); } });
    const store = createChartsStore(api);
    store.getState().setRuns(['x']);
    await store.getState().ensure('loss', 400);
    expect(store.getState().lines.loss).toMatchObject({ status: 'error', error: 'no such run' });
  });

  it('follows metrics.appended: throttled re-reads of the loaded lines of shown runs, and new keys', async () => {
    vi.useFakeTimers();
    const { api, calls, emit, listenerCount } = seriesServer();
    const store = createChartsStore(api, { liveMs: 1000 });
    const stop = store.getState().startLive();
    store.getState().setRuns(['a', 'b']);
    await store.getState().ensure('loss', 400);
    const before = seriesCalls(calls).length;

    emit('metrics.appended', { runId: 'a', keys: ['loss', 'val/acc'] });
    emit('metrics.appended', { runId: 'a', keys: ['loss'] });
    emit('metrics.appended', { runId: 'zzz', keys: ['loss'] }); // not shown: ignored
    expect(store.getState().liveKeys).toEqual(['val/acc']);
    expect(seriesCalls(calls)).toHaveLength(before);

    await vi.advanceTimersByTimeAsync(1000);
    expect(seriesCalls(calls).slice(before)).toEqual([{ runIds: ['a'], key: 'loss', maxPoints: 400 }]);

    stop();
    expect(listenerCount()).toBe(0);
  });

  it('collapses system metrics by default and toggles sections', () => {
    const store = createChartsStore(fakeClient({}).api);
    expect(store.getState().collapsed.system).toBe(true);
    store.getState().toggleSection('train');
    expect(store.getState().collapsed.train).toBe(true);
  });
});
