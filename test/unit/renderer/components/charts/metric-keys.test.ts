import { describe, expect, it } from 'vitest';
import { groupByPrefix, keyPrefix, metricKeys } from '../../../../../renderer/components/charts/metric-keys';
import { makeRun } from './fixtures';

describe('metric keys and sections', () => {
  it('collects keys from all runs and live keys, without duplicates, in natural order', () => {
    const runs = [makeRun('a', { metrics: { 'train/loss_10': 1, 'train/loss_2': 1 } }), makeRun('b', { metrics: { 'train/loss_2': 3, acc: 1 } })];
    expect(metricKeys(runs, ['val/loss'])).toEqual(['acc', 'train/loss_2', 'train/loss_10', 'val/loss']);
  });

  it('takes the prefix before the first slash only', () => {
    expect(keyPrefix('train/a/b')).toBe('train');
    expect(keyPrefix('loss')).toBe('');
    expect(keyPrefix('/odd')).toBe('');
  });

  it('groups by prefix, un-prefixed keys first as "Metrics"', () => {
    const sections = groupByPrefix(['val/loss', 'system/cpu', 'loss', 'train/loss', 'train/acc', 'acc']);
    expect(sections.map((s) => [s.label, s.keys])).toEqual([
      ['Metrics', ['acc', 'loss']],
      ['system/', ['system/cpu']],
      ['train/', ['train/acc', 'train/loss']],
      ['val/', ['val/loss']],
    ]);
    expect(sections[0]!.prefix).toBe('');
  });
});
