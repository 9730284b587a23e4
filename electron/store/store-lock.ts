import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, realpathSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreOpenError } from './store-errors';

/** Who holds a store: written to `<store>/lock` for people and error messages only. */
export interface LockHolder {
  pid: number;
  host: string;
  since: number;
  command: string;
}

export interface StoreLock {
  /** The socket (a named pipe on Windows) whose listener is the lock. */
  readonly endpoint: string;
  release(): Promise<void>;
}

export interface StoreLockOptions {
  /** Called with each connection to the lock's socket (by default it is closed at once). */
  onConnection?: (socket: Socket) => void;
}

const INFO_FILE = 'lock';
/** Longest Unix socket path that fits every platform's sun_path (104 bytes on macOS, with its NUL). */
const MAX_SOCKET_PATH = 100;
/** A takeover guard older than this was left by a process that died in the middle of one. */
const STALE_GUARD_MS = 10_000;
/** How long racing openers may keep handing a stale lock around before one gives up. */
const TAKEOVER_DEADLINE_MS = 30_000;
/**
 * A killed process's sockets close only once all its threads have exited, which can take a
 * moment after it looks dead (a zombie leader, threads still tearing down): how long a lock
 * whose named holder looks dead may still answer before it is reported as held.
 */
const DYING_HOLDER_GRACE_MS = 3_000;

/**
 * Where a store's lock listens: `<store>/lock.sock`, or, when that path is too long for a Unix
 * socket, a name in the temp folder derived from the store's real path; on Windows a named pipe.
 * Every process computes the same endpoint for the same folder.
 */
export function lockEndpoint(dir: string): string {
  const real = realpathSync(dir);
  const id = createHash('sha256').update(real).digest('hex').slice(0, 32);
  if (process.platform === 'win32') return `\\\\.\\pipe\\sextant-store-${id}`;
  const inside = join(real, 'lock.sock');
  return Buffer.byteLength(inside) <= MAX_SOCKET_PATH ? inside : join(tmpdir(), `sextant-store-${id}.sock`);
}

/**
 * One writer per store, held by the kernel: the holder listens on the store's lock socket, and
 * the kernel closes that socket the moment the process ends, however it ends (SIGKILL, a crash,
 * a zombie not yet reaped, a reboot). A second process that can connect is refused; one that
 * finds the socket file with no listener (ECONNREFUSED) knows the holder is gone and takes over.
 * No pid is ever trusted, so a pid reused by another program cannot keep a store locked.
 *
 * Takeover is the only step that removes a socket file, and it runs under a guard folder
 * (mkdir is atomic) right after a refused connect: while a stale file stands, no listener can
 * bind its path, so the file removed is always the stale one.
 */
export async function acquireStoreLock(dir: string, opts: StoreLockOptions = {}): Promise<StoreLock> {
  const endpoint = lockEndpoint(dir);
  const guard = `${endpoint}.takeover`;
  let dyingSince: number | null = null;
  for (const deadline = Date.now() + TAKEOVER_DEADLINE_MS; Date.now() < deadline; ) {
    const server = await listen(endpoint, opts.onConnection).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') return null;
      throw new StoreOpenError(`could not lock store ${dir}: cannot listen on ${endpoint} (${err.code ?? err.message})`);
    });
    if (server) return holdLock(dir, endpoint, server);
    const state = await probe(endpoint);
    if (state === 'live') {
      const holder = readHolder(dir);
      if (holder && looksAlive(holder.pid)) throw heldError(dir);
      dyingSince ??= Date.now();
      if (Date.now() - dyingSince > DYING_HOLDER_GRACE_MS) throw heldError(dir);
      await sleep(20);
      continue;
    }
    if (state === 'stale' && !takeOver(endpoint, guard)) await sleep(10);
    else if (state === 'stale') {
      // Under the guard, re-check before removing: another process may have taken over already.
      try {
        if ((await probe(endpoint)) === 'stale') rmSync(endpoint, { force: true });
      } finally {
        rmdirSync(guard);
      }
    }
  }
  throw new StoreOpenError(`could not lock store ${dir}: its lock ${endpoint} keeps changing hands`);
}

function listen(endpoint: string, onConnection: StoreLockOptions['onConnection']): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(onConnection ?? ((socket) => socket.destroy()));
    server.once('error', reject);
    server.listen(endpoint, () => {
      server.off('error', reject);
      server.unref(); // the lock alone never keeps a process running
      try {
        // Only this user may connect: a connection can hand the holder a job to run.
        if (process.platform !== 'win32') chmodSync(endpoint, 0o600);
      } catch (err) {
        server.close();
        return reject(err);
      }
      resolve(server);
    });
  });
}

/** live: a process listens; stale: a socket file nobody listens on; absent: no socket at all. */
function probe(endpoint: string): Promise<'live' | 'stale' | 'absent'> {
  return new Promise((resolve) => {
    const socket = connect(endpoint);
    const done = (state: 'live' | 'stale' | 'absent') => {
      socket.destroy();
      resolve(state);
    };
    socket.once('connect', () => done('live'));
    // Anything but "nobody listens" or "nothing there" (EAGAIN: a full backlog, EACCES: another
    // user's socket) may be a live holder: refusing is the safe answer.
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED' ? 'stale' : err.code === 'ENOENT' ? 'absent' : 'live'));
  });
}

/** Takes the takeover guard, clearing one left by a process that died holding it. */
function takeOver(endpoint: string, guard: string): boolean {
  try {
    mkdirSync(guard);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const age = Date.now() - (statSync(guard, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_GUARD_MS) rmSync(guard, { recursive: true, force: true });
    return false;
  }
}

function holdLock(dir: string, endpoint: string, server: Server): StoreLock {
  const me: LockHolder = { pid: process.pid, host: hostname(), since: Date.now(), command: process.argv.slice(1, 3).join(' ') };
  const info = join(dir, INFO_FILE);
  writeFileSync(info, JSON.stringify(me));
  let released: Promise<void> | null = null;
  return {
    endpoint,
    release() {
      released ??= new Promise<void>((resolve) => {
        const holder = readHolder(dir);
        if (holder?.pid === me.pid && holder.since === me.since) rmSync(info, { force: true });
        server.close(() => resolve()); // closing also removes the socket file
      });
      return released;
    },
  };
}

/**
 * Only a hint for how long to wait (never a reason to take a lock over): whether the process a
 * lock file names is still running, not a zombie.
 */
function looksAlive(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
      return state !== 'Z' && state !== 'X';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function heldError(dir: string): StoreOpenError {
  const h = readHolder(dir);
  const who = h ? `process ${h.pid} on ${h.host} (${h.command}, since ${new Date(h.since).toISOString()})` : 'another process';
  return new StoreOpenError(`store ${dir} is already open by ${who}; only one process may write to a store at a time`);
}

export function readHolder(dir: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(join(dir, INFO_FILE), 'utf8')) as LockHolder;
  } catch {
    return null; // missing, torn or empty: it only ever names the holder
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
