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

// The store's checkpoint worker (worker_threads) is an entry of its own beside each bundle that opens a store.
const checkpointWorker = join(root, 'electron/store/checkpoint/checkpoint-worker.ts');
await esbuild({ ...node, format: 'esm', entryPoints: { cli: join(root, 'electron/cli.ts'), 'checkpoint-worker': checkpointWorker }, outdir: join(root, 'out/cli') });
await esbuild({ ...node, format: 'esm', entryPoints: { main: join(root, 'electron/main.ts'), 'checkpoint-worker': checkpointWorker }, outdir: join(root, 'out/main'), external: ['electron'] });
// The preload runs sandboxed: one CommonJS file, nothing external but electron itself.
await esbuild({ ...node, packages: undefined, format: 'cjs', entryPoints: { preload: join(root, 'electron/preload.ts') }, outdir: join(root, 'out/preload'), outExtension: { '.js': '.cjs' }, external: ['electron'] });
await viteBuild({ configFile: join(root, 'renderer/vite.config.mjs'), logLevel: quiet ? 'warn' : 'info' });
