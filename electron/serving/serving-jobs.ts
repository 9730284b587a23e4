import { z } from 'zod';
import { ENV_MANAGERS } from '../../shared/ipc/serving-types';
import { errorMessage } from '../jobs/job-runner';
import type { JobContext, JobHandlers, JobOutcome } from '../jobs/job-types';
import type { JobDeps } from '../jobs/local-jobs';
import type { ServiceContext } from '../services/service-context';
import { materializeModel } from './model-files';
import { describeResolved, resolveModelUri } from './model-uri';
import { serverUrl } from './port-check';
import { serveModel } from './serve-model';
import { serverRegistryOf, type ServerRegistry } from './server-registry';
import { listRemotes } from '../store/sync/sync-repo';

export const MODEL_SERVE_JOB = 'model-serve';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5001;

/** What a model-serve job is asked (by the app's serving.start or a handed-over `sextant models serve`). */
export const ServeArgs = z.object({
  modelUri: z.string().min(1).max(4096),
  host: z.string().min(1).max(255).optional(),
  port: z.number().int().min(1).max(65_535).optional(),
  envManager: z.enum(ENV_MANAGERS).optional(),
  python: z.string().min(1).max(4096).optional(),
});
export type ServeArgs = z.infer<typeof ServeArgs>;

export const serveTitle = (modelUri: string) => `Serve ${modelUri}`;

/** The model-serve job (issue 13), run by the process holding the store: one scoring server until cancelled. */
export function servingJobHandlers(deps: JobDeps): JobHandlers {
  const registry = serverRegistryOf(deps.store);
  return { [MODEL_SERVE_JOB]: (raw, ctx) => runServeJob(deps.services, registry, ServeArgs.parse(raw), ctx) };
}

/**
 * Resolves the model, copies its files out of the store into a private temp folder, serves it
 * until the job is cancelled, and removes the folder. Its state goes to the registry (the app's
 * Serve panel) and its lines to the job's log (a CLI that handed it over prints them).
 */
export async function runServeJob(svc: ServiceContext, registry: ServerRegistry, args: ServeArgs, ctx: JobContext): Promise<JobOutcome> {
  const host = args.host ?? DEFAULT_HOST;
  const port = args.port ?? DEFAULT_PORT;
  const url = serverUrl(host, port);
  const id = ctx.id;
  registry.add({ id, modelUri: args.modelUri, resolved: {}, host, port, url, state: 'starting', startedAt: Date.now(), lines: [] });
  const log = (line: string) => {
    registry.output(id, line);
    ctx.log(line);
  };
  try {
    ctx.progress({ phase: 'resolving the model' });
    const location = resolveModelUri(svc, args.modelUri);
    registry.update(id, { resolved: location.resolved });
    log(`${args.modelUri} is ${describeResolved(location.resolved)}`);
    ctx.progress({ phase: 'copying the model files' });
    const model = await materializeModel(svc, location.artifactPath, { signal: ctx.signal, log });
    try {
      ctx.progress({ phase: 'starting the scoring server' });
      await serveModel({
        modelDir: model.dir,
        host,
        port,
        envManager: args.envManager ?? 'local',
        ...(args.python ? { python: args.python } : {}),
        remotes: listRemotes(svc.store.db),
        log,
        signal: ctx.signal,
        onReady: () => {
          log(`serving ${args.modelUri} at ${url} (POST ${url}/invocations)`);
          registry.update(id, { state: 'ready' });
          ctx.progress({ phase: 'serving', current: url });
        },
      });
    } finally {
      await model.remove();
    }
    registry.update(id, { state: 'stopped', endedAt: Date.now() });
    log(`stopped the server for ${args.modelUri}`);
    return { summary: `served ${args.modelUri} at ${url}; stopped`, problems: [], details: { url, resolved: location.resolved } };
  } catch (err) {
    if (ctx.signal.aborted) {
      registry.update(id, { state: 'stopped', endedAt: Date.now() });
      throw err;
    }
    const message = err instanceof Error ? err.message : String(err);
    for (const line of message.split('\n').slice(1)) log(line);
    registry.update(id, { state: 'failed', error: errorMessage(err), endedAt: Date.now() });
    throw err;
  }
}
