import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceMissing } from '../import-source';

/** Where artifact folders are looked for besides the paths the database records. */
export interface ArtifactRoots {
  /** The folder holding mlflow.db: relative paths resolve against it, and `mlartifacts/` beside it is `mlflow server`'s default. */
  dbDir: string;
  /** A moved artifact root (`--artifacts DIR`): `mlflow-artifacts:` paths resolve in it, and moved `file:` folders are found in it. */
  artifactsDir?: string;
}

/** The folder found; nothing to read (the root is there but the item logged no artifacts); or missing. */
export type ArtifactDir = { dir: string } | { none: true } | SourceMissing;

/**
 * Resolves an artifact URI of a run or logged model recorded in mlflow.db to a local folder.
 * `mlflow-artifacts:/P` is `<artifactsDir or <dbDir>/mlartifacts>/P`; `file:` URIs and absolute
 * paths are used as they are and, when not there, looked for by their tail from the experiment
 * id (`<exp>/<run>/artifacts`) in the artifacts folder or beside the database (a moved or copied
 * root); relative paths resolve against the database's folder. MLflow writes nothing for an item
 * that logged no artifacts, so a missing folder in a root that exists means "none"; a root that
 * is not there at all is reported missing. Cloud URIs (s3:, gs:, …) cannot be read offline.
 */
export async function resolveArtifactDir(uri: string, experimentId: string, roots: ArtifactRoots): Promise<ArtifactDir> {
  const missing = (reason: string): SourceMissing => ({ missing: uri, reason });
  if (uri === '') return missing('no artifact location recorded');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]+):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'mlflow-artifacts') {
    const root = roots.artifactsDir ?? join(roots.dbDir, 'mlartifacts');
    const path = uri.replace(/^mlflow-artifacts:(\/\/[^/]*)?/i, '').replace(/^\/+/, '');
    const dir = resolve(root, path);
    if (relative(root, dir).startsWith('..')) return missing('the path leaves the artifact root');
    if (await isDir(dir)) return { dir };
    return (await isDir(root)) ? { none: true } : missing(`the artifact root ${root} is not there (--artifacts DIR: the folder mlflow server kept them in)`);
  }
  let local: string;
  if (scheme === 'file') {
    try {
      local = fileURLToPath(uri);
    } catch {
      return missing('not a local file URI');
    }
  } else if (scheme !== undefined && !(scheme.length === 1 && /^[a-zA-Z]:[\\/]/.test(uri))) {
    return missing(`${scheme}: artifacts are not read by import (download them first and pass --artifacts)`);
  } else {
    local = isAbsolute(uri) ? uri : resolve(roots.dbDir, uri);
  }
  return findLocal(local, experimentId, roots, missing);
}

async function findLocal(local: string, experimentId: string, roots: ArtifactRoots, missing: (r: string) => SourceMissing): Promise<ArtifactDir> {
  if (await isDir(local)) return { dir: local };
  const parts = local.split(/[\\/]+/);
  const at = parts.lastIndexOf(experimentId, parts.length - 2);
  const originalRoot = at > 0 ? parts.slice(0, at).join(sep) || sep : dirname(dirname(local));
  const tail = at > 0 ? parts.slice(at) : [];
  const moved = roots.artifactsDir ? [roots.artifactsDir] : [join(roots.dbDir, basename(originalRoot))];
  for (const base of moved) {
    if (tail.length > 0 && (await isDir(join(base, ...tail)))) return { dir: join(base, ...tail) };
  }
  for (const root of [originalRoot, ...moved]) if (await isDir(root)) return { none: true };
  return missing(`neither ${local} nor its artifact root ${originalRoot} is there${roots.artifactsDir ? ` (nor under ${roots.artifactsDir})` : ' (--artifacts DIR: where they are now)'}`);
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}
