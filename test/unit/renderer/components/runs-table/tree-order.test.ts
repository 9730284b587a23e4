import { describe, expect, it } from 'vitest';
import { buildRunTree, type RunNode } from '../../../../../renderer/components/runs-table/run-tree';
import { indexRun } from '../../../../../renderer/components/runs-table/run-values';
import { inOrder, orderTree } from '../../../../../renderer/components/runs-table/tree-order';
import { makeRun } from './runs-fixtures';

const parent = (id: string) => ({ 'mlflow.parentRunId': id });
// as the server returns a metric sort: runs with the metric first, parents (none) last
const records = [
  makeRun({ id: 'b2', metrics: { loss: 0.1 }, tags: parent('B') }),
  makeRun({ id: 'a1', metrics: { loss: 0.3 }, tags: parent('A') }),
  makeRun({ id: 'solo', metrics: { loss: 0.2 } }),
  makeRun({ id: 'a2', metrics: { loss: 0.15 }, tags: parent('A') }),
  makeRun({ id: 'b1', metrics: { loss: 0.9 }, tags: parent('B') }),
  makeRun({ id: 'b3', tags: parent('B') }),
  makeRun({ id: 'A', name: 'a', start: 2 }),
  makeRun({ id: 'B', name: 'b', start: 1 }),
  makeRun({ id: 'empty', name: 'c', start: 3 }),
].map(indexRun);

const shape = (nodes: RunNode[]): string[] => nodes.map((n) => (n.children.length ? `${n.record.id}(${shape(n.children).join(' ')})` : n.record.id));

describe('orderTree', () => {
  const tree = buildRunTree(records);

  it('puts the parent holding the best run first, its runs in order, missing values last', () => {
    expect(shape(orderTree(tree, { columnId: 'metrics.loss', desc: false }, 0))).toEqual(['B(b2 b1 b3)', 'A(a2 a1)', 'solo', 'empty']);
  });

  it('takes a parent\'s best the sort\'s way round', () => {
    expect(shape(orderTree(tree, { columnId: 'metrics.loss', desc: true }, 0))).toEqual(['B(b1 b2 b3)', 'A(a1 a2)', 'solo', 'empty']);
  });

  it('prefers a parent\'s own value to its runs\' best', () => {
    const own = [...records.filter((r) => r.id !== 'A'), indexRun(makeRun({ id: 'A', metrics: { loss: 0.05 } }))];
    expect(shape(orderTree(buildRunTree(own), { columnId: 'metrics.loss', desc: false }, 0))[0]).toBe('A(a2 a1)');
  });

  it('orders by other columns with each run\'s own value', () => {
    expect(shape(orderTree(tree, { columnId: 'attributes.run_name', desc: false }, 0))).toEqual(['A(a1 a2)', 'B(b1 b2 b3)', 'empty', 'solo']);
  });

  it('keeps the order it was given without a sort', () => {
    expect(shape(orderTree(tree, null, 0))).toEqual(shape(tree));
  });
});

describe('orderTree over a server sort', () => {
  it('keeps the server\'s order of text (binary), where a natural order would differ', () => {
    const lrs = ['0.001', '0.01', '0.05', '0.1', 'B', 'a'].map((lr) => indexRun(makeRun({ id: `lr${lr}`, params: { lr } })));
    const ordered = orderTree(buildRunTree(lrs), { columnId: 'params.lr', desc: false }, 0).map((n) => n.record.params.lr);
    expect(ordered).toEqual(['0.001', '0.01', '0.05', '0.1', 'B', 'a']);
  });

  it('orders text naturally when the app sorts (a key the server cannot take)', () => {
    const runs = ['run-10', 'run-9'].map((v) => indexRun(makeRun({ id: v, params: { 'odd"key': v } })));
    expect(orderTree(buildRunTree(runs), { columnId: 'params.odd"key', desc: false }, 0).map((n) => n.record.id)).toEqual(['run-9', 'run-10']);
  });
});

describe('inOrder', () => {
  const byNumber = (a: number, b: number) => a - b;
  it('is true only when a stable sort would move nothing (ties in place count as in order)', () => {
    expect(inOrder([], byNumber)).toBe(true);
    expect(inOrder([1, 2, 2, 3], byNumber)).toBe(true);
    expect(inOrder([1, 3, 2], byNumber)).toBe(false);
  });

  it('leaves runs already in the sort\'s order where they are, and still sorts those that are not', () => {
    const leaves = [3, 1, 2].map((v, i) => indexRun(makeRun({ id: `r${i}`, metrics: { loss: v } })));
    const sorted = orderTree(buildRunTree([leaves[1]!, leaves[2]!, leaves[0]!]), { columnId: 'metrics.loss', desc: false }, 0);
    expect(shape(sorted)).toEqual(['r1', 'r2', 'r0']);
    expect(shape(orderTree(buildRunTree(leaves), { columnId: 'metrics.loss', desc: false }, 0))).toEqual(['r1', 'r2', 'r0']);
  });
});
