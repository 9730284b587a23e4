import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ArtifactRef, ArtifactStore } from '../store/artifacts/artifact-store';
import type { OpenStream } from './artifact-source';

/** A file of an owner's artifact folder in the store, its bytes (plaintext) through `open`. */
export interface StoreArtifact {
  /** Relative to the owner's artifact root, with '/' separators. */
  path: string;
  /** Plaintext bytes. */
  size: number;
  mtime: number;
  /** A fresh stream over a range of its plaintext, at every call. */
  open: OpenStream;
}

/** Every regular file under the folder `root` of the store's artifacts (plain or sealed: the bytes opened are plaintext). */
export async function storeArtifacts(artifacts: ArtifactStore, root: ArtifactRef): Promise<StoreArtifact[]> {
  return (await artifacts.walk(root)).map((f) => ({ ...f, open: artifactOpener(artifacts, [...root, ...f.path.split('/')]) }));
}

/** An OpenStream over an artifact of the store: each call opens it anew for its range. */
export function artifactOpener(artifacts: ArtifactStore, ref: ArtifactRef): OpenStream {
  return (range) =>
    Readable.from(
      (async function* opened() {
        const { stream } = await artifacts.open(ref, range);
        for await (const chunk of stream) yield chunk as Buffer;
      })(),
      { objectMode: false },
    );
}

export interface LocalArtifact {
  /** Relative to the root, with '/' separators. */
  path: string;
  file: string;
  size: number;
  mtime: number;
}

/**
 * Every regular file under a plain folder on disk (links and special files are never followed or
 * sent). Not for a store's artifacts (which may be sealed): storeArtifacts reads those.
 */
export async function listLocalArtifacts(root: string): Promise<LocalArtifact[]> {
  const out: LocalArtifact[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const file = join(dir, name);
      const st = await lstat(file);
      const path = prefix ? `${prefix}/${name}` : name;
      if (st.isDirectory()) await walk(file, path);
      else if (st.isFile()) out.push({ path, file, size: st.size, mtime: Math.trunc(st.mtimeMs) });
    }
  };
  await walk(root, '');
  return out;
}
