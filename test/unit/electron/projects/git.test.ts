import { afterEach, describe, expect, it } from 'vitest';
import { git, stripCredentials, withoutCredentials } from '../../../../electron/projects/git';

const saved = { ...process.env };
afterEach(() => {
  for (const k of ['MLFLOW_TRACKING_PASSWORD', 'SEXTANT_TOKEN', 'KEEP_ME']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe('git', () => {
  it("runs without MLflow's and Sextant's credentials (and without the variables the caller leaves out)", async () => {
    Object.assign(process.env, { MLFLOW_TRACKING_PASSWORD: 'pw', SEXTANT_TOKEN: 'tok', KEEP_ME: 'kept' });
    // an alias starting with ! runs in a shell with git's environment
    const r = await git(['-c', 'alias.showenv=!env', 'showenv'], '/');
    expect(r.ok).toBe(true);
    expect(r.stdout).toContain('KEEP_ME=kept');
    expect(r.stdout).not.toMatch(/MLFLOW_TRACKING_PASSWORD|SEXTANT_TOKEN/);
    const given = await git(['-c', 'alias.showenv=!env', 'showenv'], '/', undefined, { PATH: process.env.PATH, ONLY_THIS: '1' });
    expect(given.stdout).toContain('ONLY_THIS=1');
    expect(given.stdout).not.toContain('KEEP_ME');
  });

  it('leaves the user:token@ part out of URLs', () => {
    expect(stripCredentials('https://u:tok@host/r')).toBe('https://host/r');
    expect(stripCredentials('git@host:r.git')).toBe('git@host:r.git');
    expect(withoutCredentials("fatal: unable to access 'https://u:tok@host/r/': 403, see ssh://me@other/x")).toBe("fatal: unable to access 'https://host/r/': 403, see ssh://other/x");
  });
});
