import { describe, expect, it } from 'vitest';
import { chartedRuns, chartedRunsCaption, inTableOrder, withHiddenChildren } from '../../../../../renderer/components/runs-table/charted-runs';
import { indexRun } from '../../../../../renderer/components/runs-table/run-values';
import { makeRun } from './runs-fixtures';

const records = ['a', 'b', 'c', 'd'].map((id) => indexRun(makeRun({ id, metrics: id === 'b' ? {} : { loss: 1 } })));
const many = Array.from({ length: 15 }, (_, i) => indexRun(makeRun({ id: `r${i}`, metrics: { loss: i } })));
const ids = (c: { ids: string[] }) => c.ids;

describe('charted runs', () => {
  it('charts the selection in table order, else the pinned runs', () => {
    const shown = ['d', 'c', 'b', 'a'];
    const sel = chartedRuns(records, shown, new Set(['a', 'c']), new Set(['d']));
    expect([ids(sel), sel.basis]).toEqual([['c', 'a'], 'selected']);
    const pinned = chartedRuns(records, shown, new Set(), new Set(['a', 'd']));
    expect([ids(pinned), pinned.basis]).toEqual([['d', 'a'], 'pinned']);
    expect(chartedRunsCaption(pinned)).toBe('Charting the 2 runs pinned in the table.');
  });

  it('otherwise charts the first ten shown runs that have metrics, and says so', () => {
    const first = chartedRuns(records, ['a', 'b', 'c', 'd'], new Set(), new Set());
    expect(ids(first)).toEqual(['a', 'c', 'd']); // b has no metrics
    expect(ids(chartedRuns(many, many.map((r) => r.id), new Set(), new Set()))).toHaveLength(10);
    expect(chartedRunsCaption(first)).toMatch(/^Charting the first 3 runs with metrics, in table order\. Select or pin/);
  });

  it('puts members of a set that the table does not show (collapsed, grouped away) after the shown ones', () => {
    expect(inTableOrder(new Set(['x', 'b', 'a']), ['a', 'b'])).toEqual(['a', 'b', 'x']);
  });

  it('charts as many of the first runs as asked for, and says how many of how many', () => {
    const shown = many.map((r) => r.id);
    const first = chartedRuns(many, shown, new Set(), new Set(), 10);
    expect(ids(first)).toEqual(shown.slice(0, 10));
    expect(chartedRunsCaption(first)).toMatch(/^Charting the first 10 of 15 runs with metrics, in table order\./);
    const more = chartedRuns(many, shown, new Set(), new Set(), 25);
    expect(ids(more)).toEqual(shown);
    expect(chartedRunsCaption(more)).toMatch(/^Charting the first 15 runs with metrics/);
    // a selection is charted whatever the count
    expect(ids(chartedRuns(many, shown, new Set(shown.slice(0, 12)), new Set(), 10))).toHaveLength(12);
  });

  it("counts a collapsed parent's nested runs where the parent is (a sweep's parents log no metrics)", () => {
    const child = (id: string, parent: string) => indexRun(makeRun({ id, metrics: { loss: 1 }, tags: { 'mlflow.parentRunId': parent } }));
    const nested = [indexRun(makeRun({ id: 'p1', metrics: {} })), indexRun(makeRun({ id: 'p2', metrics: {} })), child('c1', 'p1'), child('c2', 'p2'), child('c3', 'p1'), child('g1', 'c3')];
    expect(withHiddenChildren(nested, ['p2', 'p1'])).toEqual(['p2', 'c2', 'p1', 'c1', 'c3', 'g1']);
    expect(ids(chartedRuns(nested, ['p2', 'p1'], new Set(), new Set(), 3))).toEqual(['c2', 'c1', 'c3']);
    // an expanded parent: its shown children keep their own place
    expect(withHiddenChildren(nested, ['p1', 'c3', 'c1'])).toEqual(['p1', 'c3', 'g1', 'c1']);
  });
});
