import { app, BrowserWindow, dialog, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultStoreDir } from './user-data-dir';
import { SEXTANT_VERSION } from './build-info';
import { openTracking, type RunningTracking } from './open-tracking';

// The desktop composition root: the same tracking core as `sextant serve`, plus a window.
const log = (msg: string) => console.error(`[sextant] ${msg}`);
let tracking: RunningTracking | null = null;

if (!app.requestSingleInstanceLock()) app.quit();

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Sextant',
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (new URL(url).protocol === 'https:') void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  void win.loadFile(join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer', 'index.html'));
}

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());

app.whenReady().then(async () => {
  try {
    tracking = await openTracking({ storeDir: defaultStoreDir(), host: '127.0.0.1', port: 5000, log, version: SEXTANT_VERSION });
    log(`MLFLOW_TRACKING_URI=${tracking.server.url}`);
  } catch (err) {
    dialog.showErrorBox('Sextant could not start its tracking server', (err as Error).message);
  }
  createWindow();
});

app.on('window-all-closed', () => app.quit());

app.on('will-quit', (event) => {
  if (!tracking) return;
  event.preventDefault();
  const closing = tracking;
  tracking = null;
  closing.close().finally(() => app.quit());
});
