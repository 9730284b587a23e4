import { mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareModelEnvironment } from '../../../../electron/serving/model-environment';
import { scoringCommand } from '../../../../electron/serving/serve-model';
import { venvBin } from '../../../support/paths';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function modelDir(withEnvFile: boolean): string {
  const dir = join(tempDir(), 'model');
  mkdirSync(dir);
  writeFileSync(join(dir, 'MLmodel'), 'flavors: {}\n');
  if (withEnvFile) writeFileSync(join(dir, 'python_env.yaml'), 'python: 3.11\ndependencies:\n  - mlflow\n');
  return dir;
}

describe('prepareModelEnvironment', () => {
  it("local: the given Python, which has MLflow and its FastAPI scoring app, run with uvicorn through the launcher", async () => {
    const lines: string[] = [];
    const dir = modelDir(false);
    const { facts, env } = await prepareModelEnvironment({ envManager: 'local', python: venvBin('python'), modelDir: dir, log: (l) => lines.push(l), cacheDir: tempDir(), remotes: [] });
    expect(facts).toMatchObject({ python: venvBin('python'), mlflowVersion: '3.17.2', uvicornApp: true });
    expect(lines).toEqual([`python: ${venvBin('python')} (Python ${facts.pythonVersion}, MLflow 3.17.2)`]);
    expect(env.PATH?.split(':')).toContain(join(venvBin('python'), '..'));
    const cmd = scoringCommand(facts, dir, '127.0.0.1', 5001);
    expect([cmd.command, cmd.args[0], ...cmd.args.slice(2)]).toEqual([venvBin('python'), '-c', 'uvicorn', '--host', '127.0.0.1', '--port', '5001', 'mlflow.pyfunc.scoring_server.app:app']);
    expect(cmd.env).toEqual({ __pyfunc_model_path__: dir, PYTHONUNBUFFERED: '1' });
    expect(cmd.cwd).toBe(dirname(dir)); // the model's private temp folder, not the caller's: an mlruns/ MLflow makes goes with it
    expect(scoringCommand({ ...facts, uvicornApp: false }, dir, '::1', 6000).args.slice(2)).toEqual(['mlflow', 'models', 'serve', '-m', dir, '--env-manager', 'local', '-h', '::1', '-p', '6000']);
  });

  it("virtualenv: builds the environment from the model's python_env.yaml (cached), then checks it has MLflow", async () => {
    const dir = modelDir(false);
    writeFileSync(join(dir, 'python_env.yaml'), 'python: "3"\nbuild_dependencies: []\ndependencies: []\n'); // nothing to install: no network needed
    const cacheDir = tempDir();
    const lines: string[] = [];
    const opts = { envManager: 'virtualenv' as const, python: venvBin('python'), modelDir: dir, log: (l: string) => lines.push(l), cacheDir, remotes: [] };
    await expect(prepareModelEnvironment(opts)).rejects.toThrow(new RegExp(`^MLflow is not installed in ${cacheDir}/virtualenv-[0-9a-f]+/bin/python `));
    expect(lines.some((l) => l.startsWith(`creating a virtualenv environment in ${cacheDir}/virtualenv-`))).toBe(true);
    lines.length = 0;
    await expect(prepareModelEnvironment(opts)).rejects.toThrow('MLflow is not installed in');
    expect(lines.some((l) => l.startsWith('using the cached virtualenv environment'))).toBe(true);
  });

  it('says what to do when the Python cannot serve or the environment cannot be built', async () => {
    const dir = modelDir(false);
    const opts = { modelDir: dir, log: () => {}, cacheDir: tempDir(), remotes: [] };
    await expect(prepareModelEnvironment({ ...opts, envManager: 'local', python: join(dir, 'no-python') })).rejects.toThrow(`--python ${join(dir, 'no-python')}: no such Python executable`);
    // a Python without MLflow: the venv's, with its site-packages left out (-S)
    const bare = join(dir, 'bare-python');
    writeFileSync(bare, `#!/bin/sh\nexec '${venvBin('python')}' -S "$@"\n`, { mode: 0o755 });
    await expect(prepareModelEnvironment({ ...opts, envManager: 'local', python: bare })).rejects.toThrow(`MLflow is not installed in ${bare} (Python `);
    await expect(prepareModelEnvironment({ ...opts, envManager: 'local', python: bare })).rejects.toThrow('): install it there (pip install mlflow), give another --python, or use --env-manager virtualenv.');
    await expect(prepareModelEnvironment({ ...opts, envManager: 'virtualenv' })).rejects.toThrow('--env-manager virtualenv: the model has no python_env.yaml to build its environment from');
    await expect(prepareModelEnvironment({ ...opts, modelDir: modelDir(true), envManager: 'uv', baseEnv: { PATH: '/nonexistent' }, python: venvBin('python') })).rejects.toThrow("--env-manager uv: 'uv' is not on PATH");
  });

  it("keeps the store's remote secrets and MLflow's and Sextant's credentials from venv and the probe, which runs in the model's temp folder", async () => {
    const root = tempDir();
    const records = join(root, 'records');
    mkdirSync(records);
    // a Python that notes how it was run (argv, folder, variables) when REC_DIR is set, then runs the venv's Python
    const python = join(root, 'recording-python');
    writeFileSync(python, `#!/bin/sh\nif [ -n "$REC_DIR" ]; then { echo "args: $*"; echo "cwd: $(pwd -P)"; env; } > "$REC_DIR/run-$$.txt"; fi\nexec '${venvBin('python')}' "$@"\n`, { mode: 0o755 });
    const remotes = [{ name: 'team', url: 'https://team.example.com', authKind: 'bearer' as const, secretEnv: 'TEAM_TOKEN' }];
    const baseEnv = { ...process.env, REC_DIR: records, TEAM_TOKEN: 'secret-of-team', MLFLOW_TRACKING_PASSWORD: 'secret-of-mlflow', SEXTANT_TOKEN: 'secret-of-sextant', KEEP_ME: 'kept' };
    const runs = () => readdirSync(records).map((f) => readFileSync(join(records, f), 'utf8'));

    const dir = modelDir(false);
    const { env } = await prepareModelEnvironment({ envManager: 'local', python, modelDir: dir, log: () => {}, cacheDir: join(root, 'cache'), remotes, baseEnv });
    expect(Object.keys(env).filter((k) => String(env[k]).startsWith('secret-of-'))).toEqual([]);
    expect(env.KEEP_ME).toBe('kept');
    const probe = runs().filter((r) => r.includes('args: -c import sys, json'));
    expect(probe).toHaveLength(1);
    expect(probe[0]).toContain(`\ncwd: ${realpathSync(dirname(dir))}\n`);
    expect(probe[0]).toContain('\nKEEP_ME=kept\n');
    expect(probe[0]).not.toContain('secret-of-');

    const venvDir = modelDir(false);
    writeFileSync(join(venvDir, 'python_env.yaml'), 'python: "3"\nbuild_dependencies: []\ndependencies: []\n');
    await expect(prepareModelEnvironment({ envManager: 'virtualenv', python, modelDir: venvDir, log: () => {}, cacheDir: join(root, 'cache'), remotes, baseEnv })).rejects.toThrow('MLflow is not installed in');
    const venv = runs().filter((r) => r.includes('args: -m venv'));
    expect(venv).toHaveLength(1);
    expect(venv[0]).toContain('\nKEEP_ME=kept\n');
    expect(venv[0]).not.toContain('secret-of-');
  });
});
