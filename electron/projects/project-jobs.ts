import type { JobHandlers } from '../jobs/job-types';
import type { JobDeps } from '../jobs/local-jobs';

/** The project-run job (issue 13), run by the process holding the store. */
export function projectJobHandlers(_deps: JobDeps): JobHandlers {
  return {};
}
