import { close, closeSync, constants, fdatasync, fstatSync, ftruncate, openSync, renameSync, rmSync, writev } from 'node:fs';
import { promisify } from 'node:util';

/**
 * How a journal write becomes durable.
 *  - 'dsync': the segment is opened with O_DSYNC, so one positioned write returns once its data
 *    (and the file size, when it grew) is on stable storage: one thread-pool job per flush.
 *  - 'fdatasync': a write, then fdatasync: two jobs.
 */
export type DurableWrites = 'dsync' | 'fdatasync';

/**
 * 'dsync' on Linux only. macOS has O_DSYNC but it does not flush the drive's cache, while
 * libuv's fdatasync there is F_FULLFSYNC, so O_DSYNC would be weaker than what we have; Windows
 * has no O_DSYNC in fs.constants (and FILE_FLAG_WRITE_THROUGH does not promise a cache flush
 * on every drive either). Both keep write + fdatasync.
 */
export function defaultDurableWrites(platform: string = process.platform, flags: { O_DSYNC?: number } = constants): DurableWrites {
  return platform === 'linux' && typeof flags.O_DSYNC === 'number' && flags.O_DSYNC !== 0 ? 'dsync' : 'fdatasync';
}

/** The file operations a journal segment needs; tests pass a wrapper that counts or fails them. */
export interface SegmentIo {
  /** Opens (creating) a segment for positioned writes; `truncate` empties an existing file. Synchronous. */
  open(path: string, mode: DurableWrites, truncate: boolean): number;
  /** Current length of the file. Synchronous. */
  size(fd: number): number;
  /** One positioned write of `bufs` (pwritev); resolves with the bytes written, which may be fewer. */
  writeAt(fd: number, bufs: Buffer[], position: number): Promise<number>;
  datasync(fd: number): Promise<void>;
  truncate(fd: number, length: number): Promise<void>;
  close(fd: number): Promise<void>;
  closeSync(fd: number): void;
  /** Synchronous rename (a metadata operation: microseconds, no data written). */
  rename(from: string, to: string): void;
  remove(path: string): void;
}

const writevAsync = promisify(writev);
const fdatasyncAsync = promisify(fdatasync);
const ftruncateAsync = promisify(ftruncate);
const closeAsync = promisify(close);

export const nodeSegmentIo: SegmentIo = {
  open(path, mode, truncate) {
    const flags = constants.O_RDWR | constants.O_CREAT | (truncate ? constants.O_TRUNC : 0) | (mode === 'dsync' ? constants.O_DSYNC : 0);
    return openSync(path, flags, 0o666);
  },
  size: (fd) => fstatSync(fd).size,
  writeAt: async (fd, bufs, position) => (await writevAsync(fd, bufs, position)).bytesWritten,
  datasync: (fd) => fdatasyncAsync(fd),
  truncate: (fd, length) => ftruncateAsync(fd, length),
  close: (fd) => closeAsync(fd),
  closeSync: (fd) => closeSync(fd),
  rename: (from, to) => renameSync(from, to),
  remove: (path) => rmSync(path, { force: true }),
};
