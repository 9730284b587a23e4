import { invalidParam, notFound } from '../../../shared/domain/mlflow-error';
import type { ServerView } from '../../../shared/ipc/serving-types';
import { JobStartError } from '../../jobs/job-runner';
import { invokeServer } from '../../serving/invoke-server';
import { resolveModelUri } from '../../serving/model-uri';
import { assertPortFree, healthUrl, PortTakenError } from '../../serving/port-check';
import { servingExample } from '../../serving/serving-example';
import { DEFAULT_HOST, DEFAULT_PORT, MODEL_SERVE_JOB, serveTitle } from '../../serving/serving-jobs';
import { serverRegistryOf } from '../../serving/server-registry';
import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';
import type { SyncHandlerDeps } from './sync-handlers';

type ServingHandlers = Pick<Handlers, 'serving.list' | 'serving.start' | 'serving.stop' | 'serving.example' | 'serving.invoke'>;

/**
 * The contract's serving methods (shared/ipc/serving-contract.ts): model-serve jobs of the store
 * holder, seen as servers. Their events go out through forwardServingEvents (electron/serving).
 */
export function servingHandlers(svc: ServiceContext, deps: SyncHandlerDeps): ServingHandlers {
  const registry = serverRegistryOf(svc.store);
  const require = (id: string): ServerView => {
    const view = registry.get(id);
    if (!view) throw notFound(`No model server with id ${id} (it may have ended long ago).`);
    return view;
  };
  return {
    'serving.list': () => registry.list(),
    'serving.start': async (input) => {
      resolveModelUri(svc, input.modelUri); // a missing model or alias is refused before any job starts
      const host = input.host ?? DEFAULT_HOST;
      const port = input.port ?? DEFAULT_PORT;
      const same = registry.list().find((v) => v.host === host && v.port === port && (v.state === 'starting' || v.state === 'ready'));
      if (same) throw invalidParam(`${same.modelUri} is already served on port ${port}: stop it first, or choose another port.`);
      await assertPortFree(host, port).catch((err: unknown) => {
        throw err instanceof PortTakenError ? invalidParam(err.message) : err;
      });
      let id: string;
      try {
        id = deps.jobs.start({ kind: MODEL_SERVE_JOB, args: input }).id;
      } catch (err) {
        if (err instanceof JobStartError) throw invalidParam(err.message);
        throw err;
      }
      deps.feed.title(id, serveTitle(input.modelUri));
      return require(id);
    },
    'serving.stop': async ({ id }) => {
      require(id);
      deps.jobs.cancel(id);
      await registry.ended(id);
      return require(id);
    },
    'serving.example': async ({ modelUri }) => servingExample(svc, resolveModelUri(svc, modelUri).artifactPath),
    'serving.invoke': async ({ id, body, contentType }) => {
      const view = require(id);
      if (view.state !== 'ready') throw invalidParam(`The server for ${view.modelUri} is ${view.state}, not ready: ${view.state === 'starting' ? 'wait until it is ready' : 'start it again'}.`);
      return invokeServer(healthUrl(view.host, view.port), body, contentType); // a wildcard bind is reached through loopback
    },
  };
}
