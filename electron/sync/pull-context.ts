import type { ServiceContext } from '../services/service-context';
import type { SyncFact } from '../store/ops/op-types';
import type { PullPort } from './pull-port';

export type ArtifactMode = 'lazy' | 'eager';

/** What copying one pulled run needs. */
export interface PullRunContext {
  svc: ServiceContext;
  remote: string;
  client: PullPort;
  artifacts: ArtifactMode;
  signal?: AbortSignal;
  /** Commits what the remote has (a `sync.record` op); resolves once durable. */
  record(facts: SyncFact[]): Promise<void>;
  problem(item: string, message: string): void;
  /** Counts copied points and downloaded bytes as they go. */
  copied(points: number, bytes: number): void;
}
