import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge } from '../shared/ipc/bridge';
import type { EventMessage } from '../shared/ipc/contract';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../shared/ipc/channels';

// The renderer's only way to main: a pipe, not a brain. Two functions over two fixed channels;
// no raw ipcRenderer, no Node. Main checks the sender and validates every input.
const bridge: Bridge = {
  call: (method, input) => ipcRenderer.invoke(RPC_CHANNEL, { method, input }),
  subscribe(listener) {
    const forward = (_event: IpcRendererEvent, msg: EventMessage) => listener(msg);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);
