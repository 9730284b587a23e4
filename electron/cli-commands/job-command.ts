import { runJobFromCli } from '../jobs/job-cli';
import { openLocalJobs } from '../jobs/local-jobs';
import type { JobRequest } from '../jobs/job-types';
import { syncJobHandlers } from '../sync/sync-jobs';

/**
 * Runs a command's job by the one writer: handed to the app or `sextant serve` when one holds the
 * store, else on the store opened here. Resolves with the exit status.
 */
export function runStoreJob(storeDir: string, job: JobRequest, json = false): Promise<number> {
  return runJobFromCli({
    storeDir,
    job,
    json,
    stderr: process.stderr,
    isTTY: process.stderr.isTTY === true,
    openLocally: () => openLocalJobs({ storeDir, handlers: syncJobHandlers }),
  });
}
