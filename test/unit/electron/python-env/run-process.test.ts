import { describe, expect, it } from 'vitest';
import { groupAlive } from '../../../../electron/projects/process-group';
import { runProcess } from '../../../../electron/python-env/run-process';

const isGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe('runProcess', () => {
  it('gives the exit code and the last lines', async () => {
    const r = await runProcess('/bin/sh', ['-c', 'echo one; echo two >&2; exit 3']);
    expect(r.code).toBe(3);
    expect(r.tail.sort()).toEqual(['one', 'two']);
  });

  it('on cancel stops the program and the subprocesses it started (a build backend under pip), before it resolves', async () => {
    const ac = new AbortController();
    const lines: string[] = [];
    // the subprocess ignores SIGTERM, as a busy compiler may: it is killed after the grace time
    const done = runProcess('/bin/sh', ['-c', `sh -c 'trap "" TERM; echo sub $$; while :; do sleep 1; done' & wait`], {
      signal: ac.signal,
      graceMs: 500,
      onLine: (line) => {
        lines.push(line);
        if (line.startsWith('sub ')) ac.abort();
      },
    });
    const r = await done;
    expect(r.code === 0).toBe(false);
    const sub = Number(lines.find((l) => l.startsWith('sub '))!.slice(4));
    expect(isGone(sub)).toBe(true);
  });

  it('leaves nothing of its group running after a normal exit', async () => {
    const lines: string[] = [];
    await runProcess('/bin/sh', ['-c', 'sleep 60 >/dev/null 2>&1 & echo bg $!; echo pgid $$'], { graceMs: 500, onLine: (l) => lines.push(l) });
    const bg = Number(lines.find((l) => l.startsWith('bg '))!.slice(3));
    const pgid = Number(lines.find((l) => l.startsWith('pgid '))!.slice(5));
    expect(isGone(bg)).toBe(true);
    expect(groupAlive(pgid)).toBe(false);
  });
});
