import { describe, expect, it, vi } from 'vitest';
import type { Run } from '../../../../shared/domain/tracking';
import { createRunsViewStore } from '../../../../renderer/state/runs-view-store';
import { prefsKey } from '../../../../renderer/state/runs-view-prefs';
import { makeRun } from '../components/runs-table/runs-fixtures';
import { asTablePage, asTableValues, fakeClient, flush, memoryStorage } from './runs-fake-client';

const runsOf = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => makeRun({ id: `${prefix}${i}`, metrics: { loss: i } }));

/** A search server over a fixed list: pages by offset tokens, `run_id IN (...)` honoured. */
function searchServer(all: () => Run[]) {
  return (method: string, input: { maxResults?: number; pageToken?: string; filter?: string; columns?: string[]; allColumns?: boolean }) => {
    if (method !== 'runs.searchTable' && method !== 'runs.searchTableValues') throw new Error(`unexpected ${method}`);
    let list = all();
    const inList = input.filter?.match(/run_id IN \(([^)]*)\)/);
    if (inList) {
      const ids = new Set([...inList[1]!.matchAll(/'([^']*)'/g)].map((m) => m[1]));
      list = list.filter((r) => ids.has(r.info.run_id));
    }
    const offset = Number(input.pageToken ?? 0);
    const size = input.maxResults ?? 1000;
    const page = list.slice(offset, offset + size);
    const next = offset + size < list.length ? String(offset + size) : undefined;
    return method === 'runs.searchTableValues' ? asTableValues(page, { columns: input.columns ?? [] }, next) : asTablePage(page, input, next);
  };
}

const setup = (all: Run[] | (() => Run[]), storage = memoryStorage()) => {
  const source = typeof all === 'function' ? all : () => all;
  const fake = fakeClient(searchServer(source) as never);
  const store = createRunsViewStore(fake.client, 'e1', { storage, refreshDelayMs: 5, filterDelayMs: 5 });
  return { fake, store, storage };
};

describe('runs view store: loading', () => {
  it('reads every page, showing the first (small) one before the rest arrive', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const all = runsOf(2500);
    const server = searchServer(() => all);
    const fake = fakeClient(((m: string, input: { pageToken?: string }) => (input.pageToken ? gate.then(() => server(m, input)) : server(m, input))) as never);
    const store = createRunsViewStore(fake.client, 'e1', { storage: null });
    store.getState().connect();
    await flush();
    expect(store.getState().runs).toHaveLength(100);
    expect(store.getState().status).toBe('more');
    release();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    expect(store.getState().runs.map((r) => r.id)).toEqual(all.map((r) => r.info.run_id));
    expect(fake.callsTo('runs.searchTable').map((c) => [c.maxResults, c.pageToken])).toEqual([[100, undefined], [2000, '100'], [2000, '2100']]);
    expect(fake.callsTo('runs.searchTable')[0]).toMatchObject({ experimentIds: ['e1'], viewType: 'ACTIVE_ONLY' });
  });

  it('sends the sort as MLflow order_by and the quick filters inside the filter', async () => {
    const { fake, store } = setup(runsOf(3));
    store.getState().connect();
    await flush();
    store.getState().setSort({ columnId: 'metrics.val loss', desc: true });
    store.getState().setStatusFilter('FAILED');
    store.getState().setLifecycle('deleted');
    await flush();
    const last = fake.callsTo('runs.searchTable').at(-1)!;
    expect(last).toMatchObject({ orderBy: ['metrics.`val loss` DESC'], filter: "attributes.status = 'FAILED'", viewType: 'DELETED_ONLY' });
  });

  it('reports a failed search and keeps what it had', async () => {
    let fail = false;
    const server = searchServer(() => runsOf(2));
    const fake = fakeClient(((m: string, i: never) => {
      if (fail) throw new Error('store is closed');
      return server(m, i);
    }) as never);
    const store = createRunsViewStore(fake.client, 'e1', { storage: null });
    store.getState().connect();
    await flush();
    fail = true;
    await store.getState().reload();
    expect(store.getState()).toMatchObject({ status: 'error', error: 'store is closed' });
    expect(store.getState().runs).toHaveLength(2);
  });
});

describe('runs view store: filter as you type', () => {
  it('never searches with a filter that does not parse, and says where it is wrong', async () => {
    const { fake, store } = setup(runsOf(3));
    store.getState().connect();
    await flush();
    const before = fake.callsTo('runs.searchTable').length;
    store.getState().setFilterText('metrics.loss < 0.5 and params.lr = 0.01');
    await flush(4);
    expect(fake.callsTo('runs.searchTable')).toHaveLength(before);
    expect(store.getState().filterError).toMatchObject({ offset: 35, length: 4 });
    store.getState().applyFilter(); // Enter does nothing either
    expect(fake.callsTo('runs.searchTable')).toHaveLength(before);
  });

  it('applies a valid filter after the typing pause, once', async () => {
    const { fake, store } = setup(runsOf(3));
    store.getState().connect();
    await flush();
    const before = fake.callsTo('runs.searchTable').length;
    for (const t of ['m', 'metrics.loss', 'metrics.loss < 1']) store.getState().setFilterText(t);
    await vi.waitFor(() => expect(fake.callsTo('runs.searchTable')).toHaveLength(before + 1));
    expect(fake.callsTo('runs.searchTable').at(-1)).toMatchObject({ filter: 'metrics.loss < 1' });
    expect(store.getState()).toMatchObject({ filterError: null, appliedFilter: 'metrics.loss < 1' });
  });

  it('applies a filter with OR, NOT and parentheses (Sextant beyond MLflow), and points at an unclosed one', async () => {
    const { fake, store } = setup(runsOf(3));
    store.getState().connect();
    await flush();
    const before = fake.callsTo('runs.searchTable').length;
    store.getState().setFilterText("(metrics.loss < 1 OR NOT params.opt = 'sgd'");
    await flush(4);
    expect(fake.callsTo('runs.searchTable')).toHaveLength(before);
    expect(store.getState().filterError).toMatchObject({ offset: 43, message: expect.stringMatching(/'\(' at character 1 is not closed/) });
    store.getState().setFilterText("(metrics.loss < 1 OR NOT params.opt = 'sgd')");
    await vi.waitFor(() => expect(fake.callsTo('runs.searchTable')).toHaveLength(before + 1));
    expect(fake.callsTo('runs.searchTable').at(-1)).toMatchObject({ filter: "((metrics.loss < 1 OR NOT params.opt = 'sgd'))" }); // bracketed whole, see composeFilter
  });
});

describe('runs view store: live refresh', () => {
  it('patches changed runs in place, coalescing a burst of events into one re-read', async () => {
    let all = runsOf(5);
    const { fake, store } = setup(() => all);
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    store.getState().toggleSelected('r2');
    store.getState().setPinned(['r3'], true);
    all = all.map((r) => (r.info.run_id === 'r2' ? makeRun({ id: 'r2', metrics: { loss: 99 } }) : r)).filter((r) => r.info.run_id !== 'r4');
    const before = fake.callsTo('runs.searchTable').length;
    for (let i = 0; i < 5; i++) fake.emit('runs.changed', { experimentIds: ['e1'], runIds: ['r2', 'r4'] });
    fake.emit('runs.changed', { experimentIds: ['other'], runIds: ['x'] });
    await vi.waitFor(() => expect(store.getState().runs).toHaveLength(4));
    const calls = fake.callsTo('runs.searchTable').slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.filter).toBe("attributes.run_id IN ('r2', 'r4')");
    expect(store.getState().runs.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(store.getState().runs[2]!.metrics.loss).toBe(99);
    expect([...store.getState().selected]).toEqual(['r2']);
    expect([...store.getState().pinned]).toEqual(['r3']);
  });

  it('re-reads everything when a new run appears or the sort may have moved', async () => {
    let all = runsOf(3);
    const { fake, store } = setup(() => all);
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    all = [makeRun({ id: 'new' }), ...all];
    fake.emit('runs.changed', { experimentIds: ['e1'], runIds: ['new'] });
    await vi.waitFor(() => expect(store.getState().runs[0]?.id).toBe('new'));

    store.getState().setSort({ columnId: 'metrics.loss', desc: true });
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    const before = fake.callsTo('runs.searchTable').length;
    fake.emit('runs.changed', { experimentIds: ['e1'], runIds: ['r1'] });
    await vi.waitFor(() => expect(fake.callsTo('runs.searchTable').length).toBe(before + 1));
    expect(fake.callsTo('runs.searchTable').at(-1)!.filter).toBeUndefined(); // a full read, not a patch
  });

  it('stops listening when disconnected', async () => {
    const { fake, store } = setup(runsOf(1));
    const stop = store.getState().connect();
    expect(fake.listenerCount('runs.changed')).toBe(1);
    stop();
    expect(fake.listenerCount('runs.changed')).toBe(0);
  });
});

describe('runs view store: choices and selection', () => {
  it('remembers the view per experiment and reads it back', async () => {
    const storage = memoryStorage();
    const { store } = setup(runsOf(2), storage);
    store.getState().setColumns(['metrics.loss', 'params.lr']);
    store.getState().setSort({ columnId: 'params.lr', desc: false });
    store.getState().setGroupBy('params.lr');
    store.getState().setPinned(['r1'], true);
    store.getState().setHidden(['r0'], true);
    store.getState().setFilterText('metrics.loss > 1');
    const again = setup(runsOf(2), storage).store.getState();
    expect(again).toMatchObject({ columns: ['metrics.loss', 'params.lr'], sort: { columnId: 'params.lr', desc: false }, groupBy: 'params.lr', filterText: 'metrics.loss > 1', appliedFilter: 'metrics.loss > 1' });
    expect([...again.pinned]).toEqual(['r1']);
    expect([...again.hidden]).toEqual(['r0']);
    expect(JSON.parse(storage.data.get(prefsKey('e1'))!).selected).toBeUndefined(); // selection is not a view choice
  });

  it('selects ranges with shift in the order shown, and hiding a run deselects it', () => {
    const { store } = setup(runsOf(6));
    const shown = ['r5', 'r4', 'r3', 'r2', 'r1', 'r0'];
    store.getState().toggleSelected('r4');
    store.getState().toggleSelected('r1', { shownIds: shown });
    expect([...store.getState().selected].sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
    store.getState().setHidden(['r2'], true);
    expect(store.getState().selected.has('r2')).toBe(false);
    store.getState().clearSelection();
    expect(store.getState().selected.size).toBe(0);
  });

  it('drops vanished runs from the selection after a full load', async () => {
    let all = runsOf(3);
    const { store } = setup(() => all);
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    store.getState().setSelected(['r0', 'r1']);
    all = all.slice(1);
    await store.getState().reload();
    expect([...store.getState().selected]).toEqual(['r1']);
  });
});

describe('runs view store: sweeps', () => {
  const sweep = () => [
    makeRun({ id: 'p1' }),
    makeRun({ id: 'p2' }),
    makeRun({ id: 'c1', tags: { 'mlflow.parentRunId': 'p1' } }),
    makeRun({ id: 'c2', tags: { 'mlflow.parentRunId': 'p2' } }),
    makeRun({ id: 'g1', tags: { 'mlflow.parentRunId': 'c2' } }),
  ];

  it('sorts a metric first the way its name says is better, and sends that to the server', async () => {
    const { fake, store } = setup(runsOf(2));
    store.getState().connect();
    await flush();
    store.getState().cycleSort('metrics.val_acc');
    expect(store.getState().sort).toEqual({ columnId: 'metrics.val_acc', desc: true });
    store.getState().cycleSort('metrics.val_acc');
    expect(store.getState().sort).toEqual({ columnId: 'metrics.val_acc', desc: false });
    store.getState().cycleSort('metrics.val_acc');
    expect(store.getState().sort).toBeNull();
    store.getState().cycleSort('metrics.val_loss');
    await store.getState().reload();
    expect(fake.callsTo('runs.searchTable').at(-1)).toMatchObject({ orderBy: ['metrics.`val_loss` ASC'] });
    expect(store.getState().runsOrder).toEqual({ columnId: 'metrics.val_loss', desc: false });
  });

  it('sorts every run already read in the app, reading none again; while pages are still coming, the server sorts', async () => {
    const { fake, store } = setup(runsOf(2500));
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    const reads = fake.callsTo('runs.searchTable').length;
    store.getState().setSort({ columnId: 'metrics.loss', desc: true });
    await flush();
    expect(fake.callsTo('runs.searchTable')).toHaveLength(reads);
    // put in the order the server would have answered (in steps: see setSort), none read again
    expect(store.getState()).toMatchObject({ sort: { columnId: 'metrics.loss', desc: true }, rowsSort: { columnId: 'metrics.loss', desc: true }, runsOrder: null, status: 'idle' });
    expect(store.getState().ordered!.of).toBe(store.getState().runs); // the runs as read stay as they were
    expect(store.getState().ordered!.runs.map((r) => r.metrics.loss)).toEqual(Array.from({ length: 2500 }, (_, i) => 2499 - i));

    store.getState().setStatusFilter('FINISHED'); // a new query: its pages come in
    expect(store.getState().status).toBe('loading');
    store.getState().setSort({ columnId: 'metrics.loss', desc: false });
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    expect(fake.callsTo('runs.searchTable').at(-1)).toMatchObject({ orderBy: ['metrics.`loss` ASC'] });
    expect(store.getState().runsOrder).toEqual({ columnId: 'metrics.loss', desc: false });
  });

  it('shows a new sort in the header at once and keeps the rows until they are put in order', async () => {
    const { store } = setup(runsOf(5));
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    store.getState().setSort({ columnId: 'metrics.loss', desc: false });
    expect(store.getState()).toMatchObject({ sort: { columnId: 'metrics.loss', desc: false }, rowsSort: null, ordered: null });
    store.getState().setSort({ columnId: 'metrics.loss', desc: true }); // a second click before the first is applied
    await flush();
    expect(store.getState().rowsSort).toEqual({ columnId: 'metrics.loss', desc: true });
    expect(store.getState().ordered!.runs.map((r) => r.id)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    store.getState().setSort(null); // back to the store's default: newest start first (then id)
    await flush();
    expect(store.getState().ordered!.runs.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  });

  it('remembers the last direction of a column whose name does not say, across restarts', () => {
    const storage = memoryStorage();
    const { store } = setup(runsOf(2), storage);
    store.getState().cycleSort('params.lr'); // ascending
    store.getState().cycleSort('params.lr'); // descending
    store.getState().cycleSort('metrics.loss'); // leaves lr while descending
    const again = setup(runsOf(2), storage).store;
    expect(again.getState().sortMemory).toEqual({ 'params.lr': true });
    again.getState().cycleSort('params.lr');
    expect(again.getState().sort).toEqual({ columnId: 'params.lr', desc: true });
    again.getState().cycleSort('params.lr');
    again.getState().cycleSort('params.lr');
    expect(again.getState().sort).toBeNull();
  });

  it('expands every parent, collapses them all, or sets exactly which', async () => {
    const { store } = setup(sweep());
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    store.getState().expandAll();
    expect([...store.getState().expanded].sort()).toEqual(['c2', 'p1', 'p2']);
    store.getState().collapseAll();
    expect(store.getState().expanded.size).toBe(0);
    store.getState().setExpanded(['p2']);
    expect([...store.getState().expanded]).toEqual(['p2']);
  });

  it('keeps the flat list per experiment', () => {
    const storage = memoryStorage();
    const { store } = setup(sweep(), storage);
    expect(store.getState().flat).toBe(false);
    store.getState().setFlat(true);
    expect(setup(sweep(), storage).store.getState().flat).toBe(true);
    const other = createRunsViewStore(fakeClient(searchServer(sweep) as never).client, 'e2', { storage });
    expect(other.getState().flat).toBe(false);
    const linked = createRunsViewStore(fakeClient(searchServer(sweep) as never).client, 'e1', { storage, initial: { flat: false, expanded: ['p2'] } });
    expect(linked.getState().flat).toBe(false);
    expect([...linked.getState().expanded]).toEqual(['p2']);
  });
});

describe('runs view store: the columns read', () => {
  const withColumns = (columns: string[]) => memoryStorage({ [prefsKey('e1')]: JSON.stringify({ columns }) });
  const runs = () => Array.from({ length: 3 }, (_, i) => makeRun({ id: `r${i}`, metrics: { loss: i, acc: 10 - i }, params: { opt: `o${i}` } }));

  it('reads the values of the shown columns only, and every key', async () => {
    const { fake, store } = setup(runs(), withColumns(['attributes.status', 'metrics.loss']));
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    expect(fake.callsTo('runs.searchTable')[0]).toMatchObject({ columns: ['metrics.loss'] });
    expect(store.getState().runs.map((r) => [r.metrics, r.params])).toEqual([[{ loss: 0 }, {}], [{ loss: 1 }, {}], [{ loss: 2 }, {}]]);
    expect(store.getState().runs[0]!.paramKeys).toEqual(['opt']);
  });

  it('reads only the missing column when one is added (merged into the rows by id), nothing when one is dropped', async () => {
    const { fake, store } = setup(runs(), withColumns(['metrics.loss']));
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    const reads = fake.callsTo('runs.searchTable').length;
    const kept = store.getState().runs;
    store.getState().setColumns(['metrics.loss', 'params.opt']);
    expect(store.getState().runs).toBe(kept); // the rows shown stay until the values are in
    await vi.waitFor(() => expect(store.getState().runs.map((r) => r.params)).toEqual([{ opt: 'o0' }, { opt: 'o1' }, { opt: 'o2' }]));
    expect(fake.callsTo('runs.searchTableValues')).toEqual([expect.objectContaining({ columns: ['params.opt'], experimentIds: ['e1'] })]);
    expect(fake.callsTo('runs.searchTableValues')[0]!.orderBy).toBeUndefined();
    expect(fake.callsTo('runs.searchTable')).toHaveLength(reads); // the runs are not read again
    expect(store.getState().runs.map((r) => r.metrics.loss)).toEqual([0, 1, 2]);
    expect(store.getState().loadedColumns).toEqual(['metrics.loss', 'params.opt']);
    store.getState().setColumns(['params.opt']);
    store.getState().setSort({ columnId: 'metrics.loss', desc: true }); // read already: ordered here
    await flush();
    expect(fake.callsTo('runs.searchTable')).toHaveLength(reads);
    expect(fake.callsTo('runs.searchTableValues')).toHaveLength(1);
  });

  it('a grouping by a column not read waits for its values, read once even when asked twice', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const server = searchServer(runs);
    const fake = fakeClient(((m: string, input: never) => (m === 'runs.searchTableValues' ? gate.then(() => server(m, input)) : server(m, input))) as never);
    const store = createRunsViewStore(fake.client, 'e1', { storage: withColumns(['metrics.loss']), refreshDelayMs: 5 });
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    store.getState().setGroupBy('metrics.acc');
    store.getState().setColumns(['metrics.loss', 'metrics.acc']);
    await flush();
    expect(store.getState().groupBy).toBe('metrics.acc');
    expect(store.getState().loadedColumns).toEqual(['metrics.loss']); // still missing: the table shows the grouping as busy
    expect(store.getState().runs.every((r) => !('acc' in r.metrics))).toBe(true);
    release();
    await vi.waitFor(() => expect(store.getState().loadedColumns).toEqual(['metrics.loss', 'metrics.acc']));
    expect(store.getState().runs.map((r) => r.metrics.acc)).toEqual([10, 9, 8]);
    expect(fake.callsTo('runs.searchTableValues')).toHaveLength(1);
  });

  it('a sort by a column not read shows in the header at once and orders the rows once its values are in', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const server = searchServer(runs);
    const fake = fakeClient(((m: string, input: never) => (m === 'runs.searchTableValues' ? gate.then(() => server(m, input)) : server(m, input))) as never);
    const store = createRunsViewStore(fake.client, 'e1', { storage: withColumns(['metrics.loss']), refreshDelayMs: 5 });
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    const reads = fake.callsTo('runs.searchTable').length;
    const sort = { columnId: 'metrics.acc', desc: false };
    store.getState().setSort(sort);
    await flush();
    expect(store.getState().sort).toEqual(sort);
    expect(store.getState().rowsSort).toBeNull(); // the rows keep their order until the values are in
    release();
    await vi.waitFor(() => expect(store.getState().rowsSort).toEqual(sort));
    expect(store.getState().ordered?.runs.map((r) => r.id)).toEqual(['r2', 'r1', 'r0']);
    expect(fake.callsTo('runs.searchTable')).toHaveLength(reads);
  });

  it('a full load started meanwhile wins over a column read (its older values are not merged)', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const server = searchServer(runs);
    const fake = fakeClient(((m: string, input: never) => (m === 'runs.searchTableValues' ? gate.then(() => server(m, input)) : server(m, input))) as never);
    const store = createRunsViewStore(fake.client, 'e1', { storage: withColumns(['metrics.loss']), refreshDelayMs: 5 });
    store.getState().connect();
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    store.getState().setColumns(['metrics.loss', 'params.opt']);
    await flush();
    store.getState().setStatusFilter('FINISHED'); // a new query, read with every wanted column
    await vi.waitFor(() => expect(store.getState().status).toBe('idle'));
    const afterLoad = store.getState().runs;
    expect(afterLoad.map((r) => r.params.opt)).toEqual(['o0', 'o1', 'o2']);
    release();
    await flush();
    expect(store.getState().runs).toBe(afterLoad);
  });
});
