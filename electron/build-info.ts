import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// Both bundles (out/cli/cli.js, out/main/main.js) sit two folders below the package root.
const require = createRequire(import.meta.url);

export const SEXTANT_VERSION: string = (require('../../package.json') as { version: string }).version;

/** The built renderer (out/renderer), served by browser mode and loaded by the desktop window. */
export const builtRendererDir = (): string => fileURLToPath(new URL('../renderer', import.meta.url));
