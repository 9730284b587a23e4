import { execFile } from 'node:child_process';
import { EnvironmentUnavailableError } from '../python-env';

/** What the scoring server needs from a Python: MLflow, and how its scoring server is started. */
export interface PythonFacts {
  python: string;
  pythonVersion: string;
  mlflowVersion: string;
  /** MLflow 3's FastAPI scoring app and uvicorn are there (else `python -m mlflow models serve` is used). */
  uvicornApp: boolean;
}

const PROBE = [
  'import sys, json, importlib.util as u',
  'out = {"python": sys.version.split()[0], "mlflow": None, "app": False}',
  'try:',
  '    import mlflow.version as v; out["mlflow"] = v.VERSION',
  '    out["app"] = u.find_spec("uvicorn") is not None and u.find_spec("mlflow.pyfunc.scoring_server.app") is not None',
  'except Exception as e:',
  '    out["error"] = repr(e)[:300]',
  'print(json.dumps(out))',
].join('\n');

/** Asks a Python what it has (run in `cwd`, a private folder); throws EnvironmentUnavailableError saying what to do when it cannot serve models. */
export function probePython(python: string, env: NodeJS.ProcessEnv, cwd: string, signal?: AbortSignal): Promise<PythonFacts> {
  return new Promise((resolve, reject) => {
    execFile(python, ['-c', PROBE], { env, cwd, timeout: 60_000, maxBuffer: 1024 * 1024, ...(signal ? { signal } : {}) }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return reject(new EnvironmentUnavailableError(`No Python at '${python}': put python on PATH or give --python PATH.`));
        if (code === 'ABORT_ERR') return reject(err);
        return reject(new EnvironmentUnavailableError(`'${python}' did not run: ${lastLine(stderr) || err.message}`));
      }
      let facts: { python: string; mlflow: string | null; app: boolean; error?: string };
      try {
        facts = JSON.parse(stdout.trim().split('\n').pop() ?? '') as typeof facts;
      } catch {
        return reject(new EnvironmentUnavailableError(`'${python}' is not a Python that Sextant can use (it printed: ${stdout.slice(0, 200)})`));
      }
      if (!facts.mlflow) {
        return reject(new EnvironmentUnavailableError(`MLflow is not installed in ${python} (Python ${facts.python}): install it there (pip install mlflow), give another --python, or use --env-manager virtualenv.`));
      }
      resolve({ python, pythonVersion: facts.python, mlflowVersion: facts.mlflow, uvicornApp: facts.app });
    });
  });
}

const lastLine = (text: string) => text.trim().split('\n').pop()?.slice(0, 300) ?? '';
