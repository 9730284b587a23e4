import * as svc from '../../services/experiments-service';
import type { ServiceContext } from '../../services/service-context';
import { keyValues, optString, reqString, type Message } from '../request-fields';
import type { Routes } from '../router';

const expId = (m: Message) => reqString(m, 'experiment_id');

export function experimentsRoutes(routes: Routes, ctx: ServiceContext): void {
  routes.mlflow('POST', '/experiments/create', async (m) => ({
    experiment_id: await svc.createExperiment(ctx, { name: optString(m, 'name'), artifactLocation: optString(m, 'artifact_location'), tags: keyValues(m, 'tags') }),
  }));
  routes.mlflow('GET', '/experiments/get', (m) => ({ experiment: svc.getExperiment(ctx, expId(m)) }));
  routes.mlflow('GET', '/experiments/get-by-name', (m) => ({ experiment: svc.getExperimentByName(ctx, reqString(m, 'experiment_name')) }));
  routes.mlflow('POST', '/experiments/update', async (m) => {
    await svc.renameExperiment(ctx, expId(m), optString(m, 'new_name'));
  });
  routes.mlflow('POST', '/experiments/delete', async (m) => {
    await svc.setExperimentLifecycle(ctx, expId(m), 'delete');
  });
  routes.mlflow('POST', '/experiments/restore', async (m) => {
    await svc.setExperimentLifecycle(ctx, expId(m), 'restore');
  });
  routes.mlflow('POST', '/experiments/set-experiment-tag', async (m) => {
    await svc.setExperimentTag(ctx, expId(m), { key: reqString(m, 'key'), value: optString(m, 'value') ?? '' });
  });
  routes.mlflow('POST', '/experiments/delete-experiment-tag', async (m) => {
    await svc.deleteExperimentTag(ctx, expId(m), reqString(m, 'key'));
  });
}
