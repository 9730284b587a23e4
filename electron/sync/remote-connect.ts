import type { JobContext, JobOutcome } from '../jobs/job-types';
import { isRemoteUrl, normaliseRemoteUrl, requireRemote, resolveRemote } from '../services/remotes-service';
import type { ServiceContext } from '../services/service-context';
import type { RemoteRow } from '../store/sync/sync-repo';
import { authFromEnv } from './remote-auth';
import { RemoteClient } from './remote-client';
import { RemoteError } from './remote-error';
import { remoteAuth, type SecretKeeper } from './remote-secrets';

export interface Connected {
  remote: RemoteRow;
  client: RemoteClient;
}

/**
 * The remote a push or pull names (an added remote, or a URL with MLflow's own credential
 * variables), checked to answer before anything changes here: a remote that is down gives one
 * line at once, and a URL is added as a remote only once it answered.
 */
export async function connectRemote(
  svc: ServiceContext,
  nameOrUrl: string,
  handed: Record<string, string>,
  ctx: JobContext,
  verb: 'push to' | 'pull from',
  secrets?: SecretKeeper,
): Promise<Connected | JobOutcome> {
  const named = isRemoteUrl(nameOrUrl) ? null : requireRemote(svc, nameOrUrl);
  const url = named?.url ?? normaliseRemoteUrl(nameOrUrl);
  const auth = named ? remoteAuth(named, handed, process.env, secrets) : authFromEnv({ ...process.env, ...handed });
  const client = new RemoteClient({ url, auth, log: (e) => ctx.log(`retrying ${e.method} ${e.path} in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt}: ${e.reason})`) });
  try {
    await client.serverVersion({ signal: ctx.signal, retry: false });
  } catch (err) {
    return { summary: `${verb} ${named?.name ?? url}: the remote cannot be reached`, problems: [{ item: url, message: (err as Error).message }] };
  }
  return { remote: named ?? (await resolveRemote(svc, nameOrUrl)), client };
}

/** A remote that stopped answering mid-job ends it with one line naming the request (anything else is a bug and throws). */
export function stoppedBy(verb: 'push to' | 'pull from', remote: string, err: unknown): JobOutcome {
  if (err instanceof RemoteError) return { summary: `${verb} ${remote} stopped: ${err.message}`, problems: [{ item: `${err.method} ${err.path}`, message: err.message }] };
  throw err;
}
