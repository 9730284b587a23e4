import { describe, expect, it } from 'vitest';
import type { ArtifactEntry } from '../../../../electron/sync/artifact-transfer';
import { listRemoteTree } from '../../../../electron/sync/pull-artifact-tree';
import { limited } from '../../../../electron/sync/pool';

/** A fake artifact proxy over a folder tree; counts requests and the most in flight. */
function fakeRemote(tree: Record<string, ArtifactEntry[]>, fail?: string) {
  let inFlight = 0;
  const stats = { requests: 0, maxInFlight: 0 };
  const list = async (path: string): Promise<ArtifactEntry[]> => {
    stats.requests++;
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 1));
    inFlight--;
    if (path === fail) throw new Error(`listing ${path} failed`);
    return tree[path] ?? [];
  };
  return { list, stats };
}

const f = (path: string, size: number): ArtifactEntry => ({ path, isDir: false, size });
const d = (path: string): ArtifactEntry => ({ path, isDir: true });

describe('listRemoteTree', () => {
  const tree = {
    '1/r/artifacts': [f('1/r/artifacts/a.txt', 3), d('1/r/artifacts/model'), d('1/r/artifacts/plots')],
    '1/r/artifacts/model': [d('1/r/artifacts/model/data'), f('1/r/artifacts/model/MLmodel', 10)],
    '1/r/artifacts/model/data': [f('1/r/artifacts/model/data/w.bin', 100)],
    '1/r/artifacts/plots': [f('1/r/artifacts/plots/loss.png', 20), f('1/r/artifacts/plots/acc.png', 21)],
  };

  it('answers every file with its path below the root, sorted, one request per folder', async () => {
    const remote = fakeRemote(tree);
    expect(await listRemoteTree(remote.list, '1/r/artifacts', limited(8))).toEqual([
      { path: 'a.txt', size: 3 },
      { path: 'model/MLmodel', size: 10 },
      { path: 'model/data/w.bin', size: 100 },
      { path: 'plots/acc.png', size: 21 },
      { path: 'plots/loss.png', size: 20 },
    ]);
    expect(remote.stats.requests).toBe(4);
  });

  it('lists the folders of a level side by side, never more than the slots allow', async () => {
    const wide: Record<string, ArtifactEntry[]> = { root: Array.from({ length: 10 }, (_, i) => d(`root/d${i}`)) };
    for (let i = 0; i < 10; i++) wide[`root/d${i}`] = [f(`root/d${i}/x`, i)];
    const remote = fakeRemote(wide);
    expect(await listRemoteTree(remote.list, 'root', limited(3))).toHaveLength(10);
    expect(remote.stats.maxInFlight).toBe(3);
  });

  it('an empty or missing folder has no files', async () => {
    expect(await listRemoteTree(fakeRemote({}).list, '1/r/artifacts', limited(2))).toEqual([]);
  });

  it('fails as a whole when one folder cannot be listed (a partial listing would look like deletions)', async () => {
    const remote = fakeRemote(tree, '1/r/artifacts/plots');
    await expect(listRemoteTree(remote.list, '1/r/artifacts', limited(8))).rejects.toThrow(/listing 1\/r\/artifacts\/plots failed/);
  });

  it('refuses an entry outside the root, and stops when cancelled', async () => {
    await expect(listRemoteTree(fakeRemote({ root: [f('elsewhere/x', 1)] }).list, 'root', limited(2))).rejects.toThrow(/listed 'elsewhere\/x' outside the artifact folder 'root'/);
    const stop = new AbortController();
    stop.abort();
    await expect(listRemoteTree(fakeRemote(tree).list, '1/r/artifacts', limited(2), stop.signal)).rejects.toThrow();
  });
});
