import { defaultExperimentOps } from '../services/experiments-service';
import { createServiceContext, type ServiceContext } from '../services/service-context';
import type { KekSource } from '../store/crypto/keys/kek-source';
import { Store } from '../store/store';
import { prepareJobHost } from './job-host';
import { JobRunner } from './job-runner';
import type { JobHandlers } from './job-types';

/** What job handlers are built from: the store they write through (the one write path). */
export interface JobDeps {
  store: Store;
  services: ServiceContext;
  log: (msg: string) => void;
}

export type JobHandlersFactory = (deps: JobDeps) => JobHandlers;

/** A store opened by a CLI command to run a job itself, because no other process held it. */
export interface LocalJobs {
  runner: JobRunner;
  /** Waits for jobs other commands handed over meanwhile, then closes the store (releasing its lock). */
  close(): Promise<void>;
}

export interface OpenLocalJobsOptions {
  storeDir: string;
  handlers: JobHandlersFactory;
  wasmPath?: string;
  log?: (msg: string) => void;
  /** The store's key (issue 12), when it is encrypted (or to create it encrypted). */
  key?: KekSource;
}

/**
 * Opens the store in this process to run jobs, taking its lock. While it holds the store, this
 * process is the one writer: other `sextant` commands hand their jobs to it, as they would to
 * the app or `sextant serve`.
 */
export async function openLocalJobs(opts: OpenLocalJobsOptions): Promise<LocalJobs> {
  const log = opts.log ?? ((m: string) => console.error(`[sextant] ${m}`));
  const host = prepareJobHost({ pid: process.pid, kind: 'cli' });
  let store: Store;
  try {
    store = await Store.open({ dir: opts.storeDir, wasmPath: opts.wasmPath, log, initialOps: defaultExperimentOps, onLockConnection: host.onConnection, ...(opts.key ? { key: opts.key } : {}) });
  } catch (err) {
    host.fail(err);
    throw err;
  }
  let runner: JobRunner;
  try {
    runner = new JobRunner({ handlers: opts.handlers({ store, services: createServiceContext(store), log }), log });
  } catch (err) {
    host.fail(err);
    await store.close();
    throw err;
  }
  host.attach(runner);
  return {
    runner,
    async close() {
      await runner.close({ cancel: false });
      await store.close();
    },
  };
}
