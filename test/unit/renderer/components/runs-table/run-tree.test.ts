import { describe, expect, it } from 'vitest';
import { buildRunTree, descendantCount, leavingTheirParent, type RunNode } from '../../../../../renderer/components/runs-table/run-tree';
import { indexRun } from '../../../../../renderer/components/runs-table/run-values';
import { makeRun } from './runs-fixtures';

const child = (id: string, parent: string) => makeRun({ id, tags: { 'mlflow.parentRunId': parent } });
const shape = (nodes: RunNode[]): unknown => nodes.map((n) => (n.children.length ? { [n.record.id]: shape(n.children) } : n.record.id));

describe('nested runs', () => {
  it('puts children under their parent, keeping the order of the list', () => {
    const recs = [child('c2', 'p'), makeRun({ id: 'p' }), child('c1', 'p'), child('g', 'c1'), makeRun({ id: 'q' })].map(indexRun);
    const tree = buildRunTree(recs);
    expect(shape(tree)).toEqual([{ p: ['c2', { c1: ['g'] }] }, 'q']);
    expect(descendantCount(tree[0]!)).toBe(3);
  });

  it('keeps a run whose parent is not loaded at the top', () => {
    expect(shape(buildRunTree([child('c', 'missing'), makeRun({ id: 'x' })].map(indexRun)))).toEqual(['c', 'x']);
  });

  it('survives parent cycles and self-parents without losing runs', () => {
    const recs = [child('a', 'b'), child('b', 'a'), child('s', 's')].map(indexRun);
    const ids = (nodes: RunNode[]): string[] => nodes.flatMap((n) => [n.record.id, ...ids(n.children)]);
    expect(ids(buildRunTree(recs)).sort()).toEqual(['a', 'b', 's']);
  });

  it('counts the moving runs whose parent stays behind', () => {
    const recs = [
      makeRun({ id: 'p' }),
      makeRun({ id: 'c1', tags: { 'mlflow.parentRunId': 'p' } }),
      makeRun({ id: 'c2', tags: { 'mlflow.parentRunId': 'p' } }),
      makeRun({ id: 'o', tags: { 'mlflow.parentRunId': 'elsewhere' } }),
    ].map(indexRun);
    expect(leavingTheirParent(recs, new Set(['c1', 'o']))).toBe(1); // o's parent is not here to leave
    expect(leavingTheirParent(recs, new Set(['p', 'c1']))).toBe(0); // the parent moves too
  });
});
