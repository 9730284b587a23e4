import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreOpenError } from './store-errors';

interface Holder {
  pid: number;
  host: string;
  since: number;
  command: string;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One writer per store: an exclusively created `lock` file naming the holder. A lock left by a
 * process that is gone (same host, pid not running) is taken over.
 */
export function acquireStoreLock(dir: string): () => void {
  const path = join(dir, 'lock');
  const me: Holder = { pid: process.pid, host: hostname(), since: Date.now(), command: process.argv.slice(1, 3).join(' ') };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(path);
      if (holder && (holder.host !== me.host || isAlive(holder.pid))) {
        throw new StoreOpenError(
          `store ${dir} is already open by process ${holder.pid} on ${holder.host} (${holder.command}, since ${new Date(holder.since).toISOString()}); ` +
            'only one process may write to a store at a time',
        );
      }
      rmSync(path, { force: true }); // stale lock: its process is gone
    }
  }
  throw new StoreOpenError(`could not lock store ${dir}`);
}

function readHolder(path: string): Holder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Holder;
  } catch {
    return null; // torn or empty lock file: treat as stale
  }
}
