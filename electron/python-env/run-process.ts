import { spawn } from 'node:child_process';
import { groupAlive, startWatchdog, stopGroup } from '../projects/process-group';
import { TextLines } from './text-lines';

export interface RunProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Each line the process prints (stdout and stderr). */
  onLine?: (line: string) => void;
  /** Aborting stops the process and every process it started (its group: SIGTERM, then SIGKILL after graceMs). */
  signal?: AbortSignal;
  /** Default 5 s. */
  graceMs?: number;
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines it printed (for an error message). */
  tail: string[];
}

const TAIL_LINES = 20;

const isWindows = process.platform === 'win32';

/**
 * Runs a program (argv array, never a shell) to its end, in its own process group: a cancel
 * stops the program and its subprocesses (pip's build backends) together, and what it leaves
 * running is stopped before this resolves, so the caller may remove the folder they worked in.
 * A watchdog stops the group if this process dies. Rejects only when it cannot start (ENOENT:
 * not installed); a non-zero exit is a result.
 */
export function runProcess(file: string, args: string[], opts: RunProcessOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new Error('cancelled'));
    const graceMs = opts.graceMs ?? 5000;
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: !isWindows, windowsHide: true });
    const watchdog = child.pid === undefined ? null : startWatchdog(child.pid, graceMs);
    const tail: string[] = [];
    const note = (lines: string[]) => {
      for (const line of lines) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        opts.onLine?.(line);
      }
    };
    const out = new TextLines();
    const err = new TextLines();
    child.stdout.on('data', (c: Buffer) => note(out.push(c)));
    child.stderr.on('data', (c: Buffer) => note(err.push(c)));
    let stopped: Promise<void> | null = null;
    const onAbort = () => {
      stopped ??= stopGroup(child, graceMs);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (err) => {
      opts.signal?.removeEventListener('abort', onAbort);
      watchdog?.kill('SIGKILL');
      reject(err);
    });
    child.once('close', (code, signal) => {
      opts.signal?.removeEventListener('abort', onAbort);
      note([...out.end(), ...err.end()]);
      if (!stopped && child.pid !== undefined && !isWindows && groupAlive(child.pid)) stopped = stopGroup(child, graceMs);
      void (stopped ?? Promise.resolve()).then(() => {
        watchdog?.kill('SIGKILL');
        resolve({ code, signal, tail });
      });
    });
  });
}
