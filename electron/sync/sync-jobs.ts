import { z } from 'zod';
import type { JobContext, JobHandlers, JobOutcome } from '../jobs/job-types';
import type { JobDeps } from '../jobs/local-jobs';
import { describeRemoteAuth, remoteListing, remoteListLine } from '../secrets/masked-remote';
import { addRemote, removeRemote, remotes } from '../services/remotes-service';
import { pullJob } from './pull-job';
import { push } from './push';
import { connectRemote, stoppedBy } from './remote-connect';
import type { SecretKeeper } from './remote-secrets';
import { syncStatus } from './sync-status';

const Env = z.record(z.string(), z.string()).default({});
const RemoteAddArgs = z.object({ name: z.string(), url: z.string(), username: z.string().optional(), passwordEnv: z.string().optional(), tokenEnv: z.string().optional() });
const PushArgs = z.object({ remote: z.string(), experiments: z.array(z.string()).default([]), models: z.array(z.string()).default([]), runIds: z.array(z.string()).optional(), dryRun: z.boolean().default(false), env: Env });
const StatusArgs = z.object({ remote: z.string().optional() });

const done = (summary: string, details?: unknown): JobOutcome => ({ summary, problems: [], ...(details === undefined ? {} : { details }) });

/** The sync jobs of the process holding a store: remotes, push, pull, status. */
export function syncJobHandlers(deps: JobDeps, secrets?: SecretKeeper): JobHandlers {
  const { services: svc } = deps;
  return {
    'remote.add': async (args) => {
      const r = await addRemote(svc, RemoteAddArgs.parse(args));
      const mask = { storeEncrypted: svc.store.keys !== null };
      return done(`added remote ${r.name} (${r.url}, ${describeRemoteAuth(r, mask)})`, remoteListing(r, mask));
    },
    'remote.remove': async (args) => {
      const { name } = z.object({ name: z.string() }).parse(args);
      await removeRemote(svc, name);
      return done(`removed remote ${name} and what was recorded of it (pushed runs keep their lineage tags on the remote)`);
    },
    'remote.list': async () => {
      // where each secret comes from, the secret masked (issue 12)
      const mask = { storeEncrypted: svc.store.keys !== null };
      const list = remotes(svc);
      const lines = list.map((r) => remoteListLine(r, mask));
      return done(lines.length ? lines.join('\n') : 'no remotes: add one with `sextant remote add NAME URL`', list.map((r) => remoteListing(r, mask)));
    },
    'sync.status': async (args) => {
      const status = await syncStatus(svc, StatusArgs.parse(args).remote);
      return done(status.lines.join('\n'), status.details);
    },
    pull: (args, ctx) => pullJob({ ...deps, ...(secrets ? { secrets } : {}) }, args, ctx),
    push: async (args, ctx: JobContext) => {
      const a = PushArgs.parse(args);
      const connected = await connectRemote(svc, a.remote, a.env, ctx, 'push to', secrets);
      if (!('client' in connected)) return connected;
      const { remote, client } = connected;
      return push({ svc, remote: remote.name, client, experiments: a.experiments, models: a.models, ...(a.runIds ? { runIds: a.runIds } : {}), dryRun: a.dryRun, signal: ctx.signal, progress: (p) => ctx.progress(p) }).catch((err: unknown) =>
        stoppedBy('push to', remote.name, err),
      );
    },
  };
}

