import type { RunRecord } from './run-values';

export interface RunNode {
  record: RunRecord;
  children: RunNode[];
}

/**
 * Nests runs under their parent (tag `mlflow.parentRunId`). A run whose parent is not among
 * `records` (filtered out, other experiment) stays at the top; so do runs caught in a parent
 * cycle. Roots and children keep the order of `records`.
 */
export function buildRunTree(records: readonly RunRecord[]): RunNode[] {
  const nodes = new Map<string, RunNode>();
  for (const r of records) if (!nodes.has(r.id)) nodes.set(r.id, { record: r, children: [] });

  const reachesRoot = (r: RunRecord): boolean => {
    const seen = new Set<string>([r.id]);
    let parent = r.parentId;
    while (parent !== null) {
      const p = nodes.get(parent);
      if (!p) return true;
      if (seen.has(parent)) return false;
      seen.add(parent);
      parent = p.record.parentId;
    }
    return true;
  };

  const roots: RunNode[] = [];
  for (const r of records) {
    const node = nodes.get(r.id)!;
    if (node.record !== r) continue; // duplicate id: first one wins
    const parent = r.parentId !== null && r.parentId !== r.id ? nodes.get(r.parentId) : undefined;
    if (parent && reachesRoot(r)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** How many runs sit under a node, at any depth. */
export function descendantCount(node: RunNode): number {
  let n = 0;
  for (const c of node.children) n += 1 + descendantCount(c);
  return n;
}

/** Of the `moving` runs, how many have a parent among `records` that is not moving with them. */
export function leavingTheirParent(records: readonly RunRecord[], moving: ReadonlySet<string>): number {
  const present = new Set(records.map((r) => r.id));
  return records.filter((r) => moving.has(r.id) && r.parentId !== null && present.has(r.parentId) && !moving.has(r.parentId)).length;
}
