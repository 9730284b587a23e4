import { describe, expect, it } from 'vitest';
import { createRouteStore } from '../../../../renderer/state/route-store';

function fakeWindow(hash: string) {
  const listeners: (() => void)[] = [];
  const replaced: string[] = [];
  const win = {
    location: { hash },
    history: { replaceState: (_s: unknown, _t: string, url: string) => { replaced.push(url); win.location.hash = url; } },
    addEventListener: (_name: string, cb: () => void) => listeners.push(cb),
  };
  return { win, replaced, hashChange: () => listeners.forEach((cb) => cb()) };
}

describe('route store', () => {
  it('opens the view a link carries and rewrites the address in place as the view changes', () => {
    const { win, replaced } = fakeWindow('#/experiments/3?group=params.optimizer');
    const store = createRouteStore(win as never);
    expect(store.getState().route).toMatchObject({ page: 'experiment', experimentId: '3', view: { groupBy: 'params.optimizer' } });
    const view = { filterText: 'metrics.a > 1', sort: null, columns: null, groupBy: null, statusFilter: null, lifecycle: 'active' as const, flat: false, selected: [], expanded: [] };
    store.getState().replace({ page: 'experiment', experimentId: '3', view });
    expect(replaced).toEqual(['#/experiments/3?q=metrics.a%20%3E%201']);
    expect(store.getState().route).toEqual({ page: 'experiment', experimentId: '3', view });
    store.getState().replace({ page: 'experiment', experimentId: '3', view });
    expect(replaced).toHaveLength(1); // the same address is not written again
  });

  it('follows hash changes', () => {
    const { win, hashChange } = fakeWindow('#/');
    const store = createRouteStore(win as never);
    win.location.hash = '#/runs/abc';
    hashChange();
    expect(store.getState().route).toEqual({ page: 'run', runId: 'abc' });
  });
});
