import { createServiceContext, type ServiceContext } from './services/service-context';
import { defaultExperimentOps } from './services/experiments-service';
import { startTrackingServer, type TrackingServer, type TrackingServerOptions } from './server/tracking-server';
import { Store } from './store/store';

export interface TrackingOptions extends Omit<TrackingServerOptions, 'services'> {
  storeDir: string;
  wasmPath?: string;
  /** Journal bytes between checkpoints (default 64 MiB). */
  checkpointBytes?: number;
}

export interface RunningTracking {
  store: Store;
  services: ServiceContext;
  server: TrackingServer;
  /** Stops accepting requests, then flushes and checkpoints the store. */
  close(): Promise<void>;
}

/** Opens a store and serves it: what both `sextant serve` and the desktop app start. */
export async function openTracking(opts: TrackingOptions): Promise<RunningTracking> {
  const store = await Store.open({ dir: opts.storeDir, wasmPath: opts.wasmPath, log: opts.log, checkpointBytes: opts.checkpointBytes, initialOps: defaultExperimentOps });
  const services = createServiceContext(store);
  let server: TrackingServer;
  try {
    server = await startTrackingServer({ ...opts, services });
  } catch (err) {
    await store.close();
    throw err;
  }
  return {
    store,
    services,
    server,
    async close() {
      await server.close();
      await store.close();
    },
  };
}
