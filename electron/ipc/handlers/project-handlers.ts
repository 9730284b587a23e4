import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';
import type { SyncHandlerDeps } from './sync-handlers';

/** The contract's project methods (shared/ipc/project-contract.ts). */
export function projectHandlers(_svc: ServiceContext, _deps: SyncHandlerDeps): Pick<Handlers, never> {
  return {};
}
