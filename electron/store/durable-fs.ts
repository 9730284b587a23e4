import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync, constants } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

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

/** fsync a file (after a truncate, say) so its new length survives power loss. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, constants.O_RDWR);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** mkdir -p whose new folders survive power loss: the parent of each one it created is fsynced. */
export async function mkdirDurably(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let d = dir; ; d = dirname(d)) {
    fsyncDir(dirname(d));
    if (d === first || d === dirname(d)) break;
  }
}

/** A file's bytes: one array, or its pieces in order (made as they are written, if a generator). */
export type FileBytes = Uint8Array | Iterable<Uint8Array>;
const piecesOf = (data: FileBytes): Iterable<Uint8Array> => (data instanceof Uint8Array ? [data] : data);

/** Writes `data` to `path` atomically and durably: temp file, fsync, rename, fsync dir. */
export function writeFileDurably(path: string, data: FileBytes): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    for (const chunk of piecesOf(data)) {
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

/** fsyncDir without blocking the event loop. */
export async function fsyncDirAsync(dir: string): Promise<void> {
  if (isWindows) return;
  const fh = await open(dir, constants.O_RDONLY);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** writeFileDurably without blocking the event loop: temp file, fsync, rename, fsync dir. */
export async function writeFileDurablyAsync(path: string, data: FileBytes): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const fh = await open(tmp, 'w');
    try {
      for (const piece of piecesOf(data)) await fh.writeFile(piece); // each from where the last ended
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fsyncDirAsync(dirname(path));
}

const TEMP_SUFFIX = /\.tmp-\d+$/;

/** Removes temp files that a process killed mid-write left beside the manifest and snapshots. */
export function removeLeftoverTempFiles(storeDir: string): void {
  for (const dir of [storeDir, join(storeDir, 'snapshots')]) {
    for (const name of readdirSync(dir)) if (TEMP_SUFFIX.test(name)) rmSync(join(dir, name), { force: true });
  }
}
