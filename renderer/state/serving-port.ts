import { ENV_MANAGERS, type EnvManager, type InvokeContentType } from '../../shared/ipc/serving-types';
import type { Client } from '../api/client';
import { createServersStore, type ServersStore } from './serving-servers-store';
import type { ServingPort } from './serving-types';

const isEnvManager = (m: string | undefined): m is EnvManager => (ENV_MANAGERS as readonly (string | undefined)[]).includes(m);
const contentTypeOf = (t: string): InvokeContentType => (t.includes('csv') ? 'text/csv' : 'application/json');

/** The serving port over the typed client: `serving.*` and their events. */
export function servingPort(api: Client): ServingPort {
  return {
    list: () => api.call('serving.list', {}),
    start: ({ envManager, ...input }) => api.call('serving.start', { ...input, ...(isEnvManager(envManager) ? { envManager } : {}) }),
    stop: (id) => api.call('serving.stop', { id }),
    example: (modelUri) => api.call('serving.example', { modelUri }),
    invoke: (id, body, contentType) => api.call('serving.invoke', { id, body, contentType: contentTypeOf(contentType) }),
    onChanged: (cb) => api.on('serving.changed', ({ server }) => cb(server)),
    onOutput: (cb) => api.on('serving.output', ({ id, text }) => cb(id, text)),
  };
}

const servers = new WeakMap<Client, ServersStore>();

/**
 * The window's one servers store for this client (made and listed on first use): the version
 * page, the model page and the alias dialog show the same servers and logs. Belongs in the app
 * context; kept here while that file has another owner.
 */
export function serversFor(api: Client): ServersStore {
  let store = servers.get(api);
  if (!store) {
    servers.set(api, (store = createServersStore(servingPort(api))));
    void store.getState().refresh();
  }
  return store;
}
