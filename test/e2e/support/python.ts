import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { venvBin } from '../../support/paths';

/** The newest MLflow's venv made by test/conformance/python-env.mjs (mlflow 3.x and scikit-learn). */
export const PYTHON = venvBin('python');
export const hasPython = existsSync(PYTHON);

/**
 * Runs a Python script with the venv's interpreter against a tracking server and returns the
 * JSON object it prints on its last stdout line. Fails with the script's output otherwise.
 */
export function runPython<T>(script: string, trackingUri: string, args: string[] = [], timeoutMs = 180_000): Promise<T> {
  if (!hasPython) throw new Error(`${PYTHON} is missing: run node test/conformance/python-env.mjs first`);
  return new Promise((resolve, reject) => {
    execFile(
      PYTHON,
      ['-c', script, ...args],
      {
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, MLFLOW_TRACKING_URI: trackingUri, PYTHONWARNINGS: 'ignore', MLFLOW_ENABLE_ASYNC_LOGGING: 'false', GIT_PYTHON_REFRESH: 'quiet' },
      },
      (err, stdout, stderr) => {
        const last = stdout.trim().split('\n').at(-1) ?? '';
        if (err) return reject(new Error(`python failed: ${err.message}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`));
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`python printed no JSON on its last line:\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`));
        }
      },
    );
  });
}
