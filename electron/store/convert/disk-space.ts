import { lstatSync, readdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes and regular files under `dir` (links are not followed). */
export function treeSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isDirectory()) {
      const sub = treeSize(path);
      bytes += sub.bytes;
      files += sub.files;
    } else if (st.isFile()) {
      bytes += st.size;
      files++;
    }
  }
  return { bytes, files };
}

/** Bytes free for this user on the file system holding `dir`. */
export const freeBytes = (dir: string): number => {
  const fs = statfsSync(dir);
  return Number(fs.bavail) * Number(fs.bsize);
};

/**
 * What a converted copy may take at most: sealing adds under 1% (28 bytes per 4 KiB series block
 * or 64 KiB chunk, a header per file), each file may round up to a file system block, and a
 * margin is kept so the disk is never filled to the last byte.
 */
export function copyBytesNeeded(storeBytes: number, files: number): number {
  return Math.ceil(storeBytes * 1.01) + files * 4096 + 64 * 1024 * 1024;
}

export class NotEnoughSpaceError extends Error {
  override name = 'NotEnoughSpaceError';
}

const mib = (n: number) => `${Math.ceil(n / (1024 * 1024)).toLocaleString('en-US')} MiB`;

/** Refuses, naming the sizes, when the copy of a store of `storeBytes` might not fit beside it. */
export function checkSpaceForCopy(storeDir: string, parentDir: string, size: { bytes: number; files: number }, free = freeBytes(parentDir)): void {
  const needed = copyBytesNeeded(size.bytes, size.files);
  if (free < needed) {
    throw new NotEnoughSpaceError(`not enough disk space to convert store ${storeDir}: its converted copy is written beside it first and needs up to ${mib(needed)}, but ${parentDir} has ${mib(free)} free; free some space and run this again`);
  }
}
