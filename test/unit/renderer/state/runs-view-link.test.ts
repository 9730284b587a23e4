import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createRouteStore } from '../../../../renderer/state/route-store';
import { mirrorRunsViewToRoute } from '../../../../renderer/state/runs-view-link';
import type { RunsViewLink } from '../../../../renderer/state/runs-view-url';

const VIEW = {
  appliedFilter: '', filterText: '', sort: null, columns: null, groupBy: null as string | null, statusFilter: null, lifecycle: 'active',
  flat: false, selected: new Set<string>(), expanded: new Set<string>(), pinned: new Set<string>(),
};

function setup(hash: string) {
  const replaced: string[] = [];
  const listeners: (() => void)[] = [];
  const win = {
    location: { hash },
    history: { replaceState: (_s: unknown, _t: string, url: string) => { replaced.push(url); win.location.hash = url; } },
    addEventListener: (_n: string, cb: () => void) => listeners.push(cb),
  };
  const route = createRouteStore(win as never);
  const runs = createStore<typeof VIEW>()(() => ({ ...VIEW }));
  const opened: RunsViewLink[] = [];
  const stop = mirrorRunsViewToRoute(runs as never, route, '5', (v) => opened.push(v));
  const goTo = (h: string) => {
    win.location.hash = h;
    listeners.forEach((cb) => cb());
  };
  return { route, runs, replaced, opened, stop, goTo };
}

describe('the runs view mirrored into the address', () => {
  it('writes the view on open and after each linked change, not per keystroke or pin', () => {
    const { runs, replaced } = setup('#/experiments/5');
    expect(replaced).toEqual(['#/experiments/5?q=']);
    runs.setState({ filterText: 'metrics.a >' }); // typing: not applied yet
    runs.setState({ pinned: new Set(['r1']) }); // personal, not in links
    expect(replaced).toHaveLength(1);
    runs.setState({ appliedFilter: 'metrics.a > 1', selected: new Set(['r1']) });
    runs.setState({ groupBy: 'params.optimizer' });
    expect(replaced.slice(1)).toEqual(['#/experiments/5?q=metrics.a%20%3E%201&sel=r1', '#/experiments/5?q=metrics.a%20%3E%201&group=params.optimizer&sel=r1']);
  });

  it('hands over a view pasted into the address, but not its own', () => {
    const { opened, goTo } = setup('#/experiments/5');
    goTo('#/experiments/5?q=');
    expect(opened).toEqual([]);
    goTo('#/experiments/5?group=params.lr');
    expect(opened).toEqual([expect.objectContaining({ groupBy: 'params.lr' })]);
  });

  it('puts the view back when the same experiment is opened without one, and stays off other pages', () => {
    const { runs, replaced, goTo, stop } = setup('#/experiments/5?sort=metrics.a~desc');
    goTo('#/experiments/5');
    expect(replaced.at(-1)).toBe('#/experiments/5?q=');
    goTo('#/runs/abc');
    const count = replaced.length;
    runs.setState({ groupBy: 'params.x' });
    expect(replaced).toHaveLength(count);
    stop();
  });
});
