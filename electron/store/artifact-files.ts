import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { invalidParam, notFound } from '../../shared/domain/mlflow-error';
import type { FileInfo } from '../../shared/domain/tracking';
import { fsyncDir } from './durable-fs';

/**
 * Artifact bytes under the store's artifacts/ folder. Paths given here are already confined
 * (artifact-paths.ts). Uploads stream to a temp file that is fsynced and renamed into place,
 * so a reader never sees half a file and an acknowledged upload survives a crash.
 */
export async function writeArtifact(path: string, body: Readable): Promise<void> {
  const tmp = `${path}.upload-${process.pid}-${Date.now()}`;
  try {
    await mkdir(dirname(path), { recursive: true });
    if ((await stat(path).catch(() => null))?.isDirectory()) throw collision(path, 'a folder with that name exists');
    await pipeline(body, createWriteStream(tmp));
    const fh = await open(tmp, 'r+');
    await fh.sync();
    await fh.close();
    await rename(tmp, path);
    fsyncDir(dirname(path));
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined); // may not exist, or sit below a file
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENOENT') throw collision(path, 'a file stands where a folder is needed, or a folder where the file goes');
    throw err;
  }
}

const collision = (path: string, why: string) => invalidParam(`Cannot write artifact '${path.split('/').slice(-2).join('/')}': ${why}.`);

export async function openArtifact(path: string): Promise<{ stream: ReadStream; size: number }> {
  const st = await stat(path).catch(() => null);
  if (!st || !st.isFile()) throw notFound(`Artifact not found: ${path.split('/').slice(-3).join('/')}`);
  return { stream: createReadStream(path), size: st.size };
}

/** Directory entries (basenames); empty for a missing path or a file, as MLflow answers. */
export async function listArtifactDir(path: string): Promise<FileInfo[]> {
  const st = await stat(path).catch(() => null);
  if (!st || !st.isDirectory()) return [];
  const names = (await readdir(path)).filter((n) => !n.includes('.upload-')).sort();
  const out: FileInfo[] = [];
  for (const name of names) {
    const s = await lstat(join(path, name));
    if (s.isSymbolicLink()) continue; // never follow links out of the store
    out.push(s.isDirectory() ? { path: name, is_dir: true } : { path: name, is_dir: false, file_size: s.size });
  }
  return out;
}

export async function deleteArtifact(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}
