import { describe, expect, it } from 'vitest';
import { columnFor } from '../../../../../renderer/components/runs-table/columns';
import { buildDisplayRows, groupRowKey, shownRunIds, type DisplayInput, type DisplayRow } from '../../../../../renderer/components/runs-table/display-rows';
import { indexRun } from '../../../../../renderer/components/runs-table/run-values';
import { makeRun } from './runs-fixtures';

const records = [
  makeRun({ id: 'a', params: { lr: '0.1' }, metrics: { loss: 1 } }),
  makeRun({ id: 'b', params: { lr: '0.01' }, metrics: { loss: 4 } }),
  makeRun({ id: 'b1', params: { lr: '0.01' }, metrics: { loss: 2 }, tags: { 'mlflow.parentRunId': 'b' } }),
  makeRun({ id: 'c', params: { lr: '0.1' }, metrics: { loss: 3 } }),
].map(indexRun);

const input = (over: Partial<DisplayInput> = {}): DisplayInput => ({
  records,
  pinned: new Set(),
  hidden: new Set(),
  showHidden: false,
  onlyPinned: false,
  expanded: new Set(),
  groupBy: null,
  collapsedGroups: new Set(),
  metricKeys: ['loss'],
  sort: null,
  now: 0,
  flat: false,
  ...over,
});
const keys = (rows: DisplayRow[]) => rows.map((r) => (r.kind === 'run' ? `${'  '.repeat(r.depth)}${r.record.id}` : r.key));

describe('display rows', () => {
  it('nests children collapsed under their parent, with a count', () => {
    const rows = buildDisplayRows(input());
    expect(keys(rows)).toEqual(['a', 'b', 'c']);
    expect(rows[1]).toMatchObject({ kind: 'run', childCount: 1, expanded: false });
    expect(keys(buildDisplayRows(input({ expanded: new Set(['b']) })))).toEqual(['a', 'b', '  b1', 'c']);
  });

  it('puts pinned runs first, in table order', () => {
    expect(keys(buildDisplayRows(input({ pinned: new Set(['c', 'b']) })))).toEqual(['b', 'c', 'a']);
  });

  it('drops hidden runs unless asked to show them, and filters to pinned runs', () => {
    expect(keys(buildDisplayRows(input({ hidden: new Set(['a']) })))).toEqual(['b', 'c']);
    expect(keys(buildDisplayRows(input({ hidden: new Set(['a']), showHidden: true })))).toEqual(['a', 'b', 'c']);
    // the child alone is pinned: with its parent filtered out it shows at the top
    expect(keys(buildDisplayRows(input({ pinned: new Set(['b1', 'c']), onlyPinned: true })))).toEqual(['b1', 'c']);
  });

  it('groups with a summary row carrying min/max/mean per metric', () => {
    const rows = buildDisplayRows(input({ groupBy: columnFor('params.lr')!, expanded: new Set(['b']) }));
    expect(keys(rows)).toEqual([groupRowKey('0.01'), 'b', '  b1', groupRowKey('0.1'), 'a', 'c']);
    const g = rows[3]!;
    expect(g.kind === 'group' && g.aggregates.loss).toEqual({ min: 1, max: 3, mean: 2, count: 2 });
    expect(g.kind === 'group' && g.count).toBe(2);
  });

  it('collapses a group to its summary row', () => {
    const rows = buildDisplayRows(input({ groupBy: columnFor('params.lr')!, collapsedGroups: new Set([groupRowKey('0.1')]) }));
    expect(keys(rows)).toEqual([groupRowKey('0.01'), 'b', groupRowKey('0.1')]);
    expect(shownRunIds(rows)).toEqual(['b']);
  });

  it('gives a parent row its nested runs\' summary, and leaves leaves without one', () => {
    const rows = buildDisplayRows(input());
    const b = rows[1]!;
    expect(b.kind === 'run' && b.aggregates).toEqual({ loss: { min: 2, max: 2, mean: 2, count: 1, best: 2, bestId: 'b1', bestName: 'run-b1', bestKnown: true } });
    const a = rows[0]!;
    expect(a.kind === 'run' && a.aggregates).toBeNull();
  });

  it('lists every run as its own row when flat, in table order', () => {
    const rows = buildDisplayRows(input({ flat: true, expanded: new Set(['b']) }));
    expect(keys(rows)).toEqual(['a', 'b', 'b1', 'c']);
    expect(rows.every((r) => r.kind === 'run' && r.childCount === 0 && r.aggregates === null)).toBe(true);
    expect(keys(buildDisplayRows(input({ flat: true, pinned: new Set(['c']) })))).toEqual(['c', 'a', 'b', 'b1']);
  });

  it('orders by the sort inside parents and parents by their own value or their runs\' best', () => {
    const sweep = [
      makeRun({ id: 'p1', name: 'sweep-1' }),
      makeRun({ id: 'p2', name: 'sweep-2' }),
      makeRun({ id: 'p1a', metrics: { loss: 0.4 }, tags: { 'mlflow.parentRunId': 'p1' } }),
      makeRun({ id: 'p1b', metrics: { loss: 0.3 }, tags: { 'mlflow.parentRunId': 'p1' } }),
      makeRun({ id: 'p2a', metrics: { loss: 0.2 }, tags: { 'mlflow.parentRunId': 'p2' } }),
      makeRun({ id: 'p2b', metrics: { loss: 0.1 }, tags: { 'mlflow.parentRunId': 'p2' } }),
      makeRun({ id: 'solo', metrics: { loss: 0.25 } }),
    ].map(indexRun);
    const sort = { columnId: 'metrics.loss', desc: false };
    const rows = buildDisplayRows(input({ records: sweep, sort, expanded: new Set(['p1', 'p2']) }));
    expect(keys(rows)).toEqual(['p2', '  p2b', '  p2a', 'solo', 'p1', '  p1b', '  p1a']);
    const top = rows[0]!;
    expect(top.kind === 'run' && top.aggregates?.loss).toMatchObject({ best: 0.1, bestId: 'p2b' });
    expect(keys(buildDisplayRows(input({ records: sweep, sort: { ...sort, desc: true } })))).toEqual(['p1', 'solo', 'p2']);
  });
});
