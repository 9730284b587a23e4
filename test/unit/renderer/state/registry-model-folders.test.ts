import { describe, expect, it } from 'vitest';
import type { FileInfo } from '../../../../shared/domain/tracking';
import { findModelFolders, loggedModelSource, runSource } from '../../../../renderer/state/registry-model-folders';

/** A run's artifact tree as `artifacts.list` answers it: paths relative to the run's root. */
function lister(paths: string[]) {
  const listed: string[] = [];
  const list = async (dir: string): Promise<FileInfo[]> => {
    listed.push(dir);
    const prefix = dir ? `${dir}/` : '';
    const children = new Map<string, boolean>();
    for (const p of paths) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length).split('/');
      children.set(prefix + rest[0], rest.length > 1 || (children.get(prefix + rest[0]) ?? false));
    }
    return [...children].map(([path, is_dir]) => ({ path, is_dir }));
  };
  return { list, listed };
}

describe('findModelFolders', () => {
  it('finds every folder with an MLmodel file, shallow ones first', async () => {
    const { list } = lister(['model/MLmodel', 'model/model.pkl', 'exports/v2/clf/MLmodel', 'plots/roc.png', 'notes.txt', 'exports/readme.md']);
    expect(await findModelFolders(list)).toEqual(['model', 'exports/v2/clf']);
  });

  it('finds a model saved at the artifact root', async () => {
    const { list } = lister(['MLmodel', 'model.pkl']);
    expect(await findModelFolders(list)).toEqual(['']);
  });

  it('ignores files that only look like MLmodel', async () => {
    const { list } = lister(['a/MLmodel.bak', 'b/not_MLmodel']);
    expect(await findModelFolders(list)).toEqual([]);
  });

  it('stops at the depth and listing limits', async () => {
    const deep = lister(['a/b/c/d/e/f/MLmodel']);
    expect(await findModelFolders(deep.list, { maxDepth: 3, maxListings: 100 })).toEqual([]);
    expect(await findModelFolders(deep.list, { maxDepth: 6, maxListings: 100 })).toEqual(['a/b/c/d/e/f']);
    const wide = lister(Array.from({ length: 50 }, (_, i) => `d${i}/x/file`));
    await findModelFolders(wide.list, { maxDepth: 5, maxListings: 10 });
    expect(wide.listed).toHaveLength(10);
  });
});

describe('sources', () => {
  it('builds runs:/ and models:/ URIs', () => {
    expect(runSource('abc', 'model')).toBe('runs:/abc/model');
    expect(runSource('abc', '')).toBe('runs:/abc');
    expect(loggedModelSource('m-123')).toBe('models:/m-123');
  });
});
