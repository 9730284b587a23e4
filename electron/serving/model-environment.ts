import type { EnvManager } from '../../shared/ipc/serving-types';
import { probePython, PythonEnvError, type PythonFacts } from './python-probe';

export interface ModelEnvironment {
  facts: PythonFacts;
  /** The environment the scoring server runs with. */
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
  baseEnv?: NodeJS.ProcessEnv;
}

/**
 * The Python the scoring server runs in. `local`: --python, else python3 (or python) on PATH,
 * which must have MLflow. `virtualenv` and `uv` need the environment builder (electron/python-env),
 * which this build does not have yet: refused with a clear message.
 */
export async function prepareModelEnvironment(opts: PrepareModelEnvironmentOptions): Promise<ModelEnvironment> {
  const env = { ...(opts.baseEnv ?? process.env) };
  if (opts.envManager !== 'local') {
    throw new PythonEnvError(`--env-manager ${opts.envManager} is not available in this build of Sextant yet: use --env-manager local with a Python that has MLflow and the model's packages (--python PATH).`);
  }
  const candidates = opts.python ? [opts.python] : ['python3', 'python'];
  let lastError: unknown = null;
  for (const python of candidates) {
    try {
      const facts = await probePython(python, env, opts.signal);
      opts.log(`python: ${python} (Python ${facts.pythonVersion}, MLflow ${facts.mlflowVersion})`);
      return { facts, env };
    } catch (err) {
      lastError = err;
      if (!(err instanceof PythonEnvError) || !/^No Python at/.test(err.message)) throw err;
    }
  }
  throw lastError instanceof Error ? lastError : new PythonEnvError('No Python found.');
}
