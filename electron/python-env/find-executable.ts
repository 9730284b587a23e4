import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** The full path of a program found on PATH (with PATHEXT on Windows), or null. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase()) : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

export function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Python to use: `given` (a path, or a name looked up on PATH), else python3 or python on PATH.
 * Throws with a sentence saying what to do when there is none.
 */
export function resolvePython(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (given) {
    const path = given.includes('/') || given.includes('\\') || isAbsolute(given) ? resolve(given) : findOnPath(given, env);
    if (!path || !isExecutable(path)) throw new Error(`--python ${given}: no such Python executable`);
    return path;
  }
  const found = findOnPath('python3', env) ?? findOnPath('python', env);
  if (!found) throw new Error('no Python found on PATH (python3 or python); install one or pass --python PATH');
  return found;
}
