const MAX_URL_LENGTH = 2048;

/** Which plain-http origins may be opened (those of added remotes: "Open on remote" on a LAN server). */
export type HttpOriginAllowed = (origin: string) => boolean;

/**
 * The URL to hand to the OS browser, or null. `shell.openExternal` maps to OS URL handlers
 * (file:, smb:, ms-msdt:, vscode: … can run code), so only parsed `https:` URLs with a host and
 * no embedded credentials pass, plus `http:` URLs whose origin `httpAllowed` names (an added
 * remote's, never any http link a page shows); the parsed, re-serialised form is what gets opened.
 */
export function externalUrlToOpen(raw: unknown, httpAllowed: HttpOriginAllowed = () => false): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const scheme = url.protocol === 'https:' || (url.protocol === 'http:' && httpAllowed(url.origin));
  if (!scheme || url.hostname === '' || url.username !== '' || url.password !== '') return null;
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
