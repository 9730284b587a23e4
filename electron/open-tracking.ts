import { randomBytes } from 'node:crypto';
import { EventBus } from './events/event-bus';
import { createHandlers } from './ipc/handlers';
import { JobsFeed } from './ipc/jobs-feed';
import type { KeptSecrets } from './ipc/kept-secrets';
import type { Handlers } from './ipc/dispatch';
import { setLazyArtifactFetcher } from './services/artifacts-service';
import { createServiceContext, type ServiceContext } from './services/service-context';
import { defaultExperimentOps } from './services/experiments-service';
import { prepareJobHost } from './jobs/job-host';
import { JobRunner } from './jobs/job-runner';
import type { JobHandlersFactory } from './jobs/local-jobs';
import { HandoffCodes } from './server/routes/handoff-codes';
import { startTrackingServer, type TrackingServer, type TrackingServerOptions } from './server/tracking-server';
import type { KekSource } from './store/crypto/keys/kek-source';
import { Store } from './store/store';
import { runsReadModelOf } from './store/read-model/store-read-model';
import { warmSearchParsers } from '../shared/search/warm-parsers';
import { createLazyFetcher } from './sync/lazy-fetcher';
import { MlflowError } from '../shared/domain/mlflow-error';
import type { StoreStatus } from '../shared/ipc/store-types';
import type { StoreControl } from './session/store-control';
import { readManifest } from './store/manifest';

export interface TrackingOptions extends Omit<TrackingServerOptions, 'services' | 'browserMode'> {
  storeDir: string;
  /** The built renderer to serve in browser mode (out/renderer); none for the API alone. */
  rendererDir?: string;
  version: string;
  wasmPath?: string;
  /** The checkpoint worker's script (default: next to the running bundle). */
  checkpointWorker?: string;
  /** Metadata bytes in the journal between checkpoints (default 64 MiB; metric points do not count). */
  checkpointBytes?: number;
  /** Long jobs (push, pull, …) this process runs, its own and those the CLI hands over. */
  jobs?: {
    /** Who the CLI is told holds the store (default 'serve'; the desktop app passes 'app'). */
    holder?: 'serve' | 'app';
    /** The job handlers by kind, built over the opened store (none by default). */
    handlers?: JobHandlersFactory;
  };
  /** Remotes' secrets the desktop app keeps (none headless). */
  secrets?: KeptSecrets;
  /** The store's key (issue 12): an encrypted store opens only with it; a new store is created encrypted with it. */
  key?: KekSource;
}

export interface RunningTracking {
  store: Store;
  services: ServiceContext;
  server: TrackingServer;
  /** The contract's handlers and events, for the desktop IPC transport. */
  handlers: Handlers;
  bus: EventBus;
  /** Runs long jobs: the UI's and those handed over by the CLI through the store's lock socket. */
  jobs: JobRunner;
  /** Browser-mode URL with the per-launch token in its fragment (never sent to the server). */
  uiUrl: string | null;
  /**
   * A fresh browser-mode URL carrying a one-time code (`#handoff=…`, good once within a minute)
   * instead of the token: for URLs handed to another program, whose command line any process
   * can read. Null when the UI is not served.
   */
  handoffUrl: (() => string) | null;
  /** Stops accepting requests, cancels running jobs and waits for them, then flushes and checkpoints the store. */
  close(): Promise<void>;
}

/** Opens a store and serves it: what both `sextant serve` and the desktop app start. */
export async function openTracking(opts: TrackingOptions): Promise<RunningTracking> {
  const jobHost = prepareJobHost({ pid: process.pid, kind: opts.jobs?.holder ?? 'serve' });
  let store: Store;
  try {
    store = await Store.open({ dir: opts.storeDir, wasmPath: opts.wasmPath, ...(opts.checkpointWorker ? { checkpointWorker: opts.checkpointWorker } : {}), log: opts.log, checkpointBytes: opts.checkpointBytes, initialOps: defaultExperimentOps, onLockConnection: jobHost.onConnection, ...(opts.key ? { key: opts.key } : {}) });
  } catch (err) {
    jobHost.fail(err);
    throw err;
  }
  const services = createServiceContext(store);
  runsReadModelOf(store, opts.log ? { log: opts.log } : {}).ready(); // starts building the runs read model (in steps on a large store; searches wait for it)
  const kept = opts.secrets;
  // Lazily pulled artifacts download on first open, with the remote's credentials (kept by the app, or its variable here).
  setLazyArtifactFetcher(store, createLazyFetcher({ svc: services, ...(kept ? { secrets: (remote: string) => kept.get(remote) } : {}) }));
  const facts = { trackingUri: '', version: opts.version };
  let jobs: JobRunner;
  try {
    jobs = new JobRunner({ handlers: opts.jobs?.handlers?.({ store, services, log: opts.log }) ?? {}, log: opts.log });
  } catch (err) {
    jobHost.fail(err);
    await store.close();
    throw err;
  }
  const bus = new EventBus(store);
  const feed = new JobsFeed(jobs, (msg) => bus.publish(msg));
  const notYet = (): never => {
    throw new MlflowError('TEMPORARILY_UNAVAILABLE', 'store conversions are not available yet');
  };
  const status = (): StoreStatus => ({ path: store.dir, state: 'open', encrypted: store.keys !== null, keyKind: readManifest(store.dir)?.encryption?.keyKind ?? null, keychain: { available: false, reason: 'not wired yet' }, holder: opts.jobs?.holder ?? 'serve' });
  const control: StoreControl = { status, unlock: notYet, protect: notYet, encrypt: notYet, decrypt: notYet, rekey: notYet, cancelConversion: notYet };
  const handlers = createHandlers(services, facts, { jobs, feed, ...(opts.secrets ? { secrets: opts.secrets } : {}) }, control);
  warmSearchParsers(); // before the first search waits on it
  const uiToken = randomBytes(24).toString('hex');
  const handoff = new HandoffCodes();
  const browserMode = opts.rendererDir ? { handlers, bus, uiToken, handoff, rendererDir: opts.rendererDir, log: opts.log } : undefined;
  let server: TrackingServer;
  try {
    server = await startTrackingServer({ ...opts, services, browserMode });
  } catch (err) {
    jobHost.fail(err);
    feed.close();
    bus.close();
    await store.close();
    throw err;
  }
  facts.trackingUri = server.url;
  jobHost.attach(jobs);
  return {
    store,
    services,
    server,
    handlers,
    bus,
    jobs,
    uiUrl: browserMode ? `${server.url}/#token=${uiToken}` : null,
    handoffUrl: browserMode ? () => `${server.url}/#handoff=${handoff.mint()}` : null,
    async close() {
      await server.close();
      await jobs.close({ cancel: true });
      feed.close();
      bus.close();
      await store.close();
    },
  };
}
