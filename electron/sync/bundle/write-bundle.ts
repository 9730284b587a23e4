import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncDir } from '../../store/durable-fs';
import { BodyWriter } from './body-writer';
import type { BundleCatalog, BundleManifest, Part } from './bundle-catalog';
import { FRAME, FrameWriter } from './bundle-frames';
import { encodeHeader } from './bundle-header';
import { toBundleJson } from './bundle-json';
import { newBundleKey, type DEFAULT_KDF } from './bundle-key';

export interface BundleContent {
  manifest: BundleManifest;
  catalog: BundleCatalog;
  /** The bytes of a part, exactly as many as the catalog says. */
  partData(part: Part): AsyncIterable<Buffer>;
}

export interface WriteBundleOptions {
  passphrase?: string;
  /** scrypt cost (tests use a cheap one); the default is strong. */
  kdfCost?: { logN: number; r: number; p: number } | typeof DEFAULT_KDF;
  signal?: AbortSignal;
  /** Part bytes written, as they go. */
  onBytes?(n: number): void;
  /** Before each part. */
  onPart?(part: Part, index: number): void;
}

const partName = (p: Part) => (p.kind === 'series' ? `history '${p.key}' of run ${p.runId}` : p.kind === 'artifact' ? `artifact '${p.path}' of run ${p.runId}` : `artifact '${p.path}' of logged model ${p.modelId}`);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes temp files that exports of `path` killed midway left beside it (their process is gone). */
async function removeLeftovers(path: string): Promise<void> {
  const prefix = `.${basename(path)}.partial-`;
  for (const name of await readdir(dirname(path)).catch(() => [] as string[])) {
    const pid = name.startsWith(prefix) ? Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) await rm(join(dirname(path), name), { force: true });
  }
}

/**
 * Writes a bundle to `path` so that it is there whole or not at all: into a temp file beside it
 * (`.<name>.partial-<pid>-…`, hidden; the next export of that file removes it once its process is
 * gone), fsynced, then renamed over `path` (and the folder fsynced). A failure or cancel removes the
 * temp file. Returns the file's size.
 */
export async function writeBundle(path: string, content: BundleContent, opts: WriteBundleOptions = {}): Promise<number> {
  await removeLeftovers(path);
  const tmp = join(dirname(path), `.${basename(path)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fh = await open(tmp, 'wx', 0o600);
  let size: number;
  try {
    const bundleKey = opts.passphrase !== undefined ? await newBundleKey(opts.passphrase, opts.kdfCost) : null;
    const header = encodeHeader(bundleKey?.encryption ?? null);
    const out = new BodyWriter(fh, bundleKey ? { key: bundleKey.key, noncePrefix: bundleKey.encryption.noncePrefix, header } : null);
    await out.start(header);
    const frames = new FrameWriter(out, header);
    await frames.whole(FRAME.manifest, 0, toBundleJson(content.manifest));
    await frames.whole(FRAME.catalog, 0, toBundleJson(content.catalog));
    for (const [i, part] of content.catalog.parts.entries()) {
      opts.signal?.throwIfAborted();
      opts.onPart?.(part, i);
      const length = part.kind === 'series' ? part.points * 24 : part.size;
      await frames.streamed(i, length, content.partData(part), partName(part), opts.onBytes);
    }
    await frames.end();
    await out.finish();
    size = (await fh.stat()).size;
    await fh.close();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await rename(tmp, path);
  fsyncDir(dirname(path));
  return size;
}
