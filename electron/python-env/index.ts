/**
 * Python environments for MLflow Projects (`sextant run`) and model serving (`sextant models
 * serve`): one call gives the interpreter to run and the environment variables to run it with.
 *
 *   const { python, env } = await prepareEnvironment({ manager: 'virtualenv', envFile: 'model/python_env.yaml',
 *     cacheDir: defaultEnvCacheDir(), log: (l) => console.error(l), signal });
 *   spawn(python, ['-m', 'mlflow', ...], { env });
 *
 * - `local`: `python` (a path or a name on PATH), else python3/python on PATH; nothing is built.
 * - `virtualenv`: `python -m venv` + pip install of python_env.yaml's build_dependencies then
 *   dependencies, cached under cacheDir by the hash of the file (and the requirements files it
 *   names), the manager and the interpreter: the second run reuses it.
 * - `uv`: the same with `uv venv` and `uv pip install`; EnvironmentUnavailableError when `uv` is not on PATH.
 *
 * Errors a person can act on are EnvironmentUnavailableError (one line, no stack).
 */
export { prepareEnvironment, defaultEnvCacheDir, EnvironmentUnavailableError, ENV_MANAGERS } from './prepare-environment';
export type { EnvManager, PrepareEnvironmentOptions, PreparedEnvironment } from './prepare-environment';
export { readPythonEnvFile, type PythonEnvSpec } from './python-env-file';
export { findOnPath, resolvePython } from './find-executable';
