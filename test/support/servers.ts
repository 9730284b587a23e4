import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { sextantBin, venvBin } from './paths';
import { waitForHealth } from './wait-for-health';

export interface RunningServer {
  /** Tracking URI, e.g. http://127.0.0.1:5123 */
  url: string;
  /** Folder holding the server's data (store, or mlflow.db + artifacts). */
  dataDir: string;
  process: ChildProcess;
  /** Output so far, for failure messages. */
  output(): string;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes dataDir unless keepData. */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

interface StartOptions {
  dataDir?: string;
  extraArgs?: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

async function startProcess(cmd: string, args: string[], url: string, dataDir: string, ownsDir: boolean, opts: StartOptions): Promise<RunningServer> {
  const child = spawn(cmd, args, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop: RunningServer['stop'] = async ({ keepData = false } = {}) => {
    if (alive()) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (ownsDir && !keepData) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, opts.timeoutMs ?? 60_000, alive);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- output ---\n${out}`, { cause: err });
  }
  return { url, dataDir, process: child, output: () => out, stop };
}

/** `sextant serve` on a fresh (or given) store, on a free loopback port. Needs `npm run build`. */
export async function startSextant(opts: StartOptions = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'sextant-store-')));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [sextantBin, 'serve', '--store', dataDir, '--host', '127.0.0.1', '--port', String(port), ...(opts.extraArgs ?? [])];
  return startProcess(process.execPath, args, url, dataDir, !opts.dataDir, opts);
}

interface MlflowStartOptions extends StartOptions {
  /**
   * 'proxied' (default): the server stores artifacts and clients reach them through it
   * (mlflow-artifacts:/ URIs), as with Sextant. 'local': artifact URIs are plain folders that
   * clients on this machine write and read themselves (--no-serve-artifacts).
   */
  artifacts?: 'proxied' | 'local';
}

/**
 * A real `mlflow server` (SQLite backend) of the newest MLflow 3.x the project pins, from the
 * project's venv (.cache/venv; test/conformance/python-env.mjs).
 */
export async function startMlflow(opts: MlflowStartOptions = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'mlflow-server-')));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const artifactArgs = opts.artifacts === 'local'
    ? ['--default-artifact-root', join(dataDir, 'mlartifacts'), '--no-serve-artifacts']
    : ['--artifacts-destination', join(dataDir, 'mlartifacts')];
  const args = [
    'server',
    '--backend-store-uri', `sqlite:///${join(dataDir, 'mlflow.db')}`,
    ...artifactArgs,
    '--host', '127.0.0.1', '--port', String(port),
    '--workers', '1',
    ...(opts.extraArgs ?? []),
  ];
  return startProcess(venvBin('mlflow'), args, url, dataDir, !opts.dataDir, { timeoutMs: 120_000, ...opts });
}
