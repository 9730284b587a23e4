import { isAppUrl } from './app-origin';

/**
 * Electron grants web permissions unless told otherwise. Sextant needs none of them, with one
 * exception: writing (sanitised) text to the clipboard from our own page, which is what the
 * status bar's "Copy" button does. Camera, notifications, geolocation, clipboard reads,
 * fullscreen, openExternal … and everything from any other origin are refused.
 */
export function permissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isAppUrl(requestingUrl);
}
