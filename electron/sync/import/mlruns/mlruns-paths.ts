import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a file store keeps things, and where its artifacts may have moved. */
export interface MlrunsRoots {
  /** The mlruns folder itself. */
  root: string;
  /** A moved artifact root (--artifacts DIR): tried for what the recorded location no longer holds. */
  artifactsDir?: string;
}

/** A local path from a recorded artifact location (`file:` URI or plain path); null for another scheme. */
export function localPathOf(uri: string): string | null {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri.startsWith('file://') ? uri : `file://${uri.slice(5)}`);
    } catch {
      return uri.slice(5);
    }
  }
  if (isAbsolute(uri)) return uri;
  return /^[a-z][a-z0-9+.-]*:/i.test(uri) ? null : uri;
}

/**
 * The folder holding an artifact location's files, trying in turn: the recorded path; the same
 * place inside this mlruns folder (`<exp>/<run>/artifacts`, when the folder was copied elsewhere);
 * `mlflow-artifacts:` paths in the server's `mlartifacts/` next to mlruns; and each of those
 * relative to the moved root. `tail` is the location's path relative to its experiment folder
 * (e.g. `<run>/artifacts`). Null when none exists.
 */
export function findArtifactDir(roots: MlrunsRoots, uri: string, experimentId: string, tail: string): { dir: string | null; tried: string[] } {
  const tried: string[] = [];
  const local = localPathOf(uri);
  if (local) tried.push(local);
  tried.push(join(roots.root, experimentId, tail));
  const served = /^mlflow-artifacts:\/*(.*)$/.exec(uri);
  if (served) tried.push(join(dirname(roots.root), 'mlartifacts', served[1]!));
  if (roots.artifactsDir) {
    tried.push(join(roots.artifactsDir, experimentId, tail));
    if (served) tried.push(join(roots.artifactsDir, served[1]!));
    if (local) tried.push(join(roots.artifactsDir, tail), join(roots.artifactsDir, local.split(/[\\/]/).slice(-3).join('/')));
  }
  return { dir: tried.find((p) => existsSync(p)) ?? null, tried };
}
