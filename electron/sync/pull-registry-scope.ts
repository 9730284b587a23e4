import type { ModelVersion } from '../../shared/domain/registry';
import type { Experiment, LoggedModel, Run } from '../../shared/domain/tracking';
import { findModel } from '../store/registry/registry-repo';
import { modelSyncedWith } from '../store/sync/pulled-models-repo';
import type { PullRunContext } from './pull-context';
import { RemoteError } from './remote-error';

/** Which registered models a pull looks at, and the remote experiments they come from. */

const notFound = (err: unknown) => err instanceof RemoteError && err.errorCode === 'RESOURCE_DOES_NOT_EXIST';
export const modelItem = (name: string) => `registered model '${name}'`;
const nameFilter = (name: string) => `name = '${name.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** Every version of a remote registered model, in version order. */
export async function remoteVersions(ctx: PullRunContext, name: string): Promise<ModelVersion[]> {
  const out: ModelVersion[] = [];
  for await (const page of ctx.client.searchPages('model-versions/search', { filter: nameFilter(name), max_results: 1000 }, { signal: ctx.signal })) {
    out.push(...((page.model_versions as ModelVersion[] | undefined) ?? []));
  }
  return out.sort((a, b) => Number(a.version) - Number(b.version));
}

/**
 * The remote experiments the versions of these registered models come from (their runs, and the
 * logged models they were registered from), to pull first. A model the remote does not have is a
 * problem, and is left out of `found`.
 */
export async function experimentsOfRemoteModels(ctx: PullRunContext, names: string[]): Promise<{ experiments: string[]; found: string[] }> {
  const opts = { signal: ctx.signal };
  const experimentIds = new Set<string>();
  const found: string[] = [];
  for (const name of names) {
    const conflict = modelConflict(ctx, name);
    if (conflict) {
      ctx.problem(modelItem(name), conflict);
      continue;
    }
    try {
      await ctx.client.get('registered-models/get', { name }, opts);
    } catch (err) {
      if (!notFound(err)) throw err;
      ctx.problem(modelItem(name), 'there is no registered model of that name on the remote');
      continue;
    }
    found.push(name);
    for (const v of await remoteVersions(ctx, name)) {
      if (v.run_id) {
        try {
          experimentIds.add((await ctx.client.get<{ run: Run }>('runs/get', { run_id: v.run_id }, opts)).run.info.experiment_id);
        } catch (err) {
          if (!notFound(err)) throw err;
        }
      }
      const model = /^models:\/(m-[^/]+)$/.exec(v.source)?.[1];
      if (model) {
        try {
          experimentIds.add((await ctx.client.get<{ model: LoggedModel }>(`logged-models/${model}`, undefined, opts)).model.info.experiment_id);
        } catch (err) {
          if (!notFound(err)) throw err;
        }
      }
    }
  }
  const experiments: string[] = [];
  for (const id of [...experimentIds].sort()) {
    const exp = (await ctx.client.get<{ experiment: Experiment }>('experiments/get', { experiment_id: id }, opts)).experiment;
    experiments.push(exp.name);
  }
  return { experiments, found };
}

/**
 * Registered models on the remote with a version whose run is one of `runIds` (the runs of the
 * pulled experiments): what an experiment pull brings along, as an experiment push does. One
 * search of every version (a registry is small beside its runs), matched here.
 */
export async function remoteModelsOfRuns(ctx: Pick<PullRunContext, 'client' | 'signal'>, runIds: ReadonlySet<string>): Promise<string[]> {
  const names = new Set<string>();
  for await (const page of ctx.client.searchPages('model-versions/search', { max_results: 10_000 }, { signal: ctx.signal })) {
    for (const v of (page.model_versions as ModelVersion[] | undefined) ?? []) if (v.run_id && runIds.has(v.run_id)) names.add(v.name);
  }
  return [...names].sort();
}

/** Why the local model of that name is not the remote's (undefined: none here, or synced with it before). */
export function modelConflict(ctx: Pick<PullRunContext, 'svc' | 'remote'>, name: string): string | undefined {
  const db = ctx.svc.store.db;
  if (!findModel(db, name) || modelSyncedWith(db, ctx.remote, name)) return undefined;
  return `a registered model of that name exists here and was never pushed to or pulled from '${ctx.remote}'; nothing was changed (rename the local one to pull the remote's)`;
}
