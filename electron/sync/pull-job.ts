import { z } from 'zod';
import type { JobContext, JobOutcome } from '../jobs/job-types';
import type { JobDeps } from '../jobs/local-jobs';
import { pull } from './pull';
import { connectRemote, stoppedBy } from './remote-connect';
import type { SecretKeeper } from './remote-secrets';

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
 * changes here, then pulls (experiments, or registered models with the experiments their versions
 * come from). One summary line; every run, experiment, logged model, registered model or version
 * not brought in sync is a problem naming it.
 */
export async function pullJob(deps: PullJobDeps, args: unknown, ctx: JobContext): Promise<JobOutcome> {
  const svc = deps.services;
  const a = PullArgs.parse(args);
  const connected = await connectRemote(svc, a.remote, a.env, ctx, 'pull from', deps.secrets);
  if (!('client' in connected)) return connected;
  const { remote, client } = connected;
  return pull({ svc, remote: remote.name, client, experiments: a.experiments, models: a.models, artifacts: a.artifacts, signal: ctx.signal, progress: (p) => ctx.progress(p) }).catch((err: unknown) => stoppedBy('pull from', remote.name, err));
}
