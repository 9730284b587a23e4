// Open and close timed from outside: a server process spawned on a given store, /health polled
// every 5 ms on fresh connections until it answers 200 (open), then SIGTERM until the process has
// exited (close), and for Sextant whether the store's lock socket is free afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { lockEndpoint } from '../../electron/store/store-lock';
import { freePort } from '../support/free-port';
import { sextantBin, venvBin } from '../support/paths';
import { type RunningServer } from '../support/servers';

export interface TimedServer {
  kind: 'mlflow' | 'sextant';
  url: string;
  dir: string;
  process: ChildProcess;
  /** Spawn → first 200 from /health, ms. */
  openMs: number;
  output(): string;
}

function healthOnce(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/health`, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
      res.on('error', () => resolve(false));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

export async function openTimed(kind: 'mlflow' | 'sextant', dir: string, timeoutMs = 600_000): Promise<TimedServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const [cmd, args] = kind === 'sextant'
    ? [process.execPath, [sextantBin, 'serve', '--store', dir, '--host', '127.0.0.1', '--port', String(port)]]
    : [venvBin('mlflow'), ['server', '--backend-store-uri', `sqlite:///${join(dir, 'mlflow.db')}`, '--artifacts-destination', join(dir, 'mlartifacts'), '--host', '127.0.0.1', '--port', String(port), '--workers', '1']];
  let out = '';
  const t0 = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${kind} on ${dir} exited before answering /health:\n${out.slice(-2000)}`);
    if (await healthOnce(url)) break;
    if (performance.now() - t0 > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${kind} on ${dir} did not answer /health within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return { kind, url, dir, process: child, openMs: performance.now() - t0, output: () => out };
}

/** True when nothing listens on the store's lock socket (the next opener would take the store). */
function lockFree(dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(lockEndpoint(dir));
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** SIGTERM, then the time until the process has exited (SIGKILL only after `timeoutMs`). */
export async function sigtermTimed(p: ChildProcess, timeoutMs: number): Promise<{ ms: number; killed: boolean }> {
  const exited = new Promise<void>((r) => p.once('exit', () => r()));
  const t0 = performance.now();
  p.kill('SIGTERM');
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    p.kill('SIGKILL');
  }, timeoutMs);
  await exited;
  clearTimeout(timer);
  return { ms: performance.now() - t0, killed };
}

/** SIGTERM → exit, ms; Sextant: also whether the lock was free right after the exit. */
export async function closeTimed(s: TimedServer, timeoutMs = 600_000): Promise<{ ms: number; killed: boolean; lockFree?: boolean }> {
  const p = s.process;
  if (p.exitCode !== null || p.signalCode !== null) throw new Error(`${s.kind} had already exited (code ${p.exitCode}, signal ${p.signalCode})`);
  const { ms, killed } = await sigtermTimed(p, timeoutMs);
  if (s.kind !== 'sextant') return { ms, killed };
  return { ms, killed, lockFree: await lockFree(s.dir) };
}

/** The same process as a RunningServer, so the harness can stop it if the bench is interrupted. */
export function asRunning(s: TimedServer): RunningServer {
  return {
    url: s.url,
    dataDir: s.dir,
    process: s.process,
    output: s.output,
    async stop() {
      const p = s.process;
      if (p.exitCode !== null || p.signalCode !== null) return;
      const exited = new Promise<void>((r) => p.once('exit', () => r()));
      p.kill('SIGTERM');
      const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
