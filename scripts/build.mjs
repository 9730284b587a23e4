// Builds everything that runs: the CLI and the Electron main/preload bundles (esbuild),
// and the renderer (Vite). Output goes to out/, which is git-ignored and is what
// `bin/sextant.js`, electron-builder and the browser-mode tests consume.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  packages: 'external', // dependencies are installed next to the bundle (node_modules, asar)
  logLevel: quiet ? 'warning' : 'info',
};

await esbuild({ ...node, format: 'esm', entryPoints: { cli: join(root, 'electron/cli.ts') }, outdir: join(root, 'out/cli') });
await esbuild({ ...node, format: 'esm', entryPoints: { main: join(root, 'electron/main.ts') }, outdir: join(root, 'out/main'), external: ['electron'] });
// The store's checkpoint worker (worker_threads): one self-contained file (sql.js's loader
// included; its WASM is found as the store says) beside each bundle that opens a store, so it
// can run from wherever that bundle is, an asar's unpacked folder included.
for (const out of ['out/cli', 'out/main']) {
  await esbuild({
    ...node, packages: undefined, format: 'esm',
    entryPoints: { 'checkpoint-worker': join(root, 'electron/store/checkpoint/checkpoint-worker.ts') }, outdir: join(root, out),
    // sql.js's loader is CommonJS: it requires node built-ins at run time and reads __dirname
    banner: {
      js:
        "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path';" +
        ' const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);',
    },
  });
}
// The preload runs sandboxed: one CommonJS file, nothing external but electron itself.
await esbuild({ ...node, packages: undefined, format: 'cjs', entryPoints: { preload: join(root, 'electron/preload.ts') }, outdir: join(root, 'out/preload'), outExtension: { '.js': '.cjs' }, external: ['electron'] });
await viteBuild({ configFile: join(root, 'renderer/vite.config.mjs'), logLevel: quiet ? 'warn' : 'info' });
