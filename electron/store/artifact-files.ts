import { createWriteStream } from 'node:fs';
import { lstat, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { invalidParam } from '../../shared/domain/mlflow-error';
import { fsyncDir, mkdirDurably } from './durable-fs';

/**
 * Plain file primitives of the artifact store (artifacts/artifact-store.ts, the only caller
 * outside tests): bytes under the store's artifacts/ folder. Paths given here are already confined
 * (artifact-paths.ts). Uploads stream to a temp file in the store's uploads/ folder that is
 * fsynced and renamed into place (new folders on the way fsynced too), so a reader never sees
 * half a file, an acknowledged upload survives a crash, and a killed upload leaves nothing
 * behind after the next open. Options: `seal`, an encrypted store's seal stream the bytes pass
 * through on their way to the temp file; `label`, the artifact's plaintext path for errors
 * (its file may have a sealed name).
 */
export async function writeArtifact(path: string, body: Readable, tmpDir: string, opts: { seal?: Transform; label?: string } = {}): Promise<void> {
  const label = opts.label ?? path;
  const tmp = join(tmpDir, `put-${randomUUID()}`); // same filesystem as the store; cleared when the store opens
  try {
    await mkdirDurably(dirname(path));
    if ((await stat(path).catch(() => null))?.isDirectory()) throw collision(label, 'a folder with that name exists');
    if (opts.seal) await pipeline(body, opts.seal, createWriteStream(tmp));
    else await pipeline(body, createWriteStream(tmp));
    const fh = await open(tmp, 'r+');
    await fh.sync();
    await fh.close();
    await rename(tmp, path);
    fsyncDir(dirname(path));
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined); // may not exist, or sit below a file
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENOENT') throw collision(label, 'a file stands where a folder is needed, or a folder where the file goes');
    throw err;
  }
}

const collision = (path: string, why: string) => invalidParam(`Cannot write artifact '${path.split('/').slice(-2).join('/')}': ${why}.`);

/** Deletes a file or folder; once this resolves, the deletion survives a crash. */
export async function deleteArtifact(path: string): Promise<void> {
  if (!(await lstat(path).catch(() => null))) return;
  await rm(path, { recursive: true, force: true });
  fsyncDir(dirname(path));
}
