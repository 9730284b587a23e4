import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStoredFile, readStoredFileSync, readStoredText } from '../../../../electron/store/stored-file';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe.runIf(process.platform !== 'win32')('reading stored files', () => {
  it('reads a regular file', async () => {
    const file = join(tempDir(), 'a.txt');
    writeFileSync(file, 'hello');
    expect(await readStoredText(file)).toBe('hello');
    expect(readStoredFileSync(file).toString()).toBe('hello');
  });

  it('answers null for a missing file or a folder', async () => {
    const dir = tempDir();
    expect(await openStoredFile(join(dir, 'missing'))).toBeNull();
    expect(await openStoredFile(join(dir, 'missing', 'below'))).toBeNull();
    expect(await openStoredFile(dir)).toBeNull();
  });

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(tempDir(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    // Without a non-blocking open, each of these would hold a libuv pool thread forever.
    expect(await Promise.all(Array.from({ length: 8 }, () => openStoredFile(fifo)))).toEqual(Array(8).fill(null));
    expect(await readStoredText(fifo)).toBeNull();
    expect(() => readStoredFileSync(fifo)).toThrow(expect.objectContaining({ code: 'EFTYPE' }));
  });

  it('refuses a device file', async () => {
    expect(await openStoredFile('/dev/zero')).toBeNull();
  });
});
