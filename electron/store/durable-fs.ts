import { closeSync, fsyncSync, openSync, renameSync, writeSync, constants } from 'node:fs';
import { dirname } from 'node:path';

const isWindows = process.platform === 'win32';

/** fsync a directory so a rename or create inside it survives power loss. Windows cannot (EPERM). */
export function fsyncDir(dir: string): void {
  if (isWindows) return;
  const fd = openSync(dir, constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `data` to `path` atomically and durably: temp file, fsync, rename, fsync dir. */
export function writeFileDurably(path: string, chunks: Uint8Array | Uint8Array[]): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    for (const chunk of Array.isArray(chunks) ? chunks : [chunks]) {
      let off = 0;
      while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
}
