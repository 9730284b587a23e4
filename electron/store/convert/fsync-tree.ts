import { closeSync, constants, fsyncSync, lstatSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const isWindows = process.platform === 'win32';

/** fsyncs every file and folder under `dir` (and `dir`), so the whole tree survives a power cut. */
export function fsyncTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isDirectory()) fsyncTree(path);
    else if (st.isFile()) fsyncPath(path, constants.O_RDONLY);
  }
  if (!isWindows) fsyncPath(dir, constants.O_RDONLY);
}

function fsyncPath(path: string, flags: number): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
