import type { Client } from '../api/client';
import { createServersStore, type ServersStore } from './serving-servers-store';
import type { ServingPort } from './serving-types';

/** The serving port over the typed client: `serving.*` and their events. */
export function servingPort(api: Client): ServingPort {
  return {
    list: () => api.call('serving.list', {}),
    start: (input) => api.call('serving.start', input),
    stop: (id) => api.call('serving.stop', { id }),
    example: (modelUri) => api.call('serving.example', { modelUri }),
    invoke: (id, body, contentType) => api.call('serving.invoke', { id, body, contentType }),
    onChanged: (cb) => api.on('serving.changed', ({ server }) => cb(server)),
    onOutput: (cb) => api.on('serving.output', ({ id, text }) => cb(id, text)),
  };
}

const servers = new WeakMap<Client, ServersStore>();

/**
 * The window's one servers store for this client (made and listed on first use): the version
 * page, the model page and the alias dialog show the same servers and logs. (The app context is
 * made in main.tsx.)
 */
export function serversFor(api: Client): ServersStore {
  let store = servers.get(api);
  if (!store) {
    servers.set(api, (store = createServersStore(servingPort(api))));
    void store.getState().refresh();
  }
  return store;
}
