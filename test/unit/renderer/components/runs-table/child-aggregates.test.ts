import { describe, expect, it } from 'vitest';
import { bestRule, childAggregate, describeChildAggregate, descendants, nodeAggregates } from '../../../../../renderer/components/runs-table/child-aggregates';
import { buildRunTree } from '../../../../../renderer/components/runs-table/run-tree';
import { indexRun } from '../../../../../renderer/components/runs-table/run-values';
import { makeRun } from './runs-fixtures';

const parent = (id: string) => ({ 'mlflow.parentRunId': id });
const records = [
  makeRun({ id: 'p', name: 'sweep' }),
  makeRun({ id: 'c1', name: 'trial-1', metrics: { val_loss: 0.5, val_acc: 0.7 }, tags: parent('p') }),
  makeRun({ id: 'c2', name: 'trial-2', metrics: { val_loss: 0.25, val_acc: 0.9 }, tags: parent('p') }),
  makeRun({ id: 'c3', name: 'trial-3', metrics: { val_loss: 'NaN', val_acc: 0.8 }, tags: parent('p') }),
  // nested one level deeper: still under p
  makeRun({ id: 'g1', name: 'trial-3a', metrics: { val_loss: 0.125, lr: 3 }, tags: parent('c3') }),
].map(indexRun);

describe('a parent\'s summary of its nested runs', () => {
  const [root] = buildRunTree(records);

  it('walks every nested run, any depth, parents before their runs', () => {
    expect(descendants(root!).map((r) => r.id)).toEqual(['c1', 'c2', 'c3', 'g1']);
  });

  it('takes the best by the sort when sorted by the metric, else by its name, else the smallest', () => {
    expect(bestRule('val_loss', null)).toEqual({ largest: false, known: true });
    expect(bestRule('val_acc', null)).toEqual({ largest: true, known: true });
    expect(bestRule('lr', null)).toEqual({ largest: false, known: false });
    expect(bestRule('val_loss', { columnId: 'metrics.val_loss', desc: true })).toEqual({ largest: true, known: true });
    expect(bestRule('lr', { columnId: 'metrics.lr', desc: false })).toEqual({ largest: false, known: true });
    expect(bestRule('val_acc', { columnId: 'metrics.val_loss', desc: false })).toEqual({ largest: true, known: true });
  });

  it('gives min, max, mean and the best run, leaving NaN out', () => {
    const aggs = nodeAggregates(root!, ['val_loss', 'val_acc', 'missing'], null);
    expect(aggs.val_loss).toEqual({ min: 0.125, max: 0.5, mean: (0.5 + 0.25 + 0.125) / 3, count: 3, best: 0.125, bestId: 'g1', bestName: 'trial-3a', bestKnown: true });
    expect(aggs.val_acc).toMatchObject({ best: 0.9, bestId: 'c2', min: 0.7, max: 0.9, count: 3 });
    expect(aggs.missing).toBeNull();
    expect(nodeAggregates(root!, ['val_loss'], { columnId: 'metrics.val_loss', desc: true }).val_loss).toMatchObject({ best: 0.5, bestId: 'c1' });
  });

  it('is null when no run has a value that counts', () => {
    expect(childAggregate(records.slice(3, 4), 'val_loss', { largest: false, known: true })).toBeNull();
  });

  it('says it all in the tooltip', () => {
    const agg = childAggregate(records, 'val_loss', { largest: false, known: true })!;
    expect(describeChildAggregate(agg)).toBe('best 0.125 (trial-3a) · mean 0.291667 · 0.125–0.5 · 3 nested runs');
    // a metric whose better side is not known: the smallest, called that
    const lr = childAggregate(records, 'lr', { largest: false, known: false })!;
    expect(describeChildAggregate(lr)).toBe('min 3 (trial-3a) · mean 3 · 3–3 · 1 nested run');
  });
});
