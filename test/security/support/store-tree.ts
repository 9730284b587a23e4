import { expect } from 'vitest';
import { listTree } from './fs-watch';

const SEQ_FILE = /^(journal\/\d{16}\.log|snapshots\/\d{16}\.sqlite)$/;

/**
 * The store's directory tree, with journal segments and snapshots (whose names change when
 * the store checkpoints) left out after checking that they are named as the store names them.
 */
export function storeShape(storeDir: string): string[] {
  const all = listTree(storeDir);
  const seq = all.filter((p) => /^(journal|snapshots)\/./.test(p));
  expect(seq.filter((p) => !SEQ_FILE.test(p)), 'unexpected files in journal/ or snapshots/').toEqual([]);
  return all.filter((p) => !seq.includes(p));
}
