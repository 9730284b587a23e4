const MAX_URL_LENGTH = 2048;

/**
 * The URL to hand to the OS browser, or null. `shell.openExternal` maps to OS URL handlers
 * (file:, smb:, ms-msdt:, vscode: … can run code), so only parsed `https:` URLs with a host and
 * no embedded credentials pass; the parsed, re-serialised form is what gets opened.
 */
export function externalUrlToOpen(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}

/**
 * The browser-mode page the app itself opens from the File menu: a loopback http URL made by
 * main (a one-time hand-off code in its fragment, never the token itself), never anything the renderer supplied.
 */
export function isLoopbackUiUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  } catch {
    return false;
  }
}
