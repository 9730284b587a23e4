import type { JobRunner } from '../../jobs/job-runner';
import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';
import type { JobsFeed } from '../jobs-feed';
import type { KeptSecrets } from '../kept-secrets';
import { jobHandlers } from './job-handlers';
import { remoteHandlers } from './remote-handlers';
import { runStateHandlers } from './run-state-handlers';

export interface SyncHandlerDeps {
  jobs: JobRunner;
  feed: JobsFeed;
  /** The desktop app's kept secrets; none headless. */
  secrets?: KeptSecrets;
}

type SyncHandlers = Pick<
  Handlers,
  'remotes.list' | 'remotes.add' | 'remotes.update' | 'remotes.remove' | 'remotes.test' | 'jobs.list' | 'jobs.start' | 'jobs.cancel' | 'sync.runStates'
>;

/** Remotes, push/pull jobs and per-run sync state: the UI's side of sync. */
export function syncHandlers(svc: ServiceContext, deps: SyncHandlerDeps): SyncHandlers {
  return { ...remoteHandlers(svc, deps.secrets), ...jobHandlers(svc, deps.jobs, deps.feed), ...runStateHandlers(svc) };
}
