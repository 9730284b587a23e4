import { z } from 'zod';
import type { JobContext, JobHandlers, JobOutcome } from '../jobs/job-types';
import type { JobDeps } from '../jobs/local-jobs';
import { addRemote, isRemoteUrl, normaliseRemoteUrl, removeRemote, remotes, requireRemote, resolveRemote } from '../services/remotes-service';
import type { RemoteRow } from '../store/sync/sync-repo';
import { pullJob } from './pull-job';
import { push } from './push';
import { authFromEnv, type RemoteAuth } from './remote-auth';
import { RemoteClient } from './remote-client';
import { RemoteError } from './remote-error';
import { syncStatus } from './sync-status';

/** Secrets a command hands the holder with a job: only these, from the command's environment. */
export const isHandedSecret = (name: string) => /^MLFLOW_TRACKING_/.test(name) || /_(PASSWORD|TOKEN|SECRET)$/.test(name);

/** The variables of `env` a command hands over with a sync job (in memory, through the store's 0600 socket). */
export const handedSecrets = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && isHandedSecret(e[0])));

const Env = z.record(z.string(), z.string()).default({});
const RemoteAddArgs = z.object({ name: z.string(), url: z.string(), username: z.string().optional(), passwordEnv: z.string().optional(), tokenEnv: z.string().optional() });
const PushArgs = z.object({ remote: z.string(), experiments: z.array(z.string()).default([]), models: z.array(z.string()).default([]), runIds: z.array(z.string()).optional(), dryRun: z.boolean().default(false), env: Env });
const StatusArgs = z.object({ remote: z.string().optional() });

const done = (summary: string, details?: unknown): JobOutcome => ({ summary, problems: [], ...(details === undefined ? {} : { details }) });

/**
 * How to reach a remote: an added remote's secret from the variable it names (the command's
 * environment first, then this process's); a URL's from MLflow's own variables.
 */
export function remoteAuth(remote: RemoteRow, handed: Record<string, string>, own: NodeJS.ProcessEnv = process.env, kept?: SecretKeeper): RemoteAuth {
  if (remote.name === remote.url) return authFromEnv({ ...own, ...handed }); // a remote given as a URL
  if (remote.authKind === 'none') return { kind: 'none' };
  const secret = (remote.secretEnv ? (handed[remote.secretEnv] ?? own[remote.secretEnv]) : undefined) ?? kept?.(remote.name);
  if (secret === undefined) {
    throw new Error(
      `remote '${remote.name}' reads its ${remote.authKind === 'basic' ? 'password' : 'token'} from $${remote.secretEnv}, which is set neither here nor in the process holding the store` +
        (isHandedSecret(remote.secretEnv) ? '' : ' (a command hands over only variables named MLFLOW_TRACKING_*, *_PASSWORD, *_TOKEN or *_SECRET)'),
    );
  }
  return remote.authKind === 'basic' ? { kind: 'basic', username: remote.username, password: secret } : { kind: 'bearer', token: secret };
}

/**
 * A remote's secret kept by the desktop app (encrypted with the OS keychain through Electron's
 * safeStorage, never in the store), for remotes added in the app without an environment variable.
 */
export type SecretKeeper = (remote: string) => string | undefined;

/** The sync jobs of the process holding a store: remotes, push, pull, status. */
export function syncJobHandlers(deps: JobDeps, secrets?: SecretKeeper): JobHandlers {
  const { services: svc } = deps;
  return {
    'remote.add': async (args) => {
      const r = await addRemote(svc, RemoteAddArgs.parse(args));
      return done(`added remote ${r.name} (${r.url}${r.authKind === 'none' ? '' : `, ${r.authKind} auth from $${r.secretEnv}`})`, r);
    },
    'remote.remove': async (args) => {
      const { name } = z.object({ name: z.string() }).parse(args);
      await removeRemote(svc, name);
      return done(`removed remote ${name} and what was recorded of it (pushed runs keep their lineage tags on the remote)`);
    },
    'remote.list': async () => {
      const list = remotes(svc);
      const lines = list.map((r) => `${r.name}\t${r.url}\t${r.authKind === 'none' ? 'no auth' : `${r.authKind} ($${r.secretEnv})`}\t${r.lastSyncTime ? `${new Date(r.lastSyncTime).toISOString()} ${r.lastSyncState}` : 'never synced'}`);
      return done(lines.length ? lines.join('\n') : 'no remotes: add one with `sextant remote add NAME URL`', list);
    },
    'sync.status': async (args) => {
      const status = await syncStatus(svc, StatusArgs.parse(args).remote);
      return done(status.lines.join('\n'), status.details);
    },
    pull: (args, ctx) => pullJob({ ...deps, ...(secrets ? { secrets } : {}) }, args, ctx),
    push: async (args, ctx: JobContext) => {
      const a = PushArgs.parse(args);
      const named = isRemoteUrl(a.remote) ? null : requireRemote(svc, a.remote);
      const url = named?.url ?? normaliseRemoteUrl(a.remote);
      const auth = named ? remoteAuth(named, a.env, process.env, secrets) : authFromEnv({ ...process.env, ...a.env });
      const client = new RemoteClient({ url, auth, log: (e) => ctx.log(`retrying ${e.method} ${e.path} in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt}: ${e.reason})`) });
      try {
        await client.serverVersion({ signal: ctx.signal, retry: false }); // a remote that is down: say so at once, before anything changes here
      } catch (err) {
        return { summary: `push to ${named?.name ?? url}: the remote cannot be reached`, problems: [{ item: url, message: (err as Error).message }] };
      }
      const remote = named ?? (await resolveRemote(svc, a.remote));
      const report = await push({ svc, remote: remote.name, client, experiments: a.experiments, models: a.models, ...(a.runIds ? { runIds: a.runIds } : {}), dryRun: a.dryRun, signal: ctx.signal, progress: (p) => ctx.progress(p) }).catch((err: unknown) => {
        if (err instanceof RemoteError) return { summary: `push to ${remote.name} stopped: ${err.message}`, problems: [{ item: `${err.method} ${err.path}`, message: err.message }] };
        throw err;
      });
      return report;
    },
  };
}

