import { isAbsolutePath } from '../../shared/ipc/transfer-types';

/** Why a typed path cannot be used yet (null when it can): it is read on the machine running Sextant. */
export function pathProblem(path: string, what: string): string | null {
  const p = path.trim();
  if (!p) return `Choose ${what}.`;
  if (!isAbsolutePath(p)) return `Type the full path of ${what}, from the root (e.g. /home/me/mlruns or C:\\data\\mlflow.db).`;
  return null;
}
