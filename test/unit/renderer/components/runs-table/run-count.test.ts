import { describe, expect, it } from 'vitest';
import { runCountText } from '../../../../../renderer/components/runs-table/run-count';
import { indexRun } from '../../../../../renderer/components/runs-table/run-values';
import { makeRun } from './runs-fixtures';

const under = (id: string) => ({ 'mlflow.parentRunId': id });
const sweep = [
  makeRun({ id: 'p1' }),
  makeRun({ id: 'p2' }),
  ...['a', 'b', 'c'].map((x) => makeRun({ id: `p1${x}`, tags: under('p1') })),
  ...['a', 'b'].map((x) => makeRun({ id: `p2${x}`, tags: under('p2') })),
].map(indexRun);
const plain = ['x', 'y', 'z'].map((id) => indexRun(makeRun({ id })));

describe('runCountText', () => {
  it('counts plain runs, and what is left out', () => {
    expect(runCountText({ total: 3, shown: plain, flat: false, onlyPinned: false })).toBe('3 runs');
    expect(runCountText({ total: 1, shown: plain.slice(0, 1), flat: false, onlyPinned: false })).toBe('1 run');
    expect(runCountText({ total: 3, shown: plain.slice(1), flat: false, onlyPinned: false })).toBe('2 shown of 3 runs');
  });

  it('says how many parents and how many runs in all for nested runs', () => {
    expect(runCountText({ total: 7, shown: sweep, flat: false, onlyPinned: false })).toBe('2 parent runs · 7 runs in all (5 nested)');
    expect(runCountText({ total: 10, shown: [...sweep, ...plain], flat: false, onlyPinned: false })).toBe('5 top-level runs (2 with nested runs) · 10 runs in all (5 nested)');
    expect(runCountText({ total: 9, shown: sweep, flat: false, onlyPinned: false })).toBe('2 parent runs · 7 runs in all (5 nested) · 2 hidden');
    expect(runCountText({ total: 9, shown: sweep, flat: false, onlyPinned: true })).toBe('2 parent runs · 7 runs in all (5 nested) · pinned only, of 9 runs');
  });

  it('counts every run as a row when flat', () => {
    expect(runCountText({ total: 7, shown: sweep, flat: true, onlyPinned: false })).toBe('7 runs');
  });
});
