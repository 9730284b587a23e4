import { lstat, readdir, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { notFound } from '../../../shared/domain/mlflow-error';
import type { FileInfo } from '../../../shared/domain/tracking';
import { deleteArtifact, writeArtifact } from '../artifact-files';
import { confinedPath } from '../artifact-paths';
import { createSealStream } from '../crypto/sealed';
import type { StoreKeys } from '../crypto/store-keys';
import { fsyncDir } from '../durable-fs';
import { openStoredFile } from '../stored-file';
import { artifactPlace, openPlainRange, openSealedRange, sealedPlainSize, type ByteRange, type OpenedArtifact } from './artifact-bytes';
import { plainNames, sealedNames, type ArtifactNames } from './artifact-names';
import { refPath, type ArtifactRef } from './artifact-ref';

export type { ArtifactRef } from './artifact-ref';
export type { ByteRange, OpenedArtifact } from './artifact-bytes';

/** A file or folder of the artifact store; `size` is the plaintext size of a file. */
export interface ArtifactStat {
  isFile: boolean;
  size: number;
  mtimeMs: number;
}

/** A file found by walk(): its path relative to the folder walked ('/'-separated, plaintext). */
export interface WalkedArtifact {
  path: string;
  size: number;
  mtime: number;
}

/**
 * The one way to the artifact files of a store (the mlflow-artifacts namespace under
 * artifacts/): every reader and writer goes through it, so none needs to know whether the
 * store is encrypted. A plain store keeps files as they always were (same names, same bytes);
 * an encrypted one seals every file's bytes (64 KiB chunks, bound to the artifact's path) and
 * every name below an owner's artifact root. Sizes and names answered are plaintext.
 */
export interface ArtifactStore {
  readonly encrypted: boolean;
  /** Throws INVALID_PARAMETER_VALUE when `ref` cannot be a file here (a sealed name too long, a link leading out). */
  check(ref: ArtifactRef): void;
  /** Writes the file durably (temp file in uploads/, fsync, rename); a folder in its way is refused. */
  write(ref: ArtifactRef, body: Readable): Promise<void>;
  /** The file's plaintext size and a stream over `range` (or all); not found → RESOURCE_DOES_NOT_EXIST. */
  open(ref: ArtifactRef, range?: ByteRange): Promise<OpenedArtifact>;
  /** Null when nothing is there (links are not followed and count as nothing). */
  stat(ref: ArtifactRef): Promise<ArtifactStat | null>;
  /** A folder's entries with plaintext names, sorted; empty for a file or nothing, as MLflow answers. */
  list(ref: ArtifactRef): Promise<FileInfo[]>;
  /** Deletes a file or a folder with all it holds; durable once it resolves. */
  delete(ref: ArtifactRef): Promise<void>;
  /** Every regular file under the folder `ref`, depth first in name order. */
  walk(ref: ArtifactRef): Promise<WalkedArtifact[]>;
  /** Removes the folders left empty from `ref`'s folder up to (not including) `root`. */
  removeEmptyFolders(ref: ArtifactRef, root: ArtifactRef): Promise<void>;
}

export interface ArtifactDirs {
  artifactsDir: string;
  /** Temp files of writes in progress (same file system). */
  uploadsDir: string;
}

export function createArtifactStore(dirs: ArtifactDirs, keys: StoreKeys | null): ArtifactStore {
  const names: ArtifactNames = keys ? sealedNames(() => keys.names()) : plainNames;
  const fileOf = (ref: ArtifactRef) => confinedPath(dirs.artifactsDir, names.toDisk(ref));
  const sizeOf = (diskSize: number, ref: ArtifactRef) => (keys ? sealedPlainSize(diskSize, refPath(ref)) : diskSize);
  const stat = async (ref: ArtifactRef): Promise<ArtifactStat | null> => {
    const st = await lstat(fileOf(ref)).catch(() => null);
    if (!st || st.isSymbolicLink() || !(st.isFile() || st.isDirectory())) return null;
    return { isFile: st.isFile(), size: st.isFile() ? sizeOf(st.size, ref) : 0, mtimeMs: st.mtimeMs };
  };
  const entries = async (ref: ArtifactRef) => {
    const dir = fileOf(ref);
    const st = await lstat(dir).catch(() => null);
    if (!st?.isDirectory()) return [];
    const out: { name: string; ref: ArtifactRef; isDir: boolean; size: number; mtime: number }[] = [];
    for (const diskName of await readdir(dir)) {
      const s = await lstat(join(dir, diskName));
      if (!s.isFile() && !s.isDirectory()) continue; // never follow links out of the store; nothing else is ours
      const name = names.fromDisk(ref, diskName);
      const child = [...ref, name];
      out.push({ name, ref: child, isDir: s.isDirectory(), size: s.isFile() ? sizeOf(s.size, child) : 0, mtime: Math.trunc(s.mtimeMs) });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  };
  return {
    encrypted: keys !== null,
    check(ref) {
      fileOf(ref);
    },
    async write(ref, body) {
      const relPath = refPath(ref);
      const seal = keys ? createSealStream(keys.artifact(relPath), { place: artifactPlace(relPath) }) : undefined;
      await writeArtifact(fileOf(ref), body, dirs.uploadsDir, { ...(seal ? { seal } : {}), label: relPath });
    },
    async open(ref, range) {
      const relPath = refPath(ref);
      const fh = await openStoredFile(fileOf(ref));
      if (!fh) throw notFound(`Artifact not found: ${ref.slice(-3).join('/')}`);
      return keys ? openSealedRange(fh, keys.artifact(relPath), relPath, range) : openPlainRange(fh, range);
    },
    stat,
    async list(ref) {
      return (await entries(ref)).map((e): FileInfo => (e.isDir ? { path: e.name, is_dir: true } : { path: e.name, is_dir: false, file_size: e.size }));
    },
    async delete(ref) {
      await deleteArtifact(fileOf(ref));
    },
    async walk(ref) {
      const out: WalkedArtifact[] = [];
      const walk = async (folder: ArtifactRef, prefix: string): Promise<void> => {
        for (const e of await entries(folder)) {
          const path = prefix ? `${prefix}/${e.name}` : e.name;
          if (e.isDir) await walk(e.ref, path);
          else out.push({ path, size: e.size, mtime: e.mtime });
        }
      };
      await walk(ref, '');
      return out;
    },
    async removeEmptyFolders(ref, root) {
      const top = fileOf(root);
      for (let d = dirname(fileOf(ref)); d.startsWith(`${top}/`); d = dirname(d)) {
        try {
          await rmdir(d);
        } catch {
          return; // not empty (or gone): the folders above are not empty either
        }
        fsyncDir(dirname(d));
      }
    },
  };
}

/** The part of a Store the artifact store needs; `keys` is null (or absent) for a plain store. */
export interface ArtifactStoreHost extends ArtifactDirs {
  readonly keys?: StoreKeys | null;
}

const byStore = new WeakMap<ArtifactStoreHost, ArtifactStore>();

/** The artifact store of an open store (one per store, made on first use). */
export function artifactStoreOf(store: ArtifactStoreHost): ArtifactStore {
  let artifacts = byStore.get(store);
  if (!artifacts) {
    artifacts = createArtifactStore({ artifactsDir: store.artifactsDir, uploadsDir: store.uploadsDir }, store.keys ?? null);
    byStore.set(store, artifacts);
  }
  return artifacts;
}
