/**
 * The desktop renderer's origin: a standard, secure custom scheme that serves out/renderer.
 * Everything that decides "is this us?" (navigation, IPC senders, permissions) asks here.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sextant';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for URLs of our own origin. Parsed, never prefix-matched (`app://sextant.evil.example`
 * is not ours). Node gives custom schemes an opaque origin ("null"), so scheme and host are
 * compared instead; a port or credentials make it someone else's.
 */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}
