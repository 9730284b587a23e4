import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store';

/** What the services need: the store, a clock and an id source (injected so tests control them). */
export interface ServiceContext {
  store: Store;
  now(): number;
  /** 32 lower-case hex characters, like MLflow's uuid4().hex. */
  newId(): string;
}

export function createServiceContext(store: Store): ServiceContext {
  return { store, now: Date.now, newId: () => randomUUID().replaceAll('-', '') };
}
