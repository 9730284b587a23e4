import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { invalidParam } from '../../shared/domain/mlflow-error';

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const FORBIDDEN_CHARS = process.platform === 'win32' ? /[\u0000-\u001f\\:*?"<>|#]/ : /[\u0000-\u001f\\?#]/;
const DRIVE_LETTER = /^[a-z]:/i;
const STILL_ENCODED = /%[0-9a-f]{2}/i;

/**
 * Splits an artifact path (already URL-decoded once) into safe segments. Refused: absolute
 * paths, drive letters, empty, `.` and `..` segments, backslashes, `?` and `#`, NUL and
 * control characters, and anything still percent-encoded (double or triple encoding,
 * CVE-2023-6831). Never decodes again. A trailing slash is ignored.
 */
export function artifactSegments(path: string, what = 'path'): string[] {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return [];
  const segments = trimmed.split('/');
  const bad = (seg: string) => seg === '' || seg === '.' || seg === '..' || FORBIDDEN_CHARS.test(seg) || STILL_ENCODED.test(seg) || DRIVE_LETTER.test(seg);
  if (segments.some(bad)) {
    throw invalidParam(
      `Invalid artifact ${what} '${path.slice(0, 200)}': it must be a relative path without a leading '/', drive letter, '..', '.', ` +
        'empty segments, backslashes, ? or #, or control characters.',
    );
  }
  return segments;
}

/**
 * Resolves safe segments under `root` and checks, through the real filesystem, that no
 * symlink on the way leads outside it. Returns the absolute path (which may not exist yet).
 */
export function confinedPath(root: string, segments: string[]): string {
  const full = join(root, ...segments);
  const realRoot = realpathSync(root);
  let probe = full;
  while (!existsSync(probe)) {
    const parent = dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  const real = realpathSync(probe);
  if (real !== realRoot && !real.startsWith(realRoot + sep)) {
    throw invalidParam('Invalid artifact path: it resolves outside the artifact store.');
  }
  return full;
}
