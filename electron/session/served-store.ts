import { EventBus } from '../events/event-bus';
import { createHandlers } from '../ipc/handlers';
import type { AppFacts } from '../ipc/handlers/app-handlers';
import type { Handlers } from '../ipc/dispatch';
import type { StoreMethod } from '../ipc/handlers/store-handlers';
import { JobsFeed } from '../ipc/jobs-feed';
import type { KeptSecrets } from '../ipc/kept-secrets';
import { prepareJobHost } from '../jobs/job-host';
import { JobRunner } from '../jobs/job-runner';
import type { JobHandlersFactory } from '../jobs/local-jobs';
import type { HolderKind } from '../jobs/job-types';
import { setLazyArtifactFetcher } from '../services/artifacts-service';
import { defaultExperimentOps } from '../services/experiments-service';
import { createServiceContext, type ServiceContext } from '../services/service-context';
import type { KekSource } from '../store/crypto/keys/kek-source';
import { runsReadModelOf } from '../store/read-model/store-read-model';
import { Store, type StoreOptions } from '../store/store';
import { createLazyFetcher } from '../sync/lazy-fetcher';
import { remoteSecretReader } from '../secrets/remote-secret-reader';
import { releaseStoreSecrets, settleKeptSecrets } from '../secrets/settle-kept-secrets';
import type { EventMessage } from '../../shared/ipc/contract';
import type { JobView } from '../../shared/ipc/sync-types';
import type { OpenRequest, SessionStore } from './store-session';
import { forwardProjectOutput } from '../projects/project-output';
import { forwardServingEvents } from '../serving/serving-events';

export interface ServedStoreDeps {
  dir: string;
  wasmPath?: string;
  checkpointWorker?: string;
  checkpointBytes?: number;
  log: (msg: string) => void;
  holder: Extract<HolderKind, 'serve' | 'app'>;
  /** The job handlers by kind, built over the opened store. */
  jobHandlers?: JobHandlersFactory;
  secrets?: KeptSecrets;
  /** Shared with app.info: the tracking URI is known once the server listens. */
  facts: AppFacts;
  /** Where the store's events go (the process's EventRelay). */
  publish: (msg: EventMessage) => void;
  /** Store.open (tests pass a stand-in). */
  openStore?: typeof Store.open;
}

/** An open store with everything that serves it: services, events, long jobs, the contract's handlers. */
export interface ServedStore extends SessionStore {
  store: Store;
  services: ServiceContext;
  /** The contract's handlers but store.* (the session answers those). */
  handlers: Omit<Handlers, StoreMethod>;
  jobs: JobRunner;
  bus: EventBus;
  /** The views of ended jobs, those carried from the opens before and this open's (oldest first, the last KEEP_ENDED_JOBS). */
  endedJobs(): JobView[];
}

/** How many ended jobs a reopen carries over (as many as a JobRunner keeps). */
const KEEP_ENDED_JOBS = 50;

const openStore = (opts: StoreOptions) => Store.open(opts);

/**
 * Opens the store (with `req`'s key) and builds what serves it, under the lock the session holds
 * (StoreOptions.lock: the store is never without its lock), its socket's connections routed to a
 * job host while the store is open: jobs the CLI hands over run here then.
 */
export async function openServedStore(req: OpenRequest<ServedStore>, deps: ServedStoreDeps): Promise<ServedStore> {
  const { log } = deps;
  const jobHost = prepareJobHost({ pid: process.pid, kind: deps.holder });
  const lock = req.lock;
  const lent = lock?.lend(jobHost.onConnection) ?? null;
  let store: Store;
  try {
    store = await (deps.openStore ?? openStore)({
      dir: deps.dir,
      wasmPath: deps.wasmPath,
      ...(deps.checkpointWorker ? { checkpointWorker: deps.checkpointWorker } : {}),
      log,
      checkpointBytes: deps.checkpointBytes,
      initialOps: defaultExperimentOps,
      onLockConnection: jobHost.onConnection,
      ...(req.key ? { key: req.key } : {}),
      ...(req.encrypt !== undefined ? { encrypt: req.encrypt } : {}),
      ...(lent ? { lock: lent } : {}),
    });
  } catch (err) {
    lock?.unroute();
    jobHost.fail(err);
    throw err;
  }
  const services = createServiceContext(store);
  runsReadModelOf(store, { log }).ready(); // starts building the runs read model (in steps on a large store; searches wait for it)
  const kept = deps.secrets;
  // Kept secrets where this store wants them (issue 12): sealed in it when encrypted, else the app's
  // keychain; after a conversion (or one a command made) this moves or drops them, with a note.
  await settleKeptSecrets(services, kept).then(
    (r) => r.notes.forEach((note) => log(note)),
    (err: unknown) => log(`remote secrets were not settled: ${(err as Error).message}`),
  );
  // Lazily pulled artifacts download on first open, with the remote's credentials (sealed in the store, kept by the app, or its variable here).
  setLazyArtifactFetcher(store, createLazyFetcher({ svc: services, secrets: remoteSecretReader(store, kept) }));
  let jobs: JobRunner;
  try {
    jobs = new JobRunner({ handlers: deps.jobHandlers?.({ store, services, log }) ?? {}, log });
  } catch (err) {
    lock?.unroute();
    jobHost.fail(err);
    await store.close();
    throw err;
  }
  const bus = new EventBus(store);
  const unrelay = bus.subscribe(deps.publish);
  const feed = new JobsFeed(jobs, (msg) => bus.publish(msg));
  // project runs' output and model servers' state and logs, as the contract's events (issue 13)
  const unforward = [forwardProjectOutput((msg) => bus.publish(msg)), forwardServingEvents(store, (msg) => bus.publish(msg))];
  // Each open has its own JobRunner (its jobs' ids new): the jobs that ended before a reopen (a conversion) stay listed, oldest first.
  const carried = req.previous?.endedJobs() ?? [];
  const endedJobs = () => [...carried, ...feed.list().filter((j) => j.state !== 'running')].slice(-KEEP_ENDED_JOBS);
  const own = createHandlers(services, deps.facts, { jobs, feed, ...(kept ? { secrets: kept } : {}) });
  const handlers: Omit<Handlers, StoreMethod> = { ...own, 'jobs.list': () => [...carried, ...feed.list()] };
  jobHost.attach(jobs);
  let closing: Promise<void> | null = null;
  return {
    store,
    services,
    handlers,
    jobs,
    bus,
    rekey: (from: KekSource, to: KekSource) => store.rekey(from, to),
    // a plain store cannot keep secrets: before a decrypt they move to the app's keychain, or are dropped with a note
    beforeConvert: async (to, note) => {
      if (to === 'plain') (await releaseStoreSecrets(services, kept)).notes.forEach(note);
    },
    runningJobs: () => jobs.list().filter((j) => j.state === 'running').length,
    endedJobs,
    close: () =>
      (closing ??= (async () => {
        lock?.unroute(); // jobs handed over from now on are refused with the session's sentence
        await jobs.close({ cancel: true });
        feed.close();
        for (const stop of unforward) stop();
        unrelay();
        bus.close();
        await store.close();
      })()),
  };
}
