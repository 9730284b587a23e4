import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../../shared/domain/mlflow-error';
import type { FileInfo } from '../../shared/domain/tracking';
import { formatBytes } from '../jobs/progress-line';
import { artifactSegments } from '../store/artifact-paths';
import { artifactsOf, ensureLocalArtifact, listArtifactFolder } from '../services/artifacts-service';
import type { ServiceContext } from '../services/service-context';
import { makeOwnedTempFolder, removeOrphanedFolders } from '../temp-folders';

/** Every file of a model folder in the store, paths relative to it ('/'-separated). */
export async function listModelFiles(ctx: ServiceContext, artifactPath: string): Promise<FileInfo[]> {
  const out: FileInfo[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const f of await listArtifactFolder(ctx, rel ? `${artifactPath}/${rel}` : artifactPath)) {
      const path = rel ? `${rel}/${f.path}` : f.path;
      if (f.is_dir) await walk(path);
      else out.push({ ...f, path });
    }
  };
  await walk('');
  return out;
}

/** One small file of a model folder as text, or null when it is not there. */
export async function readModelFile(ctx: ServiceContext, artifactPath: string, name: string, maxBytes = 8 * 1024 * 1024): Promise<string | null> {
  const path = `${artifactPath}/${artifactSegments(name).join('/')}`;
  const store = artifactsOf(ctx);
  const ref = await ensureLocalArtifact(ctx, path).catch(() => null);
  if (!ref || !(await store.stat(ref))?.isFile) return null;
  const { size, stream } = await store.open(ref);
  if (size > maxBytes) {
    stream.destroy();
    return null;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface MaterializedModel {
  /** The model folder, inside a private folder (0700) of its own. */
  dir: string;
  files: number;
  bytes: number;
  /** Removes the folder and everything in it. */
  remove(): Promise<void>;
}

const TEMP_PREFIX = 'sextant-model-';

/**
 * Writes a model folder of the store into a new private temp folder (0700, files 0600), reading
 * every file through the store's artifact API (an encrypted store's files are sealed on disk;
 * lazily pulled files are downloaded first). The folder must hold an MLmodel file. Folders left
 * by a process that was killed (its pid in owner.pid is gone) are removed first.
 */
export async function materializeModel(ctx: ServiceContext, artifactPath: string, opts: { tempRoot?: string; signal?: AbortSignal; log?: (line: string) => void } = {}): Promise<MaterializedModel> {
  const tempRoot = opts.tempRoot ?? tmpdir();
  await removeOrphanedFolders(tempRoot, TEMP_PREFIX);
  const files = await listModelFiles(ctx, artifactPath);
  if (!files.some((f) => f.path === 'MLmodel')) throw notFound(`No MLmodel file at ${artifactPath}: this is not a model folder.`);
  const outer = makeOwnedTempFolder(tempRoot, TEMP_PREFIX);
  const dir = join(outer, 'model');
  await mkdir(dir, { mode: 0o700 });
  const remove = () => rm(outer, { recursive: true, force: true });
  let bytes = 0;
  try {
    const store = artifactsOf(ctx);
    for (const f of files) {
      opts.signal?.throwIfAborted();
      const segs = artifactSegments(f.path);
      const ref = await ensureLocalArtifact(ctx, `${artifactPath}/${segs.join('/')}`);
      const target = join(dir, ...segs);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      const { size, stream } = await store.open(ref);
      await pipeline(stream, createWriteStream(target, { mode: 0o600, flags: 'wx' }));
      bytes += size;
    }
  } catch (err) {
    await remove();
    throw err;
  }
  opts.log?.(`model files: ${files.length} (${formatBytes(bytes)}) in ${dir}`);
  return { dir, files: files.length, bytes, remove };
}

