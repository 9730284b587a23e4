import { app, BrowserWindow, clipboard, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { EVENT_CHANNEL } from '../../shared/ipc/channels';
import type { EventMessage } from '../../shared/ipc/contract';
import type { TransferCommand } from '../../shared/ipc/transfer-types';
import { isAppUrl } from './app-origin';
import { isLoopbackUiUrl } from './external-url';
import type { SettingsStore, Theme } from './settings';
import { applyTheme, toggledTheme } from './theme';

export interface MenuContext {
  trackingUri: string;
  /** Makes a one-time browser-mode URL (`#handoff=…`, never the token), when the UI is served. */
  handoffUrl: (() => string) | null;
  storePath: string;
  version: string;
  isPackaged: boolean;
  settings: SettingsStore;
  log(msg: string): void;
}

const isMac = process.platform === 'darwin';
const focused = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null;

/**
 * The renderer toggles its shortcut sheet on "?" (renderer/App.tsx). A constant script, not
 * data: the contract has no main→UI command event yet.
 */
const showShortcuts = () => void focused()?.webContents.executeJavaScript("window.dispatchEvent(new KeyboardEvent('keydown', { key: '?' }))");

/** Asks the app's window to open an import or export dialog (the renderer listens for `app.command`). */
function openTransfer(command: TransferCommand): void {
  const contents = focused()?.webContents;
  if (!contents || contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
  const msg: EventMessage = { event: 'app.command', payload: { command } };
  contents.send(EVENT_CHANNEL, msg);
}

function setTheme(ctx: MenuContext, theme: Theme): void {
  ctx.settings.update({ theme });
  applyTheme(theme);
  installMenu(ctx); // radio items reflect the new choice
}

/** The OS browser gets a one-time code, not the token: its command line is visible to every process. */
function openInBrowser(ctx: MenuContext): void {
  const url = ctx.handoffUrl?.();
  if (!url || !isLoopbackUiUrl(url)) return;
  shell.openExternal(url).catch((err: Error) => ctx.log(`could not open the browser: ${err.message}`));
}

function showAbout(ctx: MenuContext): void {
  const win = focused();
  const options = {
    type: 'info' as const,
    title: 'About Sextant',
    message: `Sextant ${ctx.version}`,
    detail:
      `An offline-first experiment manager that speaks MLflow.\n\nTracking server: ${ctx.trackingUri}\nStore: ${ctx.storePath}\n\n` +
      `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
    buttons: ['OK'],
  };
  void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

export function menuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const theme = ctx.settings.get().theme;
  const themeItem = (value: Theme, label: string): MenuItemConstructorOptions => ({
    label, type: 'radio', checked: theme === value, click: () => setTheme(ctx, value),
  });
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Copy Tracking URI', accelerator: 'CmdOrCtrl+Shift+C', click: () => clipboard.writeText(ctx.trackingUri) },
        { label: 'Open in Browser', accelerator: 'CmdOrCtrl+Shift+O', enabled: ctx.handoffUrl !== null, click: () => openInBrowser(ctx) },
        { type: 'separator' },
        { label: 'Import MLflow Data…', click: () => openTransfer('import-mlflow') },
        { label: 'Import Bundle…', click: () => openTransfer('import-bundle') },
        { label: 'Export Bundle…', click: () => openTransfer('export-bundle') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        ...(ctx.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { label: 'Toggle Dark Mode', accelerator: 'CmdOrCtrl+Shift+D', click: () => setTheme(ctx, toggledTheme()) },
        { label: 'Theme', submenu: [themeItem('system', 'Follow the System'), themeItem('light', 'Light'), themeItem('dark', 'Dark')] },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'F1', click: showShortcuts },
        { type: 'separator' },
        { label: 'About Sextant', click: () => showAbout(ctx) },
      ],
    },
  ];
}

/** Native menus with keyboard shortcuts; rebuilt when a choice they show changes. */
export function installMenu(ctx: MenuContext): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(ctx)));
  app.setAboutPanelOptions({ applicationName: 'Sextant', applicationVersion: ctx.version });
}
