import fs from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

const inside = (root: string, target: string) => {
  const rel = relative(root, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/**
 * Maps the path of an app:// URL to a file under `root`, lexically. The path is decoded once;
 * NUL bytes, backslashes, colons (drive letters, streams), empty, `.` and `..` segments are
 * refused rather than normalised away. `/` is the entry page. Null means "no such file".
 */
export function resolveAppPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  if (!decoded.startsWith('/') || /[\0\\:]/.test(decoded)) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  const file = resolve(root, ...segments);
  return inside(resolve(root), file) ? file : null;
}

/**
 * The real path of `file` if it is a regular file whose real path stays inside the real path of
 * `root`: a symlink inside the renderer folder that points outside it is not served. Uses
 * `fs.promises` through the module object so Electron's asar-aware versions are the ones called.
 */
export async function confineToRoot(root: string, file: string): Promise<string | null> {
  try {
    const [realRoot, realFile] = await Promise.all([fs.promises.realpath(root), fs.promises.realpath(file)]);
    if (!inside(realRoot, realFile)) return null;
    return (await fs.promises.stat(realFile)).isFile() ? realFile : null;
  } catch {
    return null; // missing, unreadable, or a dangling link
  }
}

/** Both checks: the file an app:// path may be answered with, or null for a 404. */
export async function locateAppFile(root: string, urlPath: string): Promise<string | null> {
  const file = resolveAppPath(root, urlPath);
  return file ? confineToRoot(root, file) : null;
}
