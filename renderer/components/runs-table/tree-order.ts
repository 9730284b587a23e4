import { cellValue, columnFor, NAME_COLUMN, type Column } from './columns';
import { childAggregate, descendants } from './child-aggregates';
import type { RunNode } from './run-tree';
import { compareLikeServer, compareValues, isClientSort, type Sort } from './sorting';

/**
 * What a run sorts by: its own value, or, for a metric it does not have (a sweep's parent), the
 * best value among the runs nested under it, so the parent holding the best trial comes first.
 */
function rankValue(node: RunNode, col: Column, desc: boolean, now: number): string | number | null {
  const own = cellValue(node.record, col, now);
  const missing = own === null || (typeof own === 'number' && Number.isNaN(own));
  if (!missing || col.kind !== 'metric' || node.children.length === 0) return own;
  return childAggregate(descendants(node), col.key, { largest: desc, known: true })?.best ?? null;
}

/** Whether a stable sort by `compare` would leave `list` as it is. */
export function inOrder<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

/**
 * The run tree in the sort's order, done in the app on the loaded runs: siblings (children
 * inside their parent, and the roots) by their rank value, missing values last, ties in the
 * order they came; text compared as the server does when it sorted, naturally when the app did. Without a sort (or with a column it cannot read) the tree is as it was.
 */
export function orderTree(roots: readonly RunNode[], sort: Sort | null, now: number): RunNode[] {
  const col = !sort ? null : sort.columnId === NAME_COLUMN.id ? NAME_COLUMN : columnFor(sort.columnId);
  if (!sort || !col) return [...roots];
  // the server ordered what it could; ordering again the same way keeps that, placing the rest
  const compare = isClientSort(sort) ? compareValues : compareLikeServer;
  const order = (nodes: readonly RunNode[]): RunNode[] => {
    const keyed = nodes.map((node, i) => ({ node, i, v: rankValue(node, col, sort.desc, now) }));
    // the runs come in the sort's order (the server's, or the app's): with no parent ranked by
    // its nested runs out of place, nothing moves, and 50,000 siblings are not sorted again
    if (!inOrder(keyed, (x, y) => compare(x.v, y.v, sort.desc))) keyed.sort((x, y) => compare(x.v, y.v, sort.desc) || x.i - y.i);
    return keyed.map(({ node }) => (node.children.length ? { record: node.record, children: order(node.children) } : node));
  };
  return order(roots);
}
