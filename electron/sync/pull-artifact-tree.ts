import type { ArtifactEntry } from './artifact-transfer';
import type { CallOptions } from './remote-context';
import type { RemoteFile } from './pull-artifact-plan';

/** Lists one folder of the remote's artifact proxy (RemoteClient.listArtifacts). */
export type ListFolder = (remotePath: string, opts?: CallOptions) => Promise<ArtifactEntry[]>;

/** Runs a task when a request slot is free (pool.ts `limited`), shared by every listing of a pull. */
export type Slots = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Every file below `root` on the remote, with paths relative to `root`, sorted. MLflow lists one
 * folder per request (there is no recursive listing), so the folders of a level are listed side by
 * side, each request waiting for a slot. Resolves only with the complete tree: a failed or
 * cancelled listing rejects, so a file missing from an answer always means deleted on the remote.
 */
export async function listRemoteTree(list: ListFolder, root: string, slots: Slots, signal?: AbortSignal): Promise<RemoteFile[]> {
  const files: RemoteFile[] = [];
  const prefix = `${root}/`;
  let level = [root];
  while (level.length) {
    const settled = await Promise.allSettled(level.map((dir) => slots(() => {
      signal?.throwIfAborted();
      return list(dir, { signal });
    })));
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason; // after every listing of the level ended: nothing runs on behind the caller
    level = [];
    for (const entry of settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []))) {
      if (!entry.path.startsWith(prefix)) throw new Error(`the remote listed '${entry.path}' outside the artifact folder '${root}'`);
      if (entry.isDir) level.push(entry.path);
      else files.push({ path: entry.path.slice(prefix.length), size: entry.size ?? 0 });
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
