import type { ProjectEnvManager } from '../../shared/ipc/project-types';
import { PROJECT_ENV_MANAGERS } from '../../shared/ipc/project-types';
import type { Client } from '../api/client';
import { createLaunchesStore, type LaunchesStore } from './project-launch-store';
import type { ProjectsPort } from './project-types';

const isEnvManager = (m: string | undefined): m is ProjectEnvManager => (PROJECT_ENV_MANAGERS as readonly (string | undefined)[]).includes(m);

/** The projects port over the typed client: `projects.*`, `jobs.cancel` and their events. */
export function projectsPort(api: Client): ProjectsPort {
  return {
    inspect: (uri, version) => api.call('projects.inspect', { uri, ...(version ? { version } : {}) }),
    run: ({ envManager, ...input }) => api.call('projects.run', { ...input, ...(isEnvManager(envManager) ? { envManager } : {}) }),
    recent: () => api.call('projects.recent', {}),
    cancel: async (jobId) => void (await api.call('jobs.cancel', { id: jobId })),
    onOutput: (cb) => api.on('projects.output', cb),
    onJob: (cb) => api.on('jobs.changed', ({ job }) => cb(job)),
  };
}

const launches = new WeakMap<Client, LaunchesStore>();

/**
 * The window's one launches store for this client (made on first use): a dialog that starts a
 * project and the run page it opens see the same launches. Belongs in the app context; kept
 * here while that file has another owner.
 */
export function launchesFor(api: Client): LaunchesStore {
  let store = launches.get(api);
  if (!store) launches.set(api, (store = createLaunchesStore(projectsPort(api))));
  return store;
}
