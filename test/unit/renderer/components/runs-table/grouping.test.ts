import { describe, expect, it } from 'vitest';
import { columnFor } from '../../../../../renderer/components/runs-table/columns';
import { aggregate, formatAggregate, groupAggregates, groupRecords, lazyGroupAggregates } from '../../../../../renderer/components/runs-table/grouping';
import { indexRun } from '../../../../../renderer/components/runs-table/run-values';
import { makeRun } from './runs-fixtures';

describe('group aggregates', () => {
  it('computes min, max and mean', () => {
    expect(aggregate([1, 2, 6])).toEqual({ min: 1, max: 6, mean: 3, count: 3 });
  });

  it('leaves NaN out, counts infinities for min/max but not the mean', () => {
    expect(aggregate([NaN, 4, 2])).toEqual({ min: 2, max: 4, mean: 3, count: 2 });
    expect(aggregate([Infinity, 1, 3, -Infinity])).toEqual({ min: -Infinity, max: Infinity, mean: 2, count: 4 });
    const onlyInf = aggregate([Infinity]);
    expect(onlyInf?.mean).toBeNaN();
    expect(aggregate([NaN])).toBeNull();
    expect(aggregate([])).toBeNull();
  });

  it('aggregates each metric over the runs that have it', () => {
    const recs = [makeRun({ id: 'a', metrics: { loss: 1, acc: 'NaN' } }), makeRun({ id: 'b', metrics: { loss: 3 } })].map(indexRun);
    const agg = groupAggregates(recs, ['loss', 'acc', 'none']);
    expect(agg.loss).toEqual({ min: 1, max: 3, mean: 2, count: 2 });
    expect(agg.acc).toBeNull();
    expect(agg.none).toBeNull();
    expect(formatAggregate(agg.loss!)).toBe('min 1 · mean 2 · max 3');
  });

  it('the lazy aggregates equal the eager ones, and read only the metrics asked for, once', () => {
    const recs = [
      makeRun({ id: 'a', metrics: { loss: 1, acc: 0.5, lr: Infinity } }),
      makeRun({ id: 'b', metrics: { loss: 3, acc: 'NaN' } }),
      makeRun({ id: 'c', metrics: { acc: 0.7, lr: 2 } }),
    ].map(indexRun);
    const keys = ['loss', 'acc', 'lr', 'none'];
    expect(lazyGroupAggregates(recs, keys)).toEqual(groupAggregates(recs, keys));
    // count the reads of each metric of each run
    const reads = new Map<string, number>();
    const counted = recs.map((r) => ({
      ...r,
      metrics: new Proxy(r.metrics, { get: (t, k) => (typeof k === 'string' && reads.set(k, (reads.get(k) ?? 0) + 1), Reflect.get(t, k)) }),
    }));
    const lazy = lazyGroupAggregates(counted, keys);
    expect(reads.size).toBe(0);
    expect(lazy.loss).toEqual({ min: 1, max: 3, mean: 2, count: 2 });
    expect(lazy.loss).toEqual({ min: 1, max: 3, mean: 2, count: 2 });
    expect([...reads]).toEqual([['loss', 3]]);
    expect(Object.keys(lazy)).toEqual(keys);
  });
});

describe('groupRecords', () => {
  const recs = [
    makeRun({ id: 'a', params: { lr: '0.1' } }),
    makeRun({ id: 'b', params: { lr: '0.01' } }),
    makeRun({ id: 'c' }),
    makeRun({ id: 'd', params: { lr: '0.1' } }),
    makeRun({ id: 'e', params: { lr: '1e-3' } }),
  ].map(indexRun);

  it('orders numeric groups numerically, the runs without a value last, and keeps run order inside', () => {
    const groups = groupRecords(recs, columnFor('params.lr')!);
    expect(groups.map((g) => g.value)).toEqual(['1e-3', '0.01', '0.1', null]);
    expect(groups[2]!.records.map((r) => r.id)).toEqual(['a', 'd']);
  });

  it('orders text groups alphabetically and groups by attributes too', () => {
    const byUser = [makeRun({ id: 'x', user: 'zoe' }), makeRun({ id: 'y', user: 'al' }), makeRun({ id: 'z', user: 'zoe' })].map(indexRun);
    const groups = groupRecords(byUser, columnFor('attributes.user_id')!);
    expect(groups.map((g) => [g.value, g.records.length])).toEqual([['al', 1], ['zoe', 2]]);
  });
});
