import { RUN_STATUSES } from '../../../shared/domain/tracking';
import * as svc from '../../services/runs-service';
import type { ServiceContext } from '../../services/service-context';
import { keyValues, optEnum, optInt, optString, reqRunId, reqString } from '../request-fields';
import type { Routes } from '../router';

export function runsRoutes(routes: Routes, ctx: ServiceContext): void {
  routes.mlflow('POST', '/runs/create', async (m) => ({
    run: await svc.createRun(ctx, {
      experimentId: optString(m, 'experiment_id'),
      userId: optString(m, 'user_id'),
      runName: optString(m, 'run_name'),
      startTime: optInt(m, 'start_time'),
      tags: keyValues(m, 'tags'),
    }),
  }));
  routes.mlflow('GET', '/runs/get', (m) => ({ run: svc.getRun(ctx, reqRunId(m)) }));
  routes.mlflow('POST', '/runs/update', async (m) => ({
    run_info: await svc.updateRun(ctx, {
      runId: reqRunId(m),
      status: optEnum(m, 'status', RUN_STATUSES),
      endTime: optInt(m, 'end_time'),
      runName: optString(m, 'run_name'),
    }),
  }));
  routes.mlflow('POST', '/runs/delete', async (m) => {
    await svc.setRunLifecycle(ctx, reqRunId(m), 'delete');
  });
  routes.mlflow('POST', '/runs/restore', async (m) => {
    await svc.setRunLifecycle(ctx, reqRunId(m), 'restore');
  });
  routes.mlflow('POST', '/runs/delete-tag', async (m) => {
    await svc.deleteRunTag(ctx, reqRunId(m), reqString(m, 'key'));
  });
}
