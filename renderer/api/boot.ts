import type { Bridge } from '../../shared/ipc/bridge';
import { createClient, type Client } from './client';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';
import { redeemHandoff, tokenWorks } from './sign-in';
import { createTokenStore, type TokenStorage } from './token-store';

/** The parts of `window` the boot reads (a fake in tests). */
export interface BootWindow {
  bridge?: Bridge;
  location: Pick<Location, 'hash' | 'origin' | 'pathname' | 'search'>;
  localStorage: TokenStorage;
  history: Pick<History, 'replaceState'>;
}

export const STALE_LINK_MESSAGE =
  'This sign-in link was already used or has expired. Choose File > Open in Browser in Sextant again for a fresh one.';

/**
 * Picks the transport: the preload's bridge in the desktop app, HTTP in a browser. In browser
 * mode the token arrives in the URL fragment (never sent to the server): as `#token=…` (what
 * `sextant serve` prints) or as a one-time `#handoff=…` code the desktop app opens, exchanged
 * for the token. The fragment is cleared from the address bar at once. Any page can open our
 * origin with a fragment, so a `#token=` replaces the stored token only once the server has
 * accepted it; a 401 later forgets the stored token if it is still the one this page used.
 */
export async function bootClient(win: BootWindow, fetchImpl: typeof fetch = fetch): Promise<Client> {
  if (win.bridge) return createClient(ipcTransport(win.bridge));
  const base = win.location.origin;
  const tokens = createTokenStore(win.localStorage);
  const fragment = new URLSearchParams(win.location.hash.slice(1));
  const offered = fragment.get('token');
  const code = fragment.get('handoff');
  if (offered !== null || code !== null) win.history.replaceState(null, '', win.location.pathname + win.location.search);
  let deniedMessage: string | undefined;
  if (code !== null) {
    const token = code ? await redeemHandoff(base, code, fetchImpl) : null;
    if (token) tokens.set(token);
    else deniedMessage = STALE_LINK_MESSAGE;
  } else if (offered && offered !== tokens.get() && (await tokenWorks(base, offered, fetchImpl))) {
    tokens.set(offered);
  }
  const token = tokens.get();
  return createClient(httpTransport(base, token, fetchImpl, { deniedMessage, onDenied: () => tokens.clearIf(token) }));
}
