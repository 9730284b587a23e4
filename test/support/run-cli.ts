import { spawn } from 'node:child_process';
import { sextantBin } from './paths';

export interface CliResult {
  /** Exit code, or null when the process was killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when killAfterMs fired before the process ended by itself. */
  killed: boolean;
}

export interface RunCliOptions {
  /** Added to (or, as undefined, removed from) this process's environment. */
  env?: Record<string, string | undefined>;
  /** SIGKILL the process this long after it was started (unless it ended before). */
  killAfterMs?: number;
  /** SIGKILL it after this long at the latest (default 5 min), and say so in stderr. */
  timeoutMs?: number;
  /** The folder it runs in (relative paths in `args` are taken from there). */
  cwd?: string;
}

/** Runs the built `sextant` command (bin/sextant.js, so `npm run build` first) with stdout and stderr captured. */
export function runCli(args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, [sextantBin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], ...(opts.cwd ? { cwd: opts.cwd } : {}) });
  let stdout = '';
  let stderr = '';
  let killed = false;
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const timers = [
    opts.killAfterMs === undefined ? undefined : setTimeout(() => { killed = child.kill('SIGKILL'); }, opts.killAfterMs),
    setTimeout(() => {
      stderr += `\n[run-cli] sextant ${args.join(' ')} did not end within ${opts.timeoutMs ?? 300_000} ms; killed\n`;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 300_000),
  ];
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      timers.forEach((t) => clearTimeout(t));
      resolve({ code, signal, stdout, stderr, killed: killed && signal === 'SIGKILL' });
    });
  });
}

/** The `--json` report a CLI run printed on stdout (its last line). */
export function jsonReport<T = Record<string, unknown>>(r: CliResult): T {
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`no JSON report on stdout (exit ${r.code}, signal ${r.signal})\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  }
}
