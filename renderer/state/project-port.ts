import type { Client } from '../api/client';
import { createLaunchesStore, type LaunchesStore } from './project-launch-store';
import type { ProjectsPort } from './project-types';

/** The projects port over the typed client: `projects.*`, `jobs.cancel` and their events. */
export function projectsPort(api: Client): ProjectsPort {
  return {
    inspect: (uri, version) => api.call('projects.inspect', { uri, ...(version ? { version } : {}) }),
    run: (input) => api.call('projects.run', input),
    recent: () => api.call('projects.recent', {}),
    cancel: async (jobId) => void (await api.call('jobs.cancel', { id: jobId })),
    onOutput: (cb) => api.on('projects.output', cb),
    onJob: (cb) => api.on('jobs.changed', ({ job }) => cb(job)),
  };
}

const launches = new WeakMap<Client, LaunchesStore>();

/**
 * The window's one launches store for this client (made on first use): a dialog that starts a
 * project and the run page it opens see the same launches. (The app context is made in main.tsx.)
 */
export function launchesFor(api: Client): LaunchesStore {
  let store = launches.get(api);
  if (!store) launches.set(api, (store = createLaunchesStore(projectsPort(api))));
  return store;
}
