import { buildRunTree } from './run-tree';
import type { RunRecord } from './run-values';

export interface RunCountInput {
  /** Every run the query matched (loaded so far). */
  total: number;
  /** Those that make rows (hidden ones and, with "only pinned", unpinned ones left out). */
  shown: readonly RunRecord[];
  flat: boolean;
  onlyPinned: boolean;
}

const n = (x: number) => x.toLocaleString();
const plural = (x: number, word: string) => `${n(x)} ${word}${x === 1 ? '' : 's'}`;

/**
 * What the count over the table says, so it is plain what the rows are: "52 runs", "21 shown
 * of 52 runs", or for nested runs "4 parent runs · 52 runs in all (48 nested)", with what was
 * left out ("· 3 hidden", "· pinned only, of 60 runs").
 */
export function runCountText({ total, shown, flat, onlyPinned }: RunCountInput): string {
  const tree = flat ? null : buildRunTree(shown);
  const roots = tree ? tree.length : shown.length;
  const nested = shown.length - roots;
  if (!tree || nested === 0) return shown.length === total ? plural(total, 'run') : `${n(shown.length)} shown of ${plural(total, 'run')}`;
  const parents = tree.filter((node) => node.children.length > 0).length;
  const head = parents === roots ? plural(parents, 'parent run') : `${plural(roots, 'top-level run')} (${n(parents)} with nested runs)`;
  const text = `${head} · ${plural(shown.length, 'run')} in all (${n(nested)} nested)`;
  if (shown.length === total) return text;
  return onlyPinned ? `${text} · pinned only, of ${plural(total, 'run')}` : `${text} · ${n(total - shown.length)} hidden`;
}
