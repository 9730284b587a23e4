import type { Bridge } from '../../shared/ipc/bridge';
import type { Transport } from './client';

/** Desktop app: the preload's two-function bridge. */
export const ipcTransport = (bridge: Bridge): Transport => ({ call: (m, i) => bridge.call(m, i), subscribe: (l) => bridge.subscribe(l) });
