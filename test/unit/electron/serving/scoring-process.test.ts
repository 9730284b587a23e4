import { readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortFree, PortTakenError } from '../../../../electron/serving/port-check';
import { MAX_LINE_CHARS, ScoringServerError, startScoringProcess } from '../../../../electron/serving/scoring-process';
import { freePort } from '../../../support/free-port';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

/**
 * A stand-in scoring server (Node, no Python): answers GET /ping with `PING` (200 by default)
 * after `DELAY` ms, prints a line per request, starts a grandchild that sleeps in its process
 * group, and ignores SIGTERM when IGNORE_TERM is set.
 */
const FAKE = `
const http = require('node:http');
const { spawn } = require('node:child_process');
const port = Number(process.env.PORT);
if (process.env.IGNORE_TERM) process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log('grandchild ' + grandchild.pid);
console.log('cwd ' + process.cwd());
if (process.env.LONG_LINE) console.log('x'.repeat(Number(process.env.LONG_LINE)));
if (process.env.CRASH) { console.error('loading the model failed: ' + process.env.CRASH); process.exit(3); }
setTimeout(() => http.createServer((req, res) => { console.log(req.method + ' ' + req.url); res.statusCode = Number(process.env.PING || 200); res.end('\\n'); }).listen(port, '127.0.0.1'), Number(process.env.DELAY || 0));
`;

/** Whether a process runs (a killed one nobody reaped yet, a zombie, does not). */
const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0] !== 'Z';
  } catch {
    return false;
  }
};

/** Whether the process has ended within a few seconds. */
async function ends(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

async function fake(env: Record<string, string>, opts: { readyTimeoutMs?: number; killAfterMs?: number } = {}) {
  const port = await freePort();
  const cwd = tempDir();
  const lines: string[] = [];
  const proc = startScoringProcess({ command: process.execPath, args: ['-e', FAKE], env: { ...process.env, PORT: String(port), ...env }, cwd, host: '127.0.0.1', port, log: (l) => lines.push(l), pollMs: 50, ...opts });
  const grandchild = async () => {
    for (let i = 0; i < 200 && !lines.some((l) => l.startsWith('grandchild ')); i++) await new Promise((r) => setTimeout(r, 20));
    return Number(lines.find((l) => l.startsWith('grandchild '))!.split(' ')[1]);
  };
  return { port, cwd, lines, proc, grandchild };
}

describe.skipIf(process.platform !== 'linux')('startScoringProcess', () => {
  it('is ready once /ping answers 200, and stop ends its whole process group', async () => {
    const { port, lines, proc, grandchild } = await fake({ DELAY: '300' });
    await proc.ready();
    // the server prints its request line as it answers: the line may come through the pipe just after the answer
    for (let i = 0; i < 100 && !lines.includes('GET /ping'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(lines).toContain('GET /ping');
    const gc = await grandchild();
    expect(alive(gc)).toBe(true);
    const exit = await proc.stop();
    expect(exit.signal).toBe('SIGTERM');
    expect(await ends(gc)).toBe(true);
    await assertPortFree('127.0.0.1', port); // nothing listens there any more
  });

  it('runs in the folder it is given (not the caller\'s), its output lines cut at a length', async () => {
    const { proc, lines, cwd, grandchild } = await fake({ LONG_LINE: String(MAX_LINE_CHARS * 3) });
    await proc.ready();
    await grandchild();
    for (let i = 0; i < 100 && !lines.some((l) => l.startsWith('xxx')); i++) await new Promise((r) => setTimeout(r, 20));
    expect(lines).toContain(`cwd ${realpathSync(cwd)}`);
    expect(lines.find((l) => l.startsWith('xxx'))).toBe(`${'x'.repeat(MAX_LINE_CHARS)}…`);
    await proc.stop();
  });

  it('kills the group when SIGTERM is ignored', async () => {
    const { proc, lines } = await fake({ IGNORE_TERM: '1' }, { killAfterMs: 300 });
    await proc.ready();
    const exit = await proc.stop();
    expect([exit.signal, lines.includes('ignoring SIGTERM')]).toEqual(['SIGKILL', true]);
  });

  it('says when the server exits before it is ready, with the end of its output', async () => {
    const { proc, grandchild } = await fake({ CRASH: 'no module named sklearn' });
    const gc = await grandchild();
    const err = await proc.ready().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScoringServerError);
    expect((err as Error).message).toMatch(/^The scoring server exited with status 3 before it was ready\.\nThe server's last output:\n/);
    expect((err as Error).message).toContain('loading the model failed: no module named sklearn');
    expect(await ends(gc)).toBe(true); // what it left in its group goes too
  });

  it('gives up (and stops it) when /ping never answers 200', async () => {
    const { proc } = await fake({ PING: '503' }, { readyTimeoutMs: 1500 });
    const err = await proc.ready().catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^The scoring server was not ready after 2 s \(GET http:\/\/127\.0\.0\.1:\d+\/ping never answered 200\); it was stopped\./);
    expect((await proc.exited).signal).toBe('SIGTERM');
  });

  it('stops waiting when cancelled', async () => {
    const { proc } = await fake({ DELAY: '60000' });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new Error('cancelled by the test')), 200);
    await expect(proc.ready(cancel.signal)).rejects.toThrow('cancelled by the test');
    expect((await proc.exited).signal).toBe('SIGTERM');
  });
});

describe('assertPortFree', () => {
  it('refuses a taken port, saying which and what to do', async () => {
    const srv = createServer();
    const port = await new Promise<number>((r) => srv.listen(0, '127.0.0.1', () => r((srv.address() as { port: number }).port)));
    try {
      const err = await assertPortFree('127.0.0.1', port).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortTakenError);
      expect((err as Error).message).toBe(`Port ${port} on 127.0.0.1 is taken by another program: choose another port, or stop what listens there.`);
    } finally {
      srv.close();
    }
    await expect(assertPortFree('127.0.0.1', port)).resolves.toBeUndefined();
  });
});
