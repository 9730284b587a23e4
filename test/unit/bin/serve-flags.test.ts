import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVE_V8_FLAGS, restartWithServeFlags } from '../../../bin/serve-flags.js';

type Call = { file: string; args: string[]; env: NodeJS.ProcessEnv };

function proc(env: NodeJS.ProcessEnv = {}, execArgv: string[] = [], withExecve = true) {
  const calls: Call[] = [];
  const execve = (file: string, args: string[], e: NodeJS.ProcessEnv) => {
    calls.push({ file, args, env: e });
    return undefined as never;
  };
  return { calls, p: { env, execArgv, execPath: '/usr/bin/node', script: '/app/bin/sextant.js', ...(withExecve ? { execve } : {}) } };
}

describe('restartWithServeFlags', () => {
  it('replaces `serve` with itself started with the flags, marking that it did', () => {
    const { calls, p } = proc({ PATH: '/bin' }, ['--enable-source-maps']);
    expect(restartWithServeFlags(['serve', '--store', 's'], p)).toBe(true);
    expect(calls).toEqual([
      {
        file: '/usr/bin/node',
        args: ['/usr/bin/node', '--enable-source-maps', DEFAULT_SERVE_V8_FLAGS, '/app/bin/sextant.js', 'serve', '--store', 's'],
        env: { PATH: '/bin', SEXTANT_SERVE_FLAGS_APPLIED: '1' },
      },
    ]);
  });

  it('leaves other commands, a second start, and flags already given alone', () => {
    const cases = [
      { args: ['import', 'x'], ...proc() },
      { args: ['serve'], ...proc({ SEXTANT_SERVE_FLAGS_APPLIED: '1' }) },
      { args: ['serve'], ...proc({}, ['--max-semi-space-size=64']) },
      { args: ['serve'], ...proc({ NODE_OPTIONS: '--max-semi-space-size=8' }) },
      { args: ['serve'], ...proc({ SEXTANT_SERVE_V8_FLAGS: '' }) },
      { args: ['serve'], ...proc({}, [], false) }, // no process.execve (Node < 22.15)
    ];
    for (const c of cases) {
      expect(restartWithServeFlags(c.args, c.p)).toBe(false);
      expect(c.calls).toEqual([]);
    }
  });

  it('takes its flags from SEXTANT_SERVE_V8_FLAGS', () => {
    const { calls, p } = proc({ SEXTANT_SERVE_V8_FLAGS: '--max-semi-space-size=64  --min-semi-space-size=16' });
    restartWithServeFlags(['serve'], p);
    expect(calls[0]!.args).toEqual(['/usr/bin/node', '--max-semi-space-size=64', '--min-semi-space-size=16', '/app/bin/sextant.js', 'serve']);
  });
});
