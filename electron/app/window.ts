import { BrowserWindow, screen, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import type { SettingsStore } from './settings';
import { onThemeChange, windowBackground } from './theme';
import { initialBounds, windowStateOf } from './window-state';

/** Every renderer setting that matters for security, spelled out even where it is Electron's default. */
export const HARDENED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} satisfies WebPreferences;

export interface MainWindowOptions {
  preload: string;
  settings: SettingsStore;
  /** DevTools only in unpackaged runs. */
  devTools: boolean;
}

const SAVE_DELAY_MS = 400;

/** Saves the window's place while it moves (debounced) and once more as it closes. */
function keepWindowState(win: BrowserWindow, settings: SettingsStore): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (!win.isDestroyed()) settings.update({ window: windowStateOf(win.getNormalBounds(), win.isMaximized()) });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', save);
  win.on('unmaximize', save);
  win.on('close', save);
}

/** The one window: hardened, placed where it was, themed before it paints, showing app://sextant/. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const saved = opts.settings.get().window;
  const win = new BrowserWindow({
    ...initialBounds(saved, screen.getAllDisplays().map((d) => d.workArea)),
    minWidth: 720,
    minHeight: 480,
    title: 'Sextant',
    show: false,
    backgroundColor: windowBackground(),
    webPreferences: { ...HARDENED_WEB_PREFERENCES, preload: opts.preload, devTools: opts.devTools },
  });
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });
  win.webContents.once('did-fail-load', () => win.show()); // show the failure rather than nothing
  const stopTheme = onThemeChange(() => win.setBackgroundColor(windowBackground()));
  win.once('closed', stopTheme);
  keepWindowState(win, opts.settings);
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Second launch: bring the existing window to the front instead of opening another app. */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
