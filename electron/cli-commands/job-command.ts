import { runJobFromCli } from '../jobs/job-cli';
import { openLocalJobs } from '../jobs/local-jobs';
import type { JobRequest } from '../jobs/job-types';
import type { KekSource } from '../store/crypto/keys/kek-source';
import { storeJobHandlers } from '../store-jobs';

/** The store's log in a command: routine checkpoints are not news there; the rest (recovery, failures) is. */
const storeLog = (msg: string) => {
  if (!msg.startsWith('checkpoint:')) console.error(`[sextant] ${msg}`);
};

/**
 * Runs a command's job by the one writer: handed to the app or `sextant serve` when one holds the
 * store (which has its key already), else on the store opened here, with `key` when it is encrypted.
 * Resolves with the exit status.
 */
export function runStoreJob(storeDir: string, job: JobRequest, json = false, key?: KekSource): Promise<number> {
  return runJobFromCli({
    storeDir,
    job,
    json,
    stderr: process.stderr,
    isTTY: process.stderr.isTTY === true,
    openLocally: () => openLocalJobs({ storeDir, handlers: storeJobHandlers, log: storeLog, ...(key ? { key } : {}) }),
  });
}
