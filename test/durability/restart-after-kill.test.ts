// `sextant serve` killed with SIGKILL and started again at once must open its store: the lock
// dies with its process (a zombie that nobody reaps included), while a second live server on
// the same store is still refused clearly.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port';
import { repoRoot, sextantBin } from '../support/paths';
import { startSextant, type RunningServer } from '../support/servers';
import { useTempDirs } from '../support/temp-dir';
import { waitForHealth } from '../support/wait-for-health';

const tempDir = useTempDirs();
const groups: number[] = [];
const servers: RunningServer[] = [];

afterEach(async () => {
  for (const pgid of groups.splice(0)) killGroup(pgid);
  for (const s of servers.splice(0)) await s.stop({ keepData: true });
});

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

interface Session {
  leader: ChildProcess;
  url: string;
  /** The pid of the `sextant serve` process itself (not npx, not the shell). */
  serverPid: number;
}

/**
 * Starts `sextant serve` in a session of its own (setsid) under a parent that never reaps it:
 * `sh -c 'CMD & exec sleep'`, so once killed alone the server stays a zombie.
 */
async function serveInOwnSession(store: string, cmd: 'npx' | 'node'): Promise<Session> {
  const port = await freePort();
  const serve = cmd === 'npx' ? 'npx --no-install sextant' : `"${process.execPath}" "${sextantBin}"`;
  const script = `${serve} serve --store "${store}" --port ${port} & echo "server $!" && exec sleep 300`;
  const leader = spawn('sh', ['-c', script], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  groups.push(leader.pid!);
  let out = '';
  leader.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  leader.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, 60_000, () => leader.exitCode === null);
  const shellChild = Number(/server (\d+)/.exec(out)![1]);
  return { leader, url, serverPid: serverProcess(shellChild) };
}

/** The node process that runs `serve` at or below `pid` (npx runs it as a child). */
function serverProcess(pid: number): number {
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  const [exe, script, command] = cmdline.split('\0');
  if (exe === process.execPath || exe === 'node') if (/sextant(\.js)?$/.test(script ?? '') && command === 'serve') return pid;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  for (const c of children) {
    try {
      return serverProcess(c);
    } catch {
      // not below this one
    }
  }
  throw new Error(`no serve process below ${pid}: ${cmdline.replaceAll('\0', ' ')}`);
}

const state = (pid: number) => (existsSync(`/proc/${pid}`) ? readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] : 'gone');

async function createExperiment(url: string, name: string): Promise<void> {
  const res = await fetch(`${url}/api/2.0/mlflow/experiments/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  expect(res.status).toBe(200);
}

async function experimentExists(url: string, name: string): Promise<boolean> {
  const res = await fetch(`${url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`);
  return res.status === 200;
}

describe.runIf(process.platform === 'linux')('restart right after SIGKILL', () => {
  it('opens the store at once after the whole npx process group is SIGKILLed', async () => {
    const store = tempDir();
    const first = await serveInOwnSession(store, 'npx');
    await createExperiment(first.url, 'acknowledged');
    killGroup(first.leader.pid!);
    const restarted = await startSextant({ dataDir: store }); // no waiting: within a few ms of the kill
    servers.push(restarted);
    expect(await experimentExists(restarted.url, 'acknowledged')).toBe(true);
  }, 120_000);

  it('opens the store at once while the killed server is still an unreaped zombie', async () => {
    const store = tempDir();
    const first = await serveInOwnSession(store, 'node');
    await createExperiment(first.url, 'acknowledged');
    process.kill(first.serverPid, 'SIGKILL');
    while (state(first.serverPid) !== 'Z') await new Promise((r) => setTimeout(r, 5));
    const restarted = await startSextant({ dataDir: store });
    servers.push(restarted);
    expect(state(first.serverPid)).toBe('Z'); // nobody reaped it meanwhile
    expect(await experimentExists(restarted.url, 'acknowledged')).toBe(true);
  }, 120_000);

  it('refuses a second live server on the same store, naming the first', async () => {
    const store = tempDir();
    const first = await startSextant({ dataDir: store });
    servers.push(first);
    const second = spawn(process.execPath, [sextantBin, 'serve', '--store', store, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    second.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => second.once('exit', r));
    expect(code).not.toBe(0);
    expect(err).toMatch(new RegExp(`already open by process ${first.process.pid} .*only one process may write to a store at a time`));
    expect(err).not.toMatch(/\n\s+at /); // one readable line, no stack trace
  }, 120_000);
});
