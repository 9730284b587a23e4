import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface GroupRunOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  onOutput: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
  /** Aborting stops the whole process group: SIGTERM, then SIGKILL after `graceMs`. */
  signal: AbortSignal;
  graceMs?: number;
}

export interface GroupExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether it was stopped by the abort signal. */
  killed: boolean;
  pid: number | undefined;
}

const isWindows = process.platform === 'win32';

/** The shell MLflow runs entry-point commands with: bash, else sh (cmd on Windows). */
function shellArgv(command: string): [string, string[]] {
  if (isWindows) return ['cmd.exe', ['/d', '/s', '/c', command]];
  return [existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh', ['-c', command]];
}

/**
 * Runs a shell command in its own process group (so a terminal's Ctrl-C reaches Sextant, which
 * decides), streams its output, and on abort stops the whole group. Resolves when the command
 * has exited and its output is drained; rejects only when the shell cannot start.
 */
export function runInGroup(opts: GroupRunOptions): Promise<GroupExit> {
  const [file, args] = shellArgv(opts.command);
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(file, args, { cwd: opts.cwd, env: opts.env, detached: !isWindows, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (err) {
      return reject(err);
    }
    const watchdog = child.pid === undefined ? null : startWatchdog(child.pid, opts.graceMs ?? 5000);
    let killed = false;
    let stopped: Promise<void> = Promise.resolve();
    const stop = () => {
      killed = true;
      stopped = stopGroup(child, opts.graceMs ?? 5000);
    };
    child.stdout!.on('data', (c: Buffer) => opts.onOutput('stdout', c));
    child.stderr!.on('data', (c: Buffer) => opts.onOutput('stderr', c));
    child.once('error', (err) => {
      opts.signal.removeEventListener('abort', stop);
      watchdog?.kill('SIGKILL');
      reject(err);
    });
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let drained = 0;
    let finished = false;
    const finish = () => {
      if (!exit || drained < 2 || finished) return;
      finished = true;
      opts.signal.removeEventListener('abort', stop);
      const result = { ...exit, killed, pid: child.pid };
      // what the command left running in its group (a background child) is stopped too, so
      // nothing of a FINISHED run goes on; a stopped group is gone before this resolves
      if (!killed && child.pid !== undefined && !isWindows && groupAlive(child.pid)) stopped = stopGroup(child, opts.graceMs ?? 5000);
      void stopped.then(() => {
        watchdog?.kill('SIGKILL');
        resolve(result);
      });
    };
    const onDrained = () => {
      drained++;
      finish();
    };
    child.stdout!.once('close', onDrained);
    child.stderr!.once('close', onDrained);
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      // A background process the command left behind may hold the pipes open: stop waiting for them after a moment.
      setTimeout(() => {
        drained = 2;
        finish();
      }, 2000).unref();
      finish();
    });
    if (opts.signal.aborted) stop();
    else opts.signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * A tiny shell, in its own group, that waits on a pipe only this process writes to: when this
 * process dies in any way (killed, crashed), the pipe closes and the shell stops the command's
 * group (SIGTERM, then SIGKILL), so no training keeps running with nobody to record it. Ended
 * with SIGKILL once the command has ended. Not on Windows.
 */
export function startWatchdog(pgid: number, graceMs: number): ChildProcess | null {
  if (isWindows) return null;
  const grace = Math.max(1, Math.ceil(graceMs / 1000));
  const script = `read _; kill -TERM -${pgid} 2>/dev/null; sleep ${grace}; kill -KILL -${pgid} 2>/dev/null`;
  try {
    const dog = spawn('/bin/sh', ['-c', script], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    dog.on('error', () => {});
    dog.stdin!.on('error', () => {});
    return dog;
  } catch {
    return null;
  }
}

/** SIGTERM to the group, then SIGKILL once the grace time is over and anything of the group is left. */
export async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (isWindows) {
    child.kill();
    return;
  }
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(pid)) await new Promise((r) => setTimeout(r, 100));
  if (!groupAlive(pid)) return;
  signalGroup(pid, 'SIGKILL');
  // SIGKILL cannot be refused, but the processes take a moment to go
  for (let i = 0; i < 50 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}
