import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../../shared/domain/mlflow-error';
import type { FileInfo } from '../../shared/domain/tracking';
import { artifactSegments } from '../store/artifact-paths';
import { artifactsOf, ensureLocalArtifact, listArtifactFolder } from '../services/artifacts-service';
import type { ServiceContext } from '../services/service-context';

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
  /** The private folder (0700) holding the model's files. */
  dir: string;
  files: number;
  bytes: number;
  /** Removes the folder and everything in it. */
  remove(): Promise<void>;
}

/**
 * Writes a model folder of the store into a new private temp folder (0700, files 0600), reading
 * every file through the store's artifact API (an encrypted store's files are sealed on disk;
 * lazily pulled files are downloaded first). The folder must hold an MLmodel file.
 */
export async function materializeModel(ctx: ServiceContext, artifactPath: string, opts: { tempRoot?: string; signal?: AbortSignal; log?: (line: string) => void } = {}): Promise<MaterializedModel> {
  const files = await listModelFiles(ctx, artifactPath);
  if (!files.some((f) => f.path === 'MLmodel')) throw notFound(`No MLmodel file at ${artifactPath}: this is not a model folder.`);
  const dir = await mkdtemp(join(opts.tempRoot ?? tmpdir(), 'sextant-model-'));
  await chmod(dir, 0o700);
  const remove = () => rm(dir, { recursive: true, force: true });
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

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
