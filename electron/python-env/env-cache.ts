import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processAlive } from '../temp-folders';

const READY = '.sextant-env-ready';
const LOCK = '.sextant-env-lock';
const POLL_MS = 500;

/** The folder a built environment lives in, named by the hash of what it was built from. */
export function envKey(parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p.length}:${p}`);
  return h.digest('hex').slice(0, 20);
}

export const isReady = (dir: string) => existsSync(join(dir, READY));

/**
 * Builds the environment in `dir` once: the first caller takes a lock file in its parent and
 * builds in place (virtual environments are not relocatable), later callers wait for it. A
 * build that failed, or whose builder died, is removed and built again.
 */
export async function buildOnce(dir: string, build: () => Promise<void>, signal?: AbortSignal): Promise<'cached' | 'built'> {
  if (isReady(dir)) return 'cached';
  const lock = `${dir}${LOCK}`;
  for (;;) {
    if (signal?.aborted) throw new Error('cancelled');
    if (isReady(dir)) return 'cached';
    if (takeLock(lock)) break;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    if (isReady(dir)) return 'cached';
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      await build();
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    writeFileSync(join(dir, READY), new Date().toISOString());
    return 'built';
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Creates the lock file with our pid; takes over one whose process is gone. */
function takeLock(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const pid = Number(readText(lock));
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) return false;
  rmSync(lock, { force: true });
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}
