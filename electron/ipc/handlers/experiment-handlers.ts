import * as exps from '../../services/experiments-service';
import { searchExperiments } from '../../services/search-service';
import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';

type ExperimentHandlers = Pick<Handlers, 'experiments.list' | 'experiments.get' | 'experiments.create' | 'experiments.rename' | 'experiments.delete' | 'experiments.restore' | 'experiments.setTag' | 'experiments.deleteTag'>;

export function experimentHandlers(svc: ServiceContext): ExperimentHandlers {
  const get = (id: string) => exps.getExperiment(svc, id);
  return {
    'experiments.list': ({ filter, viewType }) => searchExperiments(svc, { filter, viewType, orderBy: ['last_update_time DESC'], maxResults: 50_000 }).items,
    'experiments.get': ({ id }) => get(id),
    'experiments.create': async ({ name, description }) =>
      get(await exps.createExperiment(svc, { name, tags: description ? [{ key: 'mlflow.note.content', value: description }] : [] })),
    'experiments.rename': async ({ id, name }) => (await exps.renameExperiment(svc, id, name), get(id)),
    'experiments.delete': async ({ id }) => (await exps.setExperimentLifecycle(svc, id, 'delete'), get(id)),
    'experiments.restore': async ({ id }) => (await exps.setExperimentLifecycle(svc, id, 'restore'), get(id)),
    'experiments.setTag': async ({ id, key, value }) => (await exps.setExperimentTag(svc, id, { key, value }), get(id)),
    'experiments.deleteTag': async ({ id, key }) => (await exps.deleteExperimentTag(svc, id, key), get(id)),
  };
}
