import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EnvManager } from '../../shared/ipc/serving-types';
import { defaultEnvCacheDir, EnvironmentUnavailableError, prepareEnvironment } from '../python-env';
import { childEnv } from '../secrets/child-env';
import type { RemoteSecretFields } from '../secrets/secret-place';
import { probePython, type PythonFacts } from './python-probe';

export interface ModelEnvironment {
  facts: PythonFacts;
  /** The environment the scoring server runs with (without the secrets childEnv leaves out). */
  env: NodeJS.ProcessEnv;
}

export interface PrepareModelEnvironmentOptions {
  envManager: EnvManager;
  /** --python: the interpreter (local), or the base interpreter a virtualenv is made from. */
  python?: string;
  /** The materialized model folder (its python_env.yaml describes the environment). */
  modelDir: string;
  log: (line: string) => void;
  signal?: AbortSignal;
  /** The store's remotes: the variables holding their secrets are not passed to pip, uv, venv, the probe or the server. */
  remotes: readonly RemoteSecretFields[];
  /** The variables to start from (default process.env); tests set PATH. */
  baseEnv?: NodeJS.ProcessEnv;
  /** Where built environments are kept (default: the user's cache, shared with `sextant run`). */
  cacheDir?: string;
}

/**
 * The Python the scoring server runs in, which must have MLflow. `local`: --python, else
 * python3/python on PATH. `virtualenv` / `uv`: an environment built from the model's
 * python_env.yaml (cached by its content; electron/python-env), from --python or the Python on PATH.
 * Throws EnvironmentUnavailableError saying what to do.
 */
export async function prepareModelEnvironment(opts: PrepareModelEnvironmentOptions): Promise<ModelEnvironment> {
  const envFile = join(opts.modelDir, 'python_env.yaml');
  if (opts.envManager !== 'local' && !existsSync(envFile)) {
    throw new EnvironmentUnavailableError(`--env-manager ${opts.envManager}: the model has no python_env.yaml to build its environment from; use --env-manager local with a Python that has its packages (--python PATH).`);
  }
  // never the store's remote secrets, MLflow's or Sextant's credentials (issue 12)
  const baseEnv = childEnv(opts.baseEnv ?? process.env, opts.remotes);
  const prepared = await prepareEnvironment({
    manager: opts.envManager,
    ...(opts.python ? { python: opts.python } : {}),
    ...(opts.envManager === 'local' ? {} : { envFile }),
    cacheDir: opts.cacheDir ?? defaultEnvCacheDir(baseEnv),
    log: opts.log,
    ...(opts.signal ? { signal: opts.signal } : {}),
    baseEnv,
  });
  // in the model's private temp folder, as the server will run
  const facts = await probePython(prepared.python, prepared.env, dirname(opts.modelDir), opts.signal);
  opts.log(`python: ${prepared.python} (Python ${facts.pythonVersion}, MLflow ${facts.mlflowVersion}${prepared.envDir ? `, ${opts.envManager} environment ${prepared.envDir}` : ''})`);
  return { facts, env: prepared.env };
}
