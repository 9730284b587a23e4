import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The MLflow client matrix: one venv per MLflow major version, made by test/conformance/python-env.mjs. */
export type MlflowLine = 'mlflow3' | 'mlflow2';
export const venvDirs: Record<MlflowLine, string> = {
  /** MLflow 3.x, the newest: the 3.x client, the reference `mlflow server`, mlflow-export-import. */
  mlflow3: join(repoRoot, '.cache', 'venv'),
  /** MLflow 2.x, the last: the 2.x client. */
  mlflow2: join(repoRoot, '.cache', 'venv-mlflow2'),
};
/** The newest MLflow's venv, the default everywhere. */
export const venvDir = venvDirs.mlflow3;
export const venvBin = (name: string, line: MlflowLine = 'mlflow3') => join(venvDirs[line], 'bin', name);
export const sextantBin = join(repoRoot, 'bin', 'sextant.js');
