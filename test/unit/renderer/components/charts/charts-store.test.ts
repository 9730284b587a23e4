import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../../renderer/api/client';
import { createChartsStore } from '../../../../../renderer/components/charts/charts-store';
import type { Input } from '../../../../../shared/ipc/contract';
import { memoryStorage } from '../../state/runs-fake-client';
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

describe('charts store settings kept per scope', () => {
  it('starts a store of the same scope (the charts mounted again after a tab switch) from the last choices, zoom excepted', async () => {
    const storage = memoryStorage();
    const { api } = seriesServer();
    const first = createChartsStore(api, { scope: 'experiment:1', storage });
    first.getState().setRuns(['a']);
    await first.getState().ensure('loss', 400);
    first.getState().setSettings({ xMode: 'relative', logY: true, smoothing: 0.6, ignoreOutliers: true });
    first.getState().setFilter('loss');
    first.getState().toggleSection('system');
    first.getState().toggleSection('val');
    await first.getState().zoom('loss', { x: [1, 2], steps: [1, 2] });

    const again = createChartsStore(api, { scope: 'experiment:1', storage });
    expect(again.getState().settings).toEqual({ xMode: 'relative', logY: true, smoothing: 0.6, ignoreOutliers: true });
    expect(again.getState().filter).toBe('loss');
    expect(again.getState().collapsed).toEqual({ system: false, val: true });
    expect(again.getState().lines).toEqual({}); // zoom and lines start afresh
  });

  it('keeps the charts added by hand: added, changed and removed', () => {
    const storage = memoryStorage();
    const { api } = seriesServer();
    const store = createChartsStore(api, { scope: 'experiment:1', storage });
    store.getState().addPanel('val_loss');
    store.getState().addPanel('acc');
    const [first, second] = store.getState().panels;
    store.getState().updatePanel(first!.id, { metrics: ['val_loss', 'train_loss'], xMetric: 'lr', logY: true });
    store.getState().removePanel(second!.id);
    const again = createChartsStore(api, { scope: 'experiment:1', storage });
    expect(again.getState().panels).toEqual([{ ...first, metrics: ['val_loss', 'train_loss'], xMetric: 'lr', logY: true }]);
  });

  it('keeps each scope its own, and keeps nothing without a scope', () => {
    const storage = memoryStorage();
    const { api } = seriesServer();
    createChartsStore(api, { scope: 'run:a', storage }).getState().setSettings({ logY: true });
    expect(createChartsStore(api, { scope: 'run:b', storage }).getState().settings.logY).toBe(false);
    expect(createChartsStore(api, { scope: 'run:a', storage }).getState().settings.logY).toBe(true);

    const before = storage.data.size;
    createChartsStore(api, { storage }).getState().setFilter('x');
    expect(storage.data.size).toBe(before);
    expect(createChartsStore(api, { storage }).getState().filter).toBe('');
  });

  it('writes only when a kept choice changes, not on every line loaded', async () => {
    const storage = memoryStorage();
    const writes = vi.fn(storage.setItem);
    const { api } = seriesServer();
    const store = createChartsStore(api, { scope: 'experiment:1', storage: { getItem: storage.getItem, setItem: writes } });
    store.getState().setRuns(['a', 'b']);
    await store.getState().ensure('loss', 400);
    expect(writes).not.toHaveBeenCalled();
    store.getState().setSettings({ smoothing: 0.3 });
    expect(writes).toHaveBeenCalledTimes(1);
  });
});
