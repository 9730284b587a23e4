import { invalidParam } from '../../../shared/domain/mlflow-error';
import { LOGGED_MODEL_STATUSES } from '../../../shared/domain/tracking';
import * as svc from '../../services/logged-models-service';
import type { ServiceContext } from '../../services/service-context';
import { keyValues, optBool, optEnum, optString, reqString, type Message } from '../request-fields';
import type { RouteContext, Routes } from '../router';

const modelIdOf = (rc: RouteContext, m: Message) => {
  const fromPath = rc.params.model_id ?? '';
  const fromBody = optString(m, 'model_id');
  if (fromBody && fromBody !== fromPath) throw invalidParam(`model_id in the request body ('${fromBody}') does not match the path ('${fromPath}').`);
  return fromPath;
};

export function loggedModelsRoutes(routes: Routes, ctx: ServiceContext): void {
  routes.mlflow('POST', '/logged-models', async (m) => ({
    model: await svc.createLoggedModel(ctx, {
      experimentId: reqString(m, 'experiment_id'), name: optString(m, 'name'), modelType: optString(m, 'model_type'),
      sourceRunId: optString(m, 'source_run_id'), params: keyValues(m, 'params'), tags: keyValues(m, 'tags'),
    }),
  }));
  routes.mlflow('GET', '/logged-models/:model_id', (m, rc) => ({ model: svc.getLoggedModel(ctx, modelIdOf(rc, m), optBool(m, 'allow_deleted') ?? false) }));
  routes.mlflow('PATCH', '/logged-models/:model_id', async (m, rc) => {
    const status = optEnum(m, 'status', LOGGED_MODEL_STATUSES, 0);
    if (!status) throw invalidParam("Missing value for required parameter 'status'.");
    return { model: await svc.finalizeLoggedModel(ctx, modelIdOf(rc, m), status) };
  });
  routes.mlflow('DELETE', '/logged-models/:model_id', async (m, rc) => {
    await svc.deleteLoggedModel(ctx, modelIdOf(rc, m));
  });
  routes.mlflow('PATCH', '/logged-models/:model_id/tags', async (m, rc) => {
    await svc.setLoggedModelTags(ctx, modelIdOf(rc, m), keyValues(m, 'tags'));
  });
  routes.mlflow('DELETE', '/logged-models/:model_id/tags/:tag_key', async (m, rc) => {
    await svc.deleteLoggedModelTag(ctx, modelIdOf(rc, m), rc.params.tag_key ?? '');
  });
  routes.mlflow('POST', '/logged-models/:model_id/params', async (m, rc) => {
    await svc.logLoggedModelParams(ctx, modelIdOf(rc, m), keyValues(m, 'params'));
  });
}
