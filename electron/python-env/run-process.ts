import { spawn } from 'node:child_process';
import { TextLines } from './text-lines';

export interface RunProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Each line the process prints (stdout and stderr). */
  onLine?: (line: string) => void;
  /** Aborting kills the process (SIGTERM, then SIGKILL after 5 s). */
  signal?: AbortSignal;
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines it printed (for an error message). */
  tail: string[];
}

const TAIL_LINES = 20;

/**
 * Runs a program (argv array, never a shell) to its end. Rejects only when it cannot start
 * (ENOENT: not installed); a non-zero exit is a result.
 */
export function runProcess(file: string, args: string[], opts: RunProcessOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new Error('cancelled'));
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
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
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (err) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      note([...out.end(), ...err.end()]);
      resolve({ code, signal, tail });
    });
  });
}
