import { z } from 'zod';
import type { JobContext, JobOutcome } from '../jobs/job-types';
import type { JobDeps } from '../jobs/local-jobs';
import { isRemoteUrl, normaliseRemoteUrl, requireRemote, resolveRemote } from '../services/remotes-service';
import { pull } from './pull';
import { authFromEnv } from './remote-auth';
import { RemoteClient } from './remote-client';
import { RemoteError } from './remote-error';
import { remoteAuth, type SecretKeeper } from './sync-jobs';

const PullArgs = z.object({
  remote: z.string(),
  experiments: z.array(z.string()).default([]),
  models: z.array(z.string()).default([]),
  artifacts: z.enum(['lazy', 'eager']).default('lazy'),
  /** Secrets handed over by the command (see handedSecrets). */
  env: z.record(z.string(), z.string()).default({}),
});

export interface PullJobDeps extends JobDeps {
  /** Secrets the desktop app keeps for remotes added without an environment variable. */
  secrets?: SecretKeeper;
}

/**
 * The `pull` job of the process holding the store: checks that the remote answers before anything
 * changes here, then pulls. One summary line; every run or experiment not brought in sync is a
 * problem naming it.
 */
export async function pullJob(deps: PullJobDeps, args: unknown, ctx: JobContext): Promise<JobOutcome> {
  const svc = deps.services;
  const a = PullArgs.parse(args);
  if (a.models.length) return { summary: 'pull: --model is not supported yet', problems: [{ item: 'pull', message: '--model NAME (registered models) is not supported yet; pull the experiments their versions come from instead' }] };
  const named = isRemoteUrl(a.remote) ? null : requireRemote(svc, a.remote);
  const url = named?.url ?? normaliseRemoteUrl(a.remote);
  const auth = named ? remoteAuth(named, a.env, process.env, deps.secrets) : authFromEnv({ ...process.env, ...a.env });
  const client = new RemoteClient({ url, auth, log: (e) => ctx.log(`retrying ${e.method} ${e.path} in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt}: ${e.reason})`) });
  try {
    await client.serverVersion({ signal: ctx.signal, retry: false }); // a remote that is down: say so at once, before anything changes here
  } catch (err) {
    return { summary: `pull from ${named?.name ?? url}: the remote cannot be reached`, problems: [{ item: url, message: (err as Error).message }] };
  }
  const remote = named ?? (await resolveRemote(svc, a.remote));
  return pull({ svc, remote: remote.name, client, experiments: a.experiments, artifacts: a.artifacts, signal: ctx.signal, progress: (p) => ctx.progress(p) }).catch((err: unknown) => {
    if (err instanceof RemoteError) return { summary: `pull from ${remote.name} stopped: ${err.message}`, problems: [{ item: `${err.method} ${err.path}`, message: err.message }] };
    throw err;
  });
}
