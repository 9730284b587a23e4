import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { groupAlive, runInGroup } from '../../../../electron/projects/process-group';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

describe('runInGroup', () => {
  it('streams output and gives the exit code', async () => {
    let out = '';
    let err = '';
    const exit = await runInGroup({ command: 'echo out; echo err >&2; exit 4', cwd: '/', env, signal: new AbortController().signal, onOutput: (s, c) => (s === 'stdout' ? (out += c) : (err += c)) });
    expect(exit).toMatchObject({ code: 4, killed: false });
    expect(out).toBe('out\n');
    expect(err).toBe('err\n');
  });

  it('on abort stops the whole group, a child that ignores SIGTERM included', async () => {
    const ac = new AbortController();
    let out = '';
    const done = runInGroup({
      command: `sh -c 'trap "" TERM; echo child $$; sleep 60' & echo ready; wait`,
      cwd: '/',
      env,
      signal: ac.signal,
      graceMs: 500,
      onOutput: (_s, c) => {
        out += c;
        if (/child \d+/.test(out) && out.includes('ready')) ac.abort();
      },
    });
    const exit = await done;
    expect(exit.killed).toBe(true);
    const child = Number(/child (\d+)/.exec(out)![1]);
    expect(groupAlive(exit.pid!)).toBe(false);
    expect(() => process.kill(child, 0)).toThrow();
  });

  it('on a normal exit stops what the command left running in its group, and says it finished', async () => {
    let out = '';
    // one background child keeps the pipes, one lets them go: both are of the group
    const exit = await runInGroup({
      command: `sleep 60 & echo held $!; sleep 60 >/dev/null 2>&1 & echo free $!; exit 0`,
      cwd: '/',
      env,
      signal: new AbortController().signal,
      graceMs: 500,
      onOutput: (_s, c) => (out += c),
    });
    expect(exit).toMatchObject({ code: 0, killed: false });
    const pids = [/held (\d+)/, /free (\d+)/].map((re) => Number(re.exec(out)![1]));
    expect(groupAlive(exit.pid!)).toBe(false);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });

  it('stops the group when the process that started it dies', async () => {
    const script = `
      const { runInGroup } = await import(${JSON.stringify(new URL('../../../../electron/projects/process-group.ts', import.meta.url).pathname)});
      runInGroup({ command: 'echo pid $$; exec sleep 600', cwd: '/', env: { PATH: process.env.PATH }, signal: new AbortController().signal, onOutput: (_s, c) => process.stdout.write(c) });
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const pid = await new Promise<number>((resolve) => parent.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /pid (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    }));
    expect(groupAlive(pid)).toBe(true);
    parent.kill('SIGKILL');
    await expect.poll(() => groupAlive(pid), { timeout: 20_000, interval: 100 }).toBe(false);
  });
});
