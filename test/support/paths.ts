import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The Python virtual environment made by test/conformance/python-env.mjs. */
export const venvDir = join(repoRoot, '.cache', 'venv');
export const venvBin = (name: string) => join(venvDir, 'bin', name);
export const sextantBin = join(repoRoot, 'bin', 'sextant.js');
