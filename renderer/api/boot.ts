import type { Bridge } from '../../shared/ipc/bridge';
import { createClient, type Client } from './client';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';

const TOKEN_KEY = 'sextant.uiToken';

/**
 * Picks the transport: the preload's bridge in the desktop app, HTTP in a browser. In browser
 * mode the token arrives in the URL fragment (never sent to the server), moves to the origin's
 * localStorage (so links opened in new tabs work too; other origins cannot read it, and a new
 * launch makes it stale), and the fragment is cleared from the address bar.
 */
export function bootClient(win: Window & { bridge?: Bridge }): Client {
  if (win.bridge) return createClient(ipcTransport(win.bridge));
  const fromHash = new URLSearchParams(win.location.hash.slice(1)).get('token');
  if (fromHash) {
    win.localStorage.setItem(TOKEN_KEY, fromHash);
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  return createClient(httpTransport(win.location.origin, win.localStorage.getItem(TOKEN_KEY) ?? ''));
}
