import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths, userDataOverride } from '../../../../electron/app/paths';

describe('appPaths', () => {
  const mainDir = resolve(sep, 'app', 'out', 'main');

  it('finds the renderer and the preload next to the main bundle', () => {
    expect(appPaths(mainDir, null)).toEqual({
      rendererDir: resolve(sep, 'app', 'out', 'renderer'),
      preload: resolve(sep, 'app', 'out', 'preload', 'preload.cjs'),
      wasmPath: undefined,
      checkpointWorker: undefined,
    });
  });

  it('points sql.js at the WASM in the resources folder when packaged', () => {
    expect(appPaths(mainDir, { resourcesPath: '/opt/Sextant/resources' }).wasmPath).toBe(join('/opt/Sextant/resources', 'sql-wasm.wasm'));
  });

  it('runs the checkpoint worker from the unpacked copy beside the asar when packaged', () => {
    expect(appPaths(mainDir, { resourcesPath: '/opt/Sextant/resources' }).checkpointWorker).toBe(join('/opt/Sextant/resources', 'app.asar.unpacked', 'out', 'main', 'checkpoint-worker.js'));
  });
});

describe('userDataOverride', () => {
  it('honours APP_USER_DATA_DIR only when unpackaged and absolute', () => {
    expect(userDataOverride({ APP_USER_DATA_DIR: '/tmp/e2e-1' }, false)).toBe('/tmp/e2e-1');
    expect(userDataOverride({ APP_USER_DATA_DIR: '/tmp/e2e-1' }, true)).toBeNull();
    expect(userDataOverride({ APP_USER_DATA_DIR: 'relative/dir' }, false)).toBeNull();
    expect(userDataOverride({ APP_USER_DATA_DIR: '' }, false)).toBeNull();
    expect(userDataOverride({}, false)).toBeNull();
  });
});
