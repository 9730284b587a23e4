import { randomBytes } from 'node:crypto';
import { EventBus } from './events/event-bus';
import { createHandlers } from './ipc/handlers';
import type { Handlers } from './ipc/dispatch';
import { createServiceContext, type ServiceContext } from './services/service-context';
import { defaultExperimentOps } from './services/experiments-service';
import { HandoffCodes } from './server/routes/handoff-codes';
import { startTrackingServer, type TrackingServer, type TrackingServerOptions } from './server/tracking-server';
import { Store } from './store/store';

export interface TrackingOptions extends Omit<TrackingServerOptions, 'services' | 'browserMode'> {
  storeDir: string;
  /** The built renderer to serve in browser mode (out/renderer); none for the API alone. */
  rendererDir?: string;
  version: string;
  wasmPath?: string;
  /** Journal bytes between checkpoints (default 64 MiB). */
  checkpointBytes?: number;
}

export interface RunningTracking {
  store: Store;
  services: ServiceContext;
  server: TrackingServer;
  /** The contract's handlers and events, for the desktop IPC transport. */
  handlers: Handlers;
  bus: EventBus;
  /** Browser-mode URL with the per-launch token in its fragment (never sent to the server). */
  uiUrl: string | null;
  /**
   * A fresh browser-mode URL carrying a one-time code (`#handoff=…`, good once within a minute)
   * instead of the token: for URLs handed to another program, whose command line any process
   * can read. Null when the UI is not served.
   */
  handoffUrl: (() => string) | null;
  /** Stops accepting requests, then flushes and checkpoints the store. */
  close(): Promise<void>;
}

/** Opens a store and serves it: what both `sextant serve` and the desktop app start. */
export async function openTracking(opts: TrackingOptions): Promise<RunningTracking> {
  const store = await Store.open({ dir: opts.storeDir, wasmPath: opts.wasmPath, log: opts.log, checkpointBytes: opts.checkpointBytes, initialOps: defaultExperimentOps });
  const services = createServiceContext(store);
  const facts = { trackingUri: '', version: opts.version };
  const handlers = createHandlers(services, facts);
  const bus = new EventBus(store);
  const uiToken = randomBytes(24).toString('hex');
  const handoff = new HandoffCodes();
  const browserMode = opts.rendererDir ? { handlers, bus, uiToken, handoff, rendererDir: opts.rendererDir, log: opts.log } : undefined;
  let server: TrackingServer;
  try {
    server = await startTrackingServer({ ...opts, services, browserMode });
  } catch (err) {
    bus.close();
    await store.close();
    throw err;
  }
  facts.trackingUri = server.url;
  return {
    store,
    services,
    server,
    handlers,
    bus,
    uiUrl: browserMode ? `${server.url}/#token=${uiToken}` : null,
    handoffUrl: browserMode ? () => `${server.url}/#handoff=${handoff.mint()}` : null,
    async close() {
      await server.close();
      bus.close();
      await store.close();
    },
  };
}
