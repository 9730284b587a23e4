import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentUnavailableError, prepareEnvironment } from '../../../../electron/python-env';
import { envKey } from '../../../../electron/python-env/env-cache';
import { parsePythonEnv, pipArgs } from '../../../../electron/python-env/python-env-file';
import { venvBin } from '../../../support/paths';
import { useTempDirs } from '../../../support/temp-dir';

const temp = useTempDirs();
const python = venvBin('python');

describe('prepareEnvironment', () => {
  it('local: the given Python, first on PATH so `python` in a command is it', async () => {
    const got = await prepareEnvironment({ manager: 'local', python, cacheDir: temp(), log: () => {} });
    expect(got).toMatchObject({ python, manager: 'local', envDir: null });
    expect(execFileSync('/bin/sh', ['-c', 'command -v python'], { env: got.env, encoding: 'utf8' }).trim()).toBe(python);
  });

  it('local: a python3 with no `python` beside it gets a shim that runs it', async () => {
    const bin = temp();
    symlinkSync(python, join(bin, 'python3.11'));
    const got = await prepareEnvironment({ manager: 'local', python: join(bin, 'python3.11'), cacheDir: temp(), log: () => {}, baseEnv: { PATH: '/usr/bin:/bin' } });
    expect(execFileSync('/bin/sh', ['-c', 'python -c "import sys; print(sys.version_info[0])"'], { env: got.env, encoding: 'utf8' }).trim()).toBe('3');
  });

  it('uv: says plainly when uv is not on PATH; a missing Python too', async () => {
    const noUv = prepareEnvironment({ manager: 'uv', python, cacheDir: temp(), log: () => {}, baseEnv: { PATH: temp() } });
    await expect(noUv).rejects.toBeInstanceOf(EnvironmentUnavailableError);
    await expect(noUv).rejects.toThrow("'uv' is not on PATH");
    await expect(prepareEnvironment({ manager: 'local', python: '/no/such/python', cacheDir: temp(), log: () => {} })).rejects.toThrow(/no such Python executable/);
  });

  it('virtualenv: builds once per python_env.yaml content, reuses it, and removes a failed build', async () => {
    const cacheDir = temp();
    const project = temp();
    writeFileSync(join(project, 'python_env.yaml'), 'python: "3"\ndependencies: []\n');
    const lines: string[] = [];
    const first = await prepareEnvironment({ manager: 'virtualenv', python, projectDir: project, cacheDir, log: (l) => lines.push(l) });
    expect(first.cached).toBe(false);
    expect(first.envDir!.startsWith(join(cacheDir, 'virtualenv-'))).toBe(true);
    expect(execFileSync(first.python, ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8' }).trim()).toBe(first.envDir);
    expect(first.env.VIRTUAL_ENV).toBe(first.envDir);
    const again = await prepareEnvironment({ manager: 'virtualenv', python, projectDir: project, cacheDir, log: () => {} });
    expect(again).toMatchObject({ cached: true, envDir: first.envDir });

    mkdirSync(join(project, 'other'));
    writeFileSync(join(project, 'other', 'python_env.yaml'), 'dependencies: ["--no-index", "surely-not-a-package-sextant"]\n');
    const failed = prepareEnvironment({ manager: 'virtualenv', python, envFile: join(project, 'other', 'python_env.yaml'), cacheDir, log: () => {}, baseEnv: { ...process.env, PIP_NO_INDEX: '1' } });
    await expect(failed).rejects.toThrow(/pip install failed/);
    expect(readdirSync(cacheDir)).toEqual([basename(first.envDir!)]);
  }, 120_000);
});

describe('prepareEnvironment with uv', () => {
  it('builds with `uv venv` and `uv pip install` (a stand-in uv that records its argv)', async () => {
    const bin = temp();
    const calls = join(temp(), 'calls.txt');
    // the stand-in: `uv venv --python P DIR` makes a venv with P; `uv pip install ...` records only
    writeFileSync(
      join(bin, 'uv'),
      `#!/bin/sh\necho "$*" >> '${calls}'\nif [ "$1" = venv ]; then exec "$3" -m venv --without-pip "$4"; fi\nexit 0\n`,
      { mode: 0o755 },
    );
    const project = temp();
    writeFileSync(join(project, 'python_env.yaml'), 'build_dependencies: [pip]\ndependencies: ["-r req.txt", "six"]\n');
    writeFileSync(join(project, 'req.txt'), 'numpy\n');
    const got = await prepareEnvironment({ manager: 'uv', python, projectDir: project, cacheDir: temp(), log: () => {}, baseEnv: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(got.envDir).toMatch(/\/uv-[0-9a-f]{20}$/);
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      `venv --python ${python} ${got.envDir}`,
      `pip install --python ${got.python} pip`,
      `pip install --python ${got.python} -r req.txt six`,
    ]);
  });
});

describe('python_env.yaml', () => {
  it('reads MLflow\'s format, keying the cache by the requirements files it names', () => {
    const dir = temp();
    writeFileSync(join(dir, 'requirements.txt'), 'numpy==1\n');
    const spec = parsePythonEnv('python: 3.11.7\nbuild_dependencies:\n  - pip\ndependencies:\n  - -r requirements.txt\n  - mlflow==3\n', dir);
    expect(spec).toMatchObject({ python: '3.11.7', buildDependencies: ['pip'], dependencies: ['-r requirements.txt', 'mlflow==3'] });
    expect(spec.contents).toContain('numpy==1');
    expect(pipArgs(spec.dependencies)).toEqual(['-r', 'requirements.txt', 'mlflow==3']);
    expect(() => parsePythonEnv('dependencies: 3\n', dir)).toThrow(/dependencies/);
    expect(envKey(['a', 'bc'])).not.toBe(envKey(['ab', 'c']));
  });
});
