import type { Experiment } from '../../shared/domain/tracking';
import type { ServiceContext } from '../services/service-context';
import type { SyncFact } from '../store/ops/op-types';
import { remoteId } from '../store/sync/sync-repo';
import { RemoteError } from './remote-error';
import type { RemotePort } from './remote-port';

export interface ExperimentPushContext {
  svc: ServiceContext;
  remote: string;
  client: RemotePort;
  signal?: AbortSignal;
  record(facts: SyncFact[]): Promise<void>;
}

/** Where the tags of an experiment are recorded in sync_tags (beside those of runs). */
export const experimentTagsKey = (experimentId: string) => `experiment:${experimentId}`;

const notFound = (err: unknown) => err instanceof RemoteError && err.errorCode === 'RESOURCE_DOES_NOT_EXIST';

/**
 * The remote experiment a local one goes to: the one it was pushed to before, else the remote
 * experiment of the same name, else a new one. A remote experiment of that name that is deleted
 * is a conflict (MLflow keeps the name taken): the answer says what to do, nothing is changed.
 */
export async function ensureRemoteExperiment(ctx: ExperimentPushContext, exp: Experiment): Promise<{ id: string } | { conflict: string }> {
  const opts = { signal: ctx.signal };
  const mapped = remoteId(ctx.svc.store.db, ctx.remote, 'experiment', exp.experiment_id);
  let remote: Experiment | null = null;
  if (mapped) remote = await ctx.client.get<{ experiment: Experiment }>('experiments/get', { experiment_id: mapped }, opts).then((r) => r.experiment, (err) => (notFound(err) ? null : Promise.reject(err)));
  remote ??= await byName(ctx, exp.name);
  if (remote?.lifecycle_stage === 'deleted') {
    return { conflict: `the remote experiment '${remote.name}' (${remote.experiment_id}) is deleted; restore it on the remote (mlflow experiments restore) or rename the local one, then push again` };
  }
  if (!remote) {
    try {
      const created = await ctx.client.post<{ experiment_id: string }>('experiments/create', { name: exp.name }, opts);
      remote = { ...exp, experiment_id: created.experiment_id };
    } catch (err) {
      if (!(err instanceof RemoteError && err.errorCode === 'RESOURCE_ALREADY_EXISTS')) throw err;
      remote = await byName(ctx, exp.name); // created meanwhile by someone else (or by a create whose answer was lost)
      if (!remote) throw err;
      if (remote.lifecycle_stage === 'deleted') return ensureRemoteExperiment(ctx, exp);
    }
  }
  if (remote.experiment_id !== mapped) await ctx.record([{ kind: 'id', entity: 'experiment', localId: exp.experiment_id, remoteId: remote.experiment_id }]);
  return { id: remote.experiment_id };
}

async function byName(ctx: ExperimentPushContext, name: string): Promise<Experiment | null> {
  return ctx.client.get<{ experiment: Experiment }>('experiments/get-by-name', { experiment_name: name }, { signal: ctx.signal }).then(
    (r) => r.experiment,
    (err) => (notFound(err) ? null : Promise.reject(err)),
  );
}

/** Experiment tags (its description among them) that changed since the last push. */
export async function pushExperimentTags(ctx: ExperimentPushContext, exp: Experiment, remoteExperimentId: string, pushed: Map<string, string>): Promise<void> {
  const key = experimentTagsKey(exp.experiment_id);
  for (const tag of exp.tags ?? []) {
    if (pushed.get(tag.key) === tag.value) continue;
    await ctx.client.post('experiments/set-experiment-tag', { experiment_id: remoteExperimentId, key: tag.key, value: tag.value }, { signal: ctx.signal });
    await ctx.record([{ kind: 'tag', runId: key, key: tag.key, value: tag.value }]);
  }
}
