import { describe, expect, it } from 'vitest';
import { mergedLines, spliceDetail, stepRangeForWindow, windowFromPercent, xExtent } from '../../../../../renderer/components/charts/series-merge';
import { makeSeries } from './fixtures';

describe('splicing a zoomed range into the overview', () => {
  const overview = { ...makeSeries('a', 'k', [0, 10, 20, 30, 40]), steps: [0, 25, 50, 75, 100] };
  const detail = { ...makeSeries('a', 'k', [1, 2, 3]), steps: [40, 50, 60] };

  it('keeps overview points outside [lo, hi] and puts the detail inside', () => {
    const out = spliceDetail(overview, detail, 40, 60);
    expect(out.steps).toEqual([0, 25, 40, 50, 60, 75, 100]);
    expect(out.values).toEqual([0, 10, 1, 2, 3, 30, 40]);
  });

  it('returns the overview unchanged without detail', () => {
    expect(spliceDetail(overview, undefined, 40, 60)).toBe(overview);
  });

  it('merges per run, only for the runs asked for', () => {
    const line = { overview: { a: overview, b: makeSeries('b', 'k', [1]) }, detail: { a: detail }, zoom: { steps: [40, 60] as [number, number] } };
    const out = mergedLines(line, ['a']);
    expect(Object.keys(out)).toEqual(['a']);
    expect(out.a!.steps).toHaveLength(7);
    expect(mergedLines(undefined, ['a'])).toEqual({});
  });
});

describe('windows and step ranges', () => {
  it('converts a percentage window into x values', () => {
    expect(windowFromPercent([100, 300], 25, 50)).toEqual([150, 200]);
  });

  it('finds the x extent in each mode', () => {
    const a = makeSeries('a', 'k', [1, 2, 3], { start: 10_000 });
    expect(xExtent([a], 'step', {})).toEqual([0, 2]);
    expect(xExtent([a], 'wall', {})).toEqual([10_000, 12_000]);
    expect(xExtent([a], 'relative', { a: 9_000 })).toEqual([1, 3]);
    expect(xExtent([], 'step', {})).toBeNull();
  });

  it('reads the step range of a window plus one point on each side, so lines reach the edges', () => {
    const a = makeSeries('a', 'k', Array.from({ length: 11 }, (_, i) => i)); // steps 0..10
    expect(stepRangeForWindow([a], 'step', {}, [3.5, 6.5])).toEqual([3, 7]);
    expect(stepRangeForWindow([a], 'step', {}, [-5, 50])).toEqual([0, 10]);
  });

  it('takes the union over runs in relative time, where runs started at different times', () => {
    const a = makeSeries('a', 'k', [0, 0, 0, 0, 0], { start: 0 }); // t = 0..4 s
    const b = { ...makeSeries('b', 'k', [0, 0, 0, 0, 0], { firstStep: 100 }), timestamps: [0, 1000, 2000, 3000, 4000] }; // steps 100..104, t = 0..4 s
    const range = stepRangeForWindow([a, b], 'relative', { a: 0, b: 0 }, [1.5, 2.5]);
    expect(range).toEqual([1, 103]);
  });
});
