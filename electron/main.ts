import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, safeStorage, session } from 'electron';
import { isAppUrl } from './app/app-origin';
import { askPortInUse, showStartupError } from './app/dialogs';
import { withFilePicker } from './app/file-dialogs';
import { closeBeforeQuit, quitOnSignals } from './app/lifecycle';
import { installMenu } from './app/menu';
import { appPaths, userDataOverride } from './app/paths';
import { registerAppScheme, serveAppProtocol } from './app/protocol';
import { keptSecretsFile } from './app/kept-secrets-file';
import { allowHttpOrigins, hardenApp, hardenSession } from './app/security';
import { withRecentStore } from './app/settings';
import { openSettingsFile } from './app/settings-file';
import { applyTheme } from './app/theme';
import { launchTracking } from './app/tracking-launch';
import { createMainWindow, focusWindow } from './app/window';
import { SEXTANT_VERSION } from './build-info';
import { registerIpc } from './ipc/register-ipc';
import { openTracking } from './open-tracking';
import { remoteSecretReader } from './secrets/remote-secret-reader';
import { remotes } from './services/remotes-service';
import { storeJobHandlers } from './store-jobs';

// The desktop composition root: the same tracking core as `sextant serve`, plus a window.
const log = (msg: string) => console.error(`[sextant] ${msg}`);

// Before anything reads userData: the settings, the single-instance lock and the store live there.
const userData = userDataOverride(process.env, app.isPackaged);
if (userData) app.setPath('userData', userData);
registerAppScheme();

if (app.requestSingleInstanceLock()) start();
else app.quit(); // the running instance focuses its window (second-instance below)

function start(): void {
  const paths = appPaths(dirname(fileURLToPath(import.meta.url)), app.isPackaged ? { resourcesPath: process.resourcesPath } : null);
  const settings = openSettingsFile();
  applyTheme(settings.get().theme);
  hardenApp(log);
  quitOnSignals();
  let window: BrowserWindow | null = null;
  let ready = false;
  const openWindow = () => {
    window = createMainWindow({ preload: paths.preload, settings, devTools: !app.isPackaged });
    window.on('closed', () => (window = null));
  };

  app.on('second-instance', () => focusWindow(window));
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  app.on('activate', () => ready && !window && openWindow());

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession, log);
      serveAppProtocol(paths.rendererDir, log);
      const storeDir = join(app.getPath('userData'), 'store');
      // remotes' passwords and tokens entered in the app: OS-keychain ciphertext in the settings file
      const secrets = keptSecretsFile(settings, safeStorage);
      const jobs = { holder: 'app' as const, handlers: (deps: Parameters<typeof storeJobHandlers>[0]) => storeJobHandlers(deps, remoteSecretReader(deps.store, secrets)) };
      const tracking = await launchTracking({
        // a new store is created encrypted with the OS keychain (or, without one, waits for the person's choice)
        open: (port) => openTracking({ storeDir, host: '127.0.0.1', port, log, version: SEXTANT_VERSION, rendererDir: paths.rendererDir, wasmPath: paths.wasmPath, checkpointWorker: paths.checkpointWorker, jobs, secrets, keychain: safeStorage }),
        settings,
        ask: askPortInUse,
        log,
      });
      if (!tracking) return app.quit();
      // "Open on remote" may open an added remote's own http: origin (a team server on the LAN), no other http
      allowHttpOrigins((origin) => {
        const open = tracking.session.store; // none while the store is locked or being converted
        return open !== null && remotes(open.services).some((r) => new URL(r.url).origin === origin);
      });
      const stopIpc = registerIpc(ipcMain, {
        handlers: withFilePicker(tracking.handlers, () => window),
        events: tracking.bus,
        isTrusted: isAppUrl,
        targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
        log,
      });
      closeBeforeQuit(async () => {
        stopIpc();
        await tracking.close();
      }, log);
      log(`MLFLOW_TRACKING_URI=${tracking.server.url}`);
      settings.update({ recentStores: withRecentStore(settings.get().recentStores, storeDir) });
      installMenu({ trackingUri: tracking.server.url, handoffUrl: tracking.handoffUrl, storePath: storeDir, version: SEXTANT_VERSION, isPackaged: app.isPackaged, settings, log });
      ready = true;
      openWindow();
    })
    .catch((err: unknown) => {
      log(`startup failed: ${(err as Error)?.stack ?? String(err)}`);
      showStartupError(err);
      app.quit();
    });
}
