import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireStoreLock, lockEndpoint, readHolder, type StoreLock } from '../../../../electron/store/store-lock';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const fixture = join(import.meta.dirname, 'fixtures', 'hold-store-lock.ts');
const children: ChildProcess[] = [];
const held: StoreLock[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const l of held.splice(0)) await l.release();
});

const acquire = async (dir: string) => {
  const lock = await acquireStoreLock(dir);
  held.push(lock);
  return lock;
};

/** Starts `command` and resolves with the pid of the lock holder once it says it holds the lock. */
function startHolder(command: string, args: string[]): Promise<number> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /held (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`holder exited (${code}) before holding the lock: ${out}`)));
  });
}

const holdInChild = (dir: string) => startHolder(process.execPath, ['--import', 'tsx', fixture, dir]);

/** A holder whose parent never reaps it: once killed, it stays a zombie until the parent ends. */
const holdUnderNonReapingParent = (dir: string) =>
  startHolder('sh', ['-c', `"$0" --import tsx "$1" "$2" & exec sleep 60`, process.execPath, fixture, dir]);

const processState = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0];

/**
 * SIGKILL, then wait until the process no longer runs: reaped (so every thread is gone and the
 * kernel has closed its files), or a zombie nobody reaps (whose threads may still be exiting).
 */
async function kill(pid: number): Promise<void> {
  const child = children.find((c) => c.pid === pid);
  const exited = child && new Promise((r) => child.once('exit', r));
  process.kill(pid, 'SIGKILL');
  if (exited) return void (await exited);
  for (let i = 0; i < 1000; i++) {
    if (!existsSync(`/proc/${pid}`) || processState(pid) === 'Z') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`process ${pid} did not die`);
}

describe('store lock', () => {
  it('refuses a second holder while the first is alive, naming it, and frees the store on release', async () => {
    const dir = tempDir();
    const first = await acquire(dir);
    await expect(acquireStoreLock(dir)).rejects.toThrow(new RegExp(`already open by process ${process.pid} .*only one process may write`));
    await first.release();
    expect(existsSync(join(dir, 'lock'))).toBe(false);
    await acquire(dir);
  });

  it('refuses a live holder in another process', async () => {
    const dir = tempDir();
    const pid = await holdInChild(dir);
    await expect(acquireStoreLock(dir)).rejects.toThrow(new RegExp(`already open by process ${pid}`));
  });

  it('takes over at once from a holder killed with SIGKILL, which left its socket behind', async () => {
    const dir = tempDir();
    const pid = await holdInChild(dir);
    await kill(pid);
    expect(existsSync(lockEndpoint(dir))).toBe(true); // SIGKILL left the socket file
    await acquire(dir);
    expect(readHolder(dir)?.pid).toBe(process.pid);
  });

  it.runIf(process.platform === 'linux')('takes over from a killed holder that is still a zombie', async () => {
    const dir = tempDir();
    const pid = await holdUnderNonReapingParent(dir);
    await kill(pid);
    expect(processState(pid)).toBe('Z');
    await acquire(dir);
  });

  it('takes over even when the pid in the lock file now belongs to a live process (pid reuse)', async () => {
    const dir = tempDir();
    const pid = await holdInChild(dir);
    await kill(pid);
    const other = await holdInChild(tempDir()); // a live process of any kind
    writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: other, host: readHolder(dir)!.host, since: 0, command: 'x' }));
    await acquire(dir);
  });

  it('lets exactly one of many racing openers take over a stale lock', async () => {
    const dir = tempDir();
    await kill(await holdInChild(dir));
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireStoreLock(dir)));
    const won = results.filter((r): r is PromiseFulfilledResult<StoreLock> => r.status === 'fulfilled').map((r) => r.value);
    held.push(...won);
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    expect(won, refusals.join('\n')).toHaveLength(1);
    for (const reason of refusals) expect(reason).toMatch(/already open by process/);
  });

  it('clears a takeover guard left by a process that died in the middle of a takeover', async () => {
    const dir = tempDir();
    await kill(await holdInChild(dir));
    const guard = `${lockEndpoint(dir)}.takeover`;
    mkdirSync(guard);
    const { utimesSync } = await import('node:fs');
    utimesSync(guard, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await acquire(dir);
    expect(existsSync(guard)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('makes its socket usable by this user only (a connection can hand it a job)', async () => {
    const dir = tempDir();
    const lock = await acquire(dir);
    expect(statSync(lock.endpoint).mode & 0o777).toBe(0o600);
    const long = join(tempDir(), 'a'.repeat(60), 'b'.repeat(60));
    mkdirSync(long, { recursive: true });
    const inTemp = await acquire(long); // in the shared temp folder, where it matters most
    expect(statSync(inTemp.endpoint).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('listens in the temp folder when the store path is too long for a socket', async () => {
    const dir = join(tempDir(), 'a'.repeat(60), 'b'.repeat(60));
    mkdirSync(dir, { recursive: true });
    expect(lockEndpoint(dir).startsWith(dir)).toBe(false);
    await acquire(dir);
    await expect(acquireStoreLock(dir)).rejects.toThrow(/already open/);
  });
});
