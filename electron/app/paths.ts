import { isAbsolute, join } from 'node:path';

export interface AppPaths {
  /** The built UI served on app:// (out/renderer). */
  rendererDir: string;
  /** The sandboxed preload bundle (out/preload/preload.cjs). */
  preload: string;
  /** sql.js's WASM: shipped as an extra resource in packaged builds, found by sql.js itself otherwise. */
  wasmPath: string | undefined;
  /** The store's checkpoint worker: unpacked beside the asar in packaged builds, found next to the bundle otherwise. */
  checkpointWorker: string | undefined;
}

/**
 * Where the pieces are, from the folder of the main bundle (out/main). In a packaged app the
 * out/ tree is inside app.asar and the WASM sits in the resources folder next to it.
 */
export function appPaths(mainDir: string, packaged: { resourcesPath: string } | null): AppPaths {
  return {
    rendererDir: join(mainDir, '..', 'renderer'),
    preload: join(mainDir, '..', 'preload', 'preload.cjs'),
    wasmPath: packaged ? join(packaged.resourcesPath, 'sql-wasm.wasm') : undefined,
    checkpointWorker: packaged ? join(packaged.resourcesPath, 'app.asar.unpacked', 'out', 'main', 'checkpoint-worker.js') : undefined,
  };
}

/**
 * `APP_USER_DATA_DIR` gives a test its own profile (settings, store, single-instance lock).
 * Honoured only in unpackaged runs, and only as an absolute path: a release build ignores it.
 */
export function userDataOverride(env: NodeJS.ProcessEnv, isPackaged: boolean): string | null {
  const dir = env.APP_USER_DATA_DIR;
  return !isPackaged && dir && isAbsolute(dir) ? dir : null;
}
