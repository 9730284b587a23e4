import { describe, expect, it } from 'vitest';
import { axisName, leadMetric, varyingParams } from '../../../../../renderer/components/charts/sweep-axes';
import { makeRun } from './fixtures';

const runs = [
  makeRun('a', { params: { lr: '0.1', seed: '42' }, metrics: { 'system/cpu': 1, val_loss: 2, acc: 0.1 } }),
  makeRun('b', { params: { lr: '0.01', seed: '42' }, metrics: { 'system/cpu': 2, val_loss: 1, acc: 0.2 } }),
];

describe('sweep axes', () => {
  it('names axes with their kind', () => {
    expect(axisName({ kind: 'param', key: 'lr' })).toBe('param · lr');
    expect(axisName({ kind: 'metric', key: 'val_loss' })).toBe('metric · val_loss');
  });

  it('keeps only the params that vary', () => {
    expect(varyingParams(runs).map((f) => f.key)).toEqual(['lr']);
  });

  it('leads with the sorted metric, else the first non-system metric', () => {
    expect(leadMetric(runs, 'val_loss')?.key).toBe('val_loss');
    expect(leadMetric(runs, null)?.key).toBe('acc');
    expect(leadMetric(runs, 'missing')?.key).toBe('acc');
    expect(leadMetric([makeRun('c', { metrics: { 'system/cpu': 1 } })])?.key).toBe('system/cpu');
    expect(leadMetric([])).toBeNull();
  });
});
