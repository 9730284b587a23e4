import type { JobHandlers } from '../jobs/job-types';
import type { JobDeps } from '../jobs/local-jobs';

/** The model-serve job (issue 13), run by the process holding the store. */
export function servingJobHandlers(_deps: JobDeps): JobHandlers {
  return {};
}
