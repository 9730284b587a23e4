import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';
import { appHandlers, type AppFacts } from './app-handlers';
import { artifactHandlers } from './artifact-handlers';
import { experimentHandlers } from './experiment-handlers';
import { loggedModelHandlers } from './logged-model-handlers';
import { registryHandlers } from './registry-handlers';
import { runHandlers } from './run-handlers';
import { runsTableHandlers } from './runs-table-handlers';
import { syncHandlers, type SyncHandlerDeps } from './sync-handlers';
import { transferHandlers } from './transfer-handlers';
import { projectHandlers } from './project-handlers';
import { servingHandlers } from './serving-handlers';
import type { StoreMethod } from './store-handlers';

/** Every method of the contract but store.* (which the store session answers whatever its state: session/front-handlers.ts), served by the same services as the REST API. */
export function createHandlers(svc: ServiceContext, facts: AppFacts, sync: SyncHandlerDeps): Omit<Handlers, StoreMethod> {
  return { ...appHandlers(svc, facts), ...experimentHandlers(svc), ...runHandlers(svc), ...runsTableHandlers(svc), ...artifactHandlers(svc), ...registryHandlers(svc), ...loggedModelHandlers(svc), ...syncHandlers(svc, sync), ...transferHandlers(sync), ...projectHandlers(svc, sync), ...servingHandlers(svc, sync) };
}
