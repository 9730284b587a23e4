import { write } from 'node:fs';

/** Writes all of `buf` to `fd` at byte `position`, off the event loop. */
export type WriteAt = (fd: number, buf: Buffer, position: number) => Promise<void>;

/** A positional write of all of `buf` on the thread pool. */
export function writeAllAt(fd: number, buf: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (off: number) =>
      write(fd, buf, off, buf.length - off, position + off, (err, n) => {
        if (err) reject(err);
        else if (off + n < buf.length) step(off + n);
        else resolve();
      });
    step(0);
  });
}
