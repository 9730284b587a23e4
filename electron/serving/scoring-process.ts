import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { groupAlive, stopGroup } from '../projects/process-group';
import { TextLines } from '../python-env/text-lines';
import { healthUrl } from './port-check';

/** The scoring server did not come up, or went away: the message says why, with the end of its log. */
export class ScoringServerError extends Error {
  override name = 'ScoringServerError';
}

export interface ScoringProcessOptions {
  /** argv[0] and the rest: never through a shell. */
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** The folder it runs in: a private temp folder (whatever it writes there, e.g. an mlruns/, goes with it). */
  cwd: string;
  host: string;
  port: number;
  /** Each line the server prints (stdout and stderr), cut at MAX_LINE_CHARS. */
  log: (line: string) => void;
  /** Longest wait for GET /ping to answer 200 (default 180 s: a big model loads slowly). Tests shorten it. */
  readyTimeoutMs?: number;
  /** Time between SIGTERM and SIGKILL of the process group at stop (default 10 s). Tests shorten it. */
  killAfterMs?: number;
  pollMs?: number;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ScoringProcess {
  pid: number;
  /** Resolves when the server process has exited (for whatever reason). */
  exited: Promise<ExitInfo>;
  /** Resolves once GET /ping answers 200; rejects with ScoringServerError (the process is then stopped). */
  ready(signal?: AbortSignal): Promise<void>;
  /** SIGTERM to the whole process group, SIGKILL after a grace period; resolves once it has exited. */
  stop(): Promise<ExitInfo>;
  /** SIGKILL to the whole process group at once. */
  kill(): void;
  /** The server's last output lines (for error messages). */
  tail(n?: number): string[];
  /** Why it ended, with the end of its output: `The scoring server exited with status 1<when>.` */
  exitError(when?: string): ScoringServerError;
}

const TAIL_LINES = 40;
/** A longer output line is cut (a server printing a huge line must not grow memory without bound). */
export const MAX_LINE_CHARS = 8192;
const isWindows = process.platform === 'win32';

/** Starts a scoring server in its own process group, its output as lines. */
export function startScoringProcess(opts: ScoringProcessOptions): ScoringProcess {
  // stdin stays an open pipe that is never written: when this process ends, even killed, it closes
  // and the launcher (serve-launcher.ts) stops the server's whole process group.
  const child: ChildProcess = spawn(opts.command, opts.args, { env: opts.env, cwd: opts.cwd, detached: !isWindows, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  child.stdin!.on('error', () => {}); // the server gone: nothing to write anyway
  const lines: string[] = [];
  const onLine = (line: string) => {
    lines.push(line);
    if (lines.length > TAIL_LINES * 2) lines.splice(0, lines.length - TAIL_LINES);
    opts.log(line);
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    const splitter = new TextLines(MAX_LINE_CHARS);
    stream.on('data', (chunk: Buffer) => splitter.push(chunk).forEach(onLine));
    stream.once('end', () => splitter.end().forEach(onLine));
  }
  let exitInfo: ExitInfo | null = null;
  let spawnError: Error | null = null;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (err) => {
      spawnError = err;
      exitInfo = { code: null, signal: null };
      resolve(exitInfo);
    });
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      if (isWindows || (child.pid !== undefined && groupAlive(child.pid))) void stopGroup(child, 0); // whatever it left behind in its group
      resolve(exitInfo);
    });
  });
  const tail = (n = 15) => lines.slice(-n);
  const describeExit = (e: ExitInfo) => (spawnError ? `could not start ${opts.command}: ${spawnError.message}` : e.signal ? `was stopped by ${e.signal}` : `exited with status ${e.code}`);
  const withTail = (msg: string) => {
    const t = tail();
    return t.length ? `${msg}\nThe server's last output:\n  ${t.join('\n  ')}` : msg;
  };
  const exitError = (when = '') => new ScoringServerError(withTail(`The scoring server ${exitInfo ? describeExit(exitInfo) : 'is still running'}${when}.`));
  let stopping: Promise<ExitInfo> | null = null;
  const stop = () => {
    stopping ??= exitInfo ? exited : stopGroup(child, opts.killAfterMs ?? 10_000).then(() => exited);
    return stopping;
  };
  const ready = async (signal?: AbortSignal) => {
    const url = `${healthUrl(opts.host, opts.port)}/ping`;
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 180_000);
    for (;;) {
      if (exitInfo) throw exitError(' before it was ready');
      if (signal?.aborted) {
        await stop();
        throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
      }
      if (Date.now() > deadline) {
        await stop();
        throw new ScoringServerError(withTail(`The scoring server was not ready after ${Math.round((opts.readyTimeoutMs ?? 180_000) / 1000)} s (GET ${url} never answered 200); it was stopped.`));
      }
      const status = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
        async (r) => (await r.arrayBuffer(), r.status),
        () => 0,
      );
      if (status === 200) return;
      await Promise.race([sleep(opts.pollMs ?? 250), exited]);
    }
  };
  return { pid: child.pid ?? -1, exited, ready, stop, kill: () => void stopGroup(child, 0), tail, exitError };
}
