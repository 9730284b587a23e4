import type { JobHandlers } from './jobs/job-types';
import type { JobDeps } from './jobs/local-jobs';
import { remoteSecretReader } from './secrets/remote-secret-reader';
import type { SecretKeeper } from './sync/remote-secrets';
import { syncJobHandlers } from './sync/sync-jobs';
import { exportJobHandlers } from './sync/bundle/export-job';
import { importJobHandlers } from './sync/import/import-job';
import { rekeyJobHandlers } from './store/convert/rekey-job';
import { projectJobHandlers } from './projects/project-jobs';
import { servingJobHandlers } from './serving/serving-jobs';

/**
 * Every long job the process holding a store runs for itself and for commands handed to it:
 * remotes, push, pull, sync status, the transfer jobs (import, export) and an encrypted store's
 * rekey. One list, used by the app, `sextant serve` and a command that opens the store itself.
 */
export function storeJobHandlers(deps: JobDeps, secrets?: SecretKeeper): JobHandlers {
  return {
    // headless (serve, a command's own store): the secrets sealed in an encrypted store (issue 12)
    ...syncJobHandlers(deps, secrets ?? remoteSecretReader(deps.store)),
    ...exportJobHandlers(deps),
    ...importJobHandlers(deps),
    ...rekeyJobHandlers(deps),
    ...projectJobHandlers(deps),
    ...servingJobHandlers(deps),
  };
}
