import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Where the checkpoint worker's script is: next to the running bundle once built
 * (out/cli/checkpoint-worker.js, out/main/checkpoint-worker.js), next to this file in the
 * sources (tests, tsx).
 */
export function defaultCheckpointWorkerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'checkpoint-worker.js');
  const source = join(here, 'checkpoint-worker.ts');
  return existsSync(built) || !existsSync(source) ? built : source;
}

/**
 * Starts a worker running `script`. A TypeScript source (tests, tsx) is loaded through tsx's
 * loader, registered inside the worker first (`--import` in a worker's execArgv does not
 * apply to it on Node 20).
 */
export function startWorker(script: string, opts: WorkerOptions = {}): Worker {
  if (!script.endsWith('.ts')) return new Worker(script, opts);
  const tsxApi = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
  const boot = `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((m) => m.register()).then(() => import(${JSON.stringify(pathToFileURL(script).href)}))`;
  return new Worker(boot, { ...opts, eval: true });
}
