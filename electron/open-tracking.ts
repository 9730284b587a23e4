import { randomBytes } from 'node:crypto';
import type { Handlers } from './ipc/dispatch';
import type { KeptSecrets } from './ipc/kept-secrets';
import type { JobRunner } from './jobs/job-runner';
import type { JobHandlersFactory } from './jobs/local-jobs';
import { HandoffCodes } from './server/routes/handoff-codes';
import { startTrackingServer, type TrackingServer, type TrackingServerOptions } from './server/tracking-server';
import type { ServiceContext } from './services/service-context';
import { convertStore } from './store/convert/convert-store';
import { finishInterruptedSwap } from './store/convert/swap-recovery';
import type { KekSource } from './store/crypto/keys/kek-source';
import { readKeyFile, writeNewKeyFile } from './store/crypto/keys/key-file';
import { unlock } from './store/crypto/keys/store-encryption';
import type { OsKeychain } from './store/crypto/keys/os-keychain';
import type { ScryptParams } from './store/crypto/keys/passphrase-kek';
import { readManifest } from './store/manifest';
import type { Store } from './store/store';
import { EventRelay } from './session/event-relay';
import { frontHandlers } from './session/front-handlers';
import { openServedStore, type ServedStore } from './session/served-store';
import { StoreSession } from './session/store-session';
import { warmSearchParsers } from '../shared/search/warm-parsers';
import { widenHeapGrowth } from './heap-growth';

export interface TrackingOptions extends Omit<TrackingServerOptions, 'services' | 'browserMode' | 'unavailable'> {
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
  /**
   * The desktop app's OS keychain (safeStorage): a new store is created encrypted with it when it
   * can protect the key, an OS-keychain store opens with it. None headless.
   */
  keychain?: OsKeychain;
  /** scrypt parameters for passphrases set from the UI (tests; default: the store's). */
  scrypt?: ScryptParams;
}

export interface RunningTracking {
  /** The store's state (locked, open, being converted…) and its store.* methods. */
  session: StoreSession<ServedStore>;
  /** The open store; throws while it is not open (locked, being converted). */
  readonly store: Store;
  readonly services: ServiceContext;
  /** The open store's long jobs (push, pull, …); throws while it is not open. */
  readonly jobs: JobRunner;
  server: TrackingServer;
  /** The contract's handlers for the desktop IPC transport: the same object whatever the store's state. */
  handlers: Handlers;
  /** The contract's events, the same object whatever the store's state. */
  bus: EventRelay;
  /** Browser-mode URL with the per-launch token in its fragment (never sent to the server). */
  uiUrl: string | null;
  /**
   * A fresh browser-mode URL carrying a one-time code (`#handoff=…`, good once within a minute)
   * instead of the token: for URLs handed to another program, whose command line any process
   * can read. Null when the UI is not served.
   */
  handoffUrl: (() => string) | null;
  /** Stops accepting requests, waits for a conversion, cancels running jobs and waits for them, then flushes and checkpoints the store. */
  close(): Promise<void>;
}

/**
 * Serves a store: what both `sextant serve` and the desktop app start. The store opens first
 * when nothing is needed from a person (a plain store, a key given, the app's OS keychain), so a
 * store that cannot open fails the start as before; a store waiting for a passphrase (or a key
 * file not given, or a choice of protection) is served `locked`: browser mode and the store.*
 * methods answer, everything else 503 TEMPORARILY_UNAVAILABLE, until it is unlocked.
 */
export async function openTracking(opts: TrackingOptions): Promise<RunningTracking> {
  widenHeapGrowth(); // a long-lived holder: fewer, larger mark-compacts for the store's state (heap-growth.ts)
  const holder = opts.jobs?.holder ?? 'serve';
  const relay = new EventRelay();
  const facts = { trackingUri: '', version: opts.version };
  const session: StoreSession<ServedStore> = new StoreSession<ServedStore>({
    dir: opts.storeDir,
    holder,
    ...(opts.keychain ? { keychain: opts.keychain } : {}),
    ...(opts.key ? { startKey: opts.key } : {}),
    ...(opts.scrypt ? { scrypt: opts.scrypt } : {}),
    open: (req) =>
      openServedStore(req, {
        dir: opts.storeDir,
        ...(opts.wasmPath ? { wasmPath: opts.wasmPath } : {}),
        ...(opts.checkpointWorker ? { checkpointWorker: opts.checkpointWorker } : {}),
        ...(opts.checkpointBytes ? { checkpointBytes: opts.checkpointBytes } : {}),
        log: opts.log,
        holder,
        ...(opts.jobs?.handlers ? { jobHandlers: opts.jobs.handlers } : {}),
        ...(opts.secrets ? { secrets: opts.secrets } : {}),
        facts,
        publish: (msg) => relay.publish(msg),
      }),
    convert: (req) => convertStore({ ...req, ...(opts.wasmPath ? { wasmPath: opts.wasmPath } : {}) }),
    readManifest,
    finishInterruptedSwap,
    checkKey: async (key) => {
      const m = readManifest(opts.storeDir);
      if (m?.encryption) (await unlock({ header: m.encryption, storeId: m.storeId, storeDir: opts.storeDir }, key)).dispose();
    },
    keyFiles: { check: (path) => readKeyFile(path).dispose(), generate: writeNewKeyFile },
    log: opts.log,
  });
  session.onStatus((status) => relay.publish({ event: 'store.changed', payload: { status } }));
  await session.start(); // throws what no person can fix from the UI (a wrong key file given, a damaged store, held elsewhere)
  const handlers = frontHandlers({
    control: session,
    localUrl: () => facts.trackingUri,
    current: () => session.store?.handlers ?? null,
    unavailable: () => session.unavailable(),
    closedAppInfo: () => ({ trackingUri: facts.trackingUri, storePath: opts.storeDir, storeBytes: 0, version: opts.version }),
  });
  warmSearchParsers(); // before the first search waits on it
  const uiToken = randomBytes(24).toString('hex');
  const handoff = new HandoffCodes();
  const browserMode = opts.rendererDir ? { handlers, bus: relay, uiToken, handoff, rendererDir: opts.rendererDir, log: opts.log } : undefined;
  let server: TrackingServer;
  try {
    server = await startTrackingServer({ ...opts, services: session.store?.services ?? null, unavailable: () => session.unavailable(), browserMode });
  } catch (err) {
    await session.close();
    relay.close();
    throw err;
  }
  let last = session.store;
  let closed = false;
  session.onStore((served) => {
    server.setServices(served?.services ?? null);
    if (served) last = served;
  });
  facts.trackingUri = server.url;
  // Once closed, what was served stays readable (its jobs' last states) as before.
  const open = () => {
    const served = session.store ?? (closed ? last : null);
    if (!served) throw new Error(session.unavailable());
    return served;
  };
  return {
    session,
    get store() {
      return open().store;
    },
    get services() {
      return open().services;
    },
    get jobs() {
      return open().jobs;
    },
    server,
    handlers,
    bus: relay,
    uiUrl: browserMode ? `${server.url}/#token=${uiToken}` : null,
    handoffUrl: browserMode ? () => `${server.url}/#handoff=${handoff.mint()}` : null,
    async close() {
      closed = true;
      await server.close();
      await session.close();
      relay.close();
    },
  };
}
