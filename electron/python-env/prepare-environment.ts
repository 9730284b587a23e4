import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ENV_MANAGERS, type EnvManager } from '../../shared/ipc/env-managers';
import { buildOnce, envKey } from './env-cache';
import { findOnPath, isExecutable, resolvePython } from './find-executable';
import { pipArgs, readPythonEnvFile, type PythonEnvSpec } from './python-env-file';
import { runProcess } from './run-process';

export { ENV_MANAGERS, type EnvManager };

export interface PrepareEnvironmentOptions {
  manager: EnvManager;
  /** The interpreter to run (local) or to build from (virtualenv, uv): a path or a name on PATH; default python3/python on PATH. */
  python?: string;
  /** MLflow's python_env.yaml to build from (virtualenv, uv). */
  envFile?: string | null;
  /** Or the folder holding it (a project or a model folder); ignored when envFile is given. */
  projectDir?: string;
  /** Where built environments are kept, one folder per content hash (e.g. defaultEnvCacheDir()). */
  cacheDir: string;
  /** Progress lines for a person (creating, installing, pip's output). */
  log: (line: string) => void;
  /** Aborting stops a build (the half-built environment is removed). */
  signal?: AbortSignal;
  /** The variables the result extends (default process.env). */
  baseEnv?: NodeJS.ProcessEnv;
}

export interface PreparedEnvironment {
  /** The interpreter's full path. */
  python: string;
  /** baseEnv with PATH (and VIRTUAL_ENV) set so `python`, `pip` and the environment's scripts come first. */
  env: Record<string, string>;
  manager: EnvManager;
  /** The environment's folder (virtualenv, uv), null for local. */
  envDir: string | null;
  /** Whether a built environment was reused. */
  cached: boolean;
}

/** The environment cannot be had here (no uv, no Python, pip failed): one line a person acts on. */
export class EnvironmentUnavailableError extends Error {
  override name = 'EnvironmentUnavailableError';
}

const isWindows = process.platform === 'win32';
const binDirOf = (envDir: string) => join(envDir, isWindows ? 'Scripts' : 'bin');
const pythonIn = (envDir: string) => join(binDirOf(envDir), isWindows ? 'python.exe' : 'python');

/** The user's cache folder for built environments ($SEXTANT_ENV_CACHE to override). */
export function defaultEnvCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SEXTANT_ENV_CACHE) return env.SEXTANT_ENV_CACHE;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'Sextant', 'python-envs');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Sextant', 'Cache', 'python-envs');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sextant', 'python-envs');
}

/** Gives the Python to run and the variables to run it with, building (or reusing) an environment when asked. */
export async function prepareEnvironment(opts: PrepareEnvironmentOptions): Promise<PreparedEnvironment> {
  const baseEnv = opts.baseEnv ?? process.env;
  let basePython: string;
  try {
    basePython = resolvePython(opts.python, baseEnv);
  } catch (err) {
    throw new EnvironmentUnavailableError((err as Error).message);
  }
  if (opts.manager === 'local') {
    const binDir = localBinDir(basePython, opts.cacheDir);
    return { python: basePython, env: withPath(baseEnv, binDir), manager: 'local', envDir: null, cached: false };
  }
  const uv = opts.manager === 'uv' ? findOnPath('uv', baseEnv) : null;
  if (opts.manager === 'uv' && !uv) {
    throw new EnvironmentUnavailableError("--env-manager uv: 'uv' is not on PATH (install uv, or use --env-manager virtualenv or local)");
  }
  const envFile = opts.envFile ?? (opts.projectDir && existsSync(join(opts.projectDir, 'python_env.yaml')) ? join(opts.projectDir, 'python_env.yaml') : null);
  let spec: PythonEnvSpec;
  try {
    spec = envFile ? readPythonEnvFile(envFile) : { python: null, buildDependencies: [], dependencies: [], dir: opts.projectDir ?? process.cwd(), contents: '' };
  } catch (err) {
    throw new EnvironmentUnavailableError((err as Error).message);
  }
  const version = await pythonVersion(basePython, baseEnv);
  if (spec.python && !sameVersion(spec.python, version)) {
    opts.log(`note: python_env.yaml asks for Python ${spec.python}; building with ${basePython} (Python ${version}), as Sextant does not download Pythons (pass --python for another)`);
  }
  const envDir = join(opts.cacheDir, `${opts.manager}-${envKey([opts.manager, basePython, version, spec.contents])}`);
  mkdirSync(opts.cacheDir, { recursive: true });
  const build = async () => {
    opts.log(`creating a ${opts.manager} environment in ${envDir} (Python ${version})`);
    const installs = [spec.buildDependencies, spec.dependencies].filter((l) => l.length);
    if (uv) {
      await step(uv, ['venv', '--python', basePython, envDir], opts, baseEnv, spec.dir, 'uv venv');
      for (const reqs of installs) await step(uv, ['pip', 'install', '--python', pythonIn(envDir), ...pipArgs(reqs)], opts, baseEnv, spec.dir, 'uv pip install');
    } else {
      await step(basePython, ['-m', 'venv', ...(installs.length ? [] : ['--without-pip']), envDir], opts, baseEnv, spec.dir, 'python -m venv');
      for (const reqs of installs) await step(pythonIn(envDir), ['-m', 'pip', 'install', '--disable-pip-version-check', ...pipArgs(reqs)], opts, baseEnv, spec.dir, 'pip install');
    }
  };
  const how = await buildOnce(envDir, build, opts.signal);
  if (how === 'cached') opts.log(`using the cached ${opts.manager} environment ${envDir}`);
  const env = withPath(baseEnv, binDirOf(envDir));
  env.VIRTUAL_ENV = envDir;
  return { python: pythonIn(envDir), env, manager: opts.manager, envDir, cached: how === 'cached' };
}

async function step(file: string, args: string[], opts: PrepareEnvironmentOptions, env: NodeJS.ProcessEnv, cwd: string, what: string): Promise<void> {
  let result;
  try {
    result = await runProcess(file, args, { cwd, env, onLine: opts.log, ...(opts.signal ? { signal: opts.signal } : {}) });
  } catch (err) {
    throw new EnvironmentUnavailableError(`${what} could not start: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (opts.signal?.aborted) throw new EnvironmentUnavailableError('cancelled while preparing the environment');
  if (result.code !== 0) {
    const last = result.tail.at(-1) ?? '';
    throw new EnvironmentUnavailableError(`${what} failed (exit ${result.code ?? result.signal})${last ? `: ${last}` : ''}`);
  }
}

const execFileP = promisify(execFile);

async function pythonVersion(python: string, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await execFileP(python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { timeout: 30_000, env });
    return stdout.trim();
  } catch (err) {
    throw new EnvironmentUnavailableError(`${python} does not run as Python: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** "3.11" matches 3.11.7; "3.11.7" only itself. */
function sameVersion(wanted: string, actual: string): boolean {
  const w = wanted.trim().split('.');
  const a = actual.split('.');
  return w.every((part, i) => part === a[i]);
}

/** baseEnv (without undefined values) with binDir first on PATH. */
function withPath(baseEnv: NodeJS.ProcessEnv, binDir: string | null): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(baseEnv)) if (v !== undefined) env[k] = v;
  delete env.PYTHONHOME;
  if (binDir) {
    const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
    env[key] = env[key] ? `${binDir}${delimiter}${env[key]}` : binDir;
  }
  return env;
}

/**
 * The folder to put first on PATH so that `python` (what MLproject commands call) is this
 * interpreter: its own folder when it holds a `python`, else a small shim folder in the cache.
 */
function localBinDir(python: string, cacheDir: string): string | null {
  const dir = dirname(python);
  if (isExecutable(join(dir, isWindows ? 'python.exe' : 'python'))) return dir;
  if (isWindows) return dir;
  const shimDir = join(cacheDir, 'shims', envKey([python]));
  const shim = join(shimDir, 'python');
  if (!existsSync(shim)) {
    mkdirSync(shimDir, { recursive: true });
    writeFileSync(shim, `#!/bin/sh\nexec '${python.replaceAll("'", "'\\''")}' "$@"\n`, { mode: 0o755 });
  }
  return `${shimDir}${delimiter}${dir}`;
}
