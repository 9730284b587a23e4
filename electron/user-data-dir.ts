import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Sextant';

/**
 * The folder Electron's app.getPath('userData') gives the desktop app, computed without
 * Electron so the headless CLI opens the same default store.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), PRODUCT_NAME);
}

export const defaultStoreDir = (env: NodeJS.ProcessEnv = process.env) => join(userDataDir(env), 'store');
