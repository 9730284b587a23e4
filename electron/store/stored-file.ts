import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Opening never waits: a FIFO (or a device) placed in the store would otherwise block open()
 * until a writer appears, holding one of libuv's four pool threads per read until the server
 * stalls. O_NONBLOCK changes nothing for regular files; Windows has no FIFOs to fear.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

const NOT_REGULAR = 'EFTYPE';

function notRegular(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${path} is not a regular file`), { code: NOT_REGULAR });
}

/**
 * Opens a file of the store for reading, refusing anything but a regular file (checked on the
 * open handle, so it cannot be swapped in between). Null when there is no such file.
 */
export async function openStoredFile(path: string): Promise<FileHandle | null> {
  const fh = await open(path, READ_FLAGS).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'EISDIR') return null;
    throw err;
  });
  if (!fh) return null;
  if ((await fh.stat()).isFile()) return fh;
  await fh.close();
  return null;
}

/** A whole file of the store as text, or null when there is no such regular file. */
export async function readStoredText(path: string): Promise<string | null> {
  const fh = await openStoredFile(path);
  if (!fh) return null;
  try {
    return await fh.readFile('utf8');
  } finally {
    await fh.close();
  }
}

/**
 * The store's own files (snapshot, journal, manifest) read while it opens: like readFileSync,
 * but never blocks on a FIFO and throws (code EFTYPE) for anything but a regular file.
 */
export function readStoredFileSync(path: string): Buffer {
  const fd = openSync(path, READ_FLAGS);
  try {
    if (!fstatSync(fd).isFile()) throw notRegular(path);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * readStoredFileSync into a buffer `extra` bytes longer than the file, zeroed after it: one
 * allocation, no copy. The zeroed tail takes no memory until written (the allocation is lazily
 * zeroed by the system). `length` is the file's size.
 */
export function readStoredFileWithSpareSync(path: string, extra: number): { bytes: Buffer; length: number } {
  const fd = openSync(path, READ_FLAGS);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(path);
    const bytes = Buffer.alloc(st.size + extra);
    let length = 0;
    for (let n; length < st.size && (n = readSync(fd, bytes, length, st.size - length, length)) > 0; ) length += n;
    return { bytes, length };
  } finally {
    closeSync(fd);
  }
}
