import { nativeTheme } from 'electron';
import type { Theme } from './settings';

/**
 * The theme setting drives nativeTheme.themeSource: 'system' follows the OS, 'light' and
 * 'dark' force one. The renderer only reads `prefers-color-scheme`, which Chromium derives
 * from it, so no message to the page is needed.
 */
export function applyTheme(theme: Theme): void {
  nativeTheme.themeSource = theme;
}

/** The setting that flips what is shown now. */
export const toggledTheme = (): Theme => (nativeTheme.shouldUseDarkColors ? 'light' : 'dark');

/** The window's background before the page paints (the renderer's --bg), so there is no white flash in dark mode. */
export const windowBackground = (): string => (nativeTheme.shouldUseDarkColors ? '#15181e' : '#ffffff');

/** Calls `listener` when the OS or the setting changes light/dark; returns the unsubscribe. */
export function onThemeChange(listener: () => void): () => void {
  nativeTheme.on('updated', listener);
  return () => void nativeTheme.off('updated', listener);
}
