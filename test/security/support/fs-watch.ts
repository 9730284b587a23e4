import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

/** Every path under `root` (relative, '/'-separated, directories with a trailing '/'), sorted. */
export function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const st = lstatSync(full);
      const rel = relative(root, full).split('\\').join('/');
      if (st.isDirectory()) {
        out.push(`${rel}/`);
        walk(full);
      } else out.push(rel);
    }
  };
  walk(root);
  return out.sort();
}

/** A fingerprint of every entry under `root`: type, size, mtime, content hash, link target. */
export function fingerprintTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of listTree(root)) {
    const full = join(root, rel);
    const st = lstatSync(full);
    if (st.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(full)}`;
    else if (st.isDirectory()) out[rel] = `dir mtime=${st.mtimeMs}`;
    else out[rel] = `file ${st.size} mtime=${st.mtimeMs} sha256=${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
  }
  return out;
}

export const CANARY_TEXT = 'SEXTANT-CANARY-7f3a9c: this file lives outside the store and must never be served or changed';

/**
 * Canary files outside the store: a directory with a secret file (for read attempts) and a
 * victim file (for write/delete attempts). `verify()` asserts that nothing in it changed.
 */
export function makeCanaries(dir: string) {
  mkdirSync(join(dir, 'sub'), { recursive: true });
  const secret = join(dir, 'secret.txt');
  const victim = join(dir, 'sub', 'victim.txt');
  writeFileSync(secret, `${CANARY_TEXT} (secret)\n`);
  writeFileSync(victim, `${CANARY_TEXT} (victim)\n`);
  const before = fingerprintTree(dir);
  return {
    dir,
    secret,
    victim,
    verify(context = '') {
      expect(fingerprintTree(dir), `canary directory ${dir} changed ${context}`).toEqual(before);
    },
  };
}

/** A response body must carry none of the canary text nor /etc/passwd content. */
export function expectNoLeak(body: string, context: string): void {
  expect(body.includes('SEXTANT-CANARY-7f3a9c'), `canary bytes served — ${context}`).toBe(false);
  expect(/root:[^:\n]*:0:0:/.test(body), `/etc/passwd served — ${context}`).toBe(false);
  expect(/\[fonts\]|\[extensions\]/i.test(body), `win.ini served — ${context}`).toBe(false);
}
