import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../../renderer/components/charts/chart-types';
import { joinByStep, metricXLines } from '../../../../../renderer/components/charts/metric-x';
import { makeSeries } from './fixtures';

describe('a metric against another metric', () => {
  it('pairs the values logged at the same step, in step order, skipping steps only one has and non-finite values', () => {
    const x = makeSeries('r', 'train_loss', [5, 4, null, 2, 1]); // steps 0..4
    const y = { ...makeSeries('r', 'val_loss', [9, 8, 7, 6], { firstStep: 2 }) }; // steps 2..5
    expect(joinByStep(x, y)).toEqual({ steps: [3, 4], timestamps: [3000, 4000], x: [2, 1], y: [8, 7] });
  });

  it('uses the nearest step of a downsampled x within one of its gaps', () => {
    const x = { runId: 'r', key: 'x', total: 100, steps: [0, 10, 20], timestamps: [0, 1, 2], values: [1, 2, 3] };
    const y = { runId: 'r', key: 'y', total: 3, steps: [0, 9, 35], timestamps: [0, 1, 2], values: [7, 8, 9] };
    expect(joinByStep(x, y).x).toEqual([1, 2]); // step 35 is beyond a gap from 20
    // not downsampled: exact steps only
    expect(joinByStep({ ...x, total: 3 }, y).x).toEqual([1]);
  });

  it('makes a line per run that has both, with log-safe and smoothed values', () => {
    const runs = [{ id: 'a', name: 'a', color: '#000' }, { id: 'b', name: 'b', color: '#111' }];
    const xs = { a: makeSeries('a', 'x', [1, 2, 3]) };
    const ys = { a: makeSeries('a', 'y', [0, 10, 20]), b: makeSeries('b', 'y', [1]) };
    const lines = metricXLines(runs, xs, ys, { ...DEFAULT_SETTINGS, logY: true, smoothing: 0.5 });
    expect(lines.map((l) => l.run.id)).toEqual(['a']);
    expect(lines[0]!.raw).toEqual([null, 10, 20]);
    expect(lines[0]!.smooth).toHaveLength(3);
  });
});
