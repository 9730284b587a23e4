import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';
import type { SyncHandlerDeps } from './sync-handlers';

/** The contract's serving methods (shared/ipc/serving-contract.ts). */
export function servingHandlers(_svc: ServiceContext, _deps: SyncHandlerDeps): Pick<Handlers, never> {
  return {};
}
