import { invalidParam } from '../../../shared/domain/mlflow-error';
import { logToRun, recordLoggedModel } from '../../services/logging-service';
import { logInputs, logOutputs } from '../../services/inputs-service';
import type { ServiceContext } from '../../services/service-context';
import { parseMetrics } from '../parse-metrics';
import { asMessage, keyValues, optArray, optInt, optString, reqRunId, reqString, type Message } from '../request-fields';
import type { Routes } from '../router';

export function loggingRoutes(routes: Routes, ctx: ServiceContext): void {
  routes.mlflow('POST', '/runs/log-metric', async (m) => {
    const { points, modelMetrics } = parseMetrics([m]);
    await logToRun(ctx, { runId: reqRunId(m), metrics: points, modelMetrics, params: [], tags: [] });
  });
  routes.mlflow('POST', '/runs/log-parameter', async (m) => {
    await logToRun(ctx, { runId: reqRunId(m), metrics: null, params: [{ key: reqString(m, 'key'), value: optString(m, 'value') ?? '' }], tags: [] });
  });
  routes.mlflow('POST', '/runs/set-tag', async (m) => {
    await logToRun(ctx, { runId: reqRunId(m), metrics: null, params: [], tags: [{ key: reqString(m, 'key'), value: optString(m, 'value') ?? '' }] });
  });
  routes.mlflow('POST', '/runs/log-batch', async (m) => {
    const { points, modelMetrics } = parseMetrics(optArray(m, 'metrics'));
    await logToRun(ctx, { runId: reqRunId(m), metrics: points, modelMetrics, params: keyValues(m, 'params'), tags: keyValues(m, 'tags') });
  });
  routes.mlflow('POST', '/runs/log-model', async (m) => {
    const runId = reqRunId(m);
    const modelJson = reqString(m, 'model_json');
    let model: unknown;
    try {
      model = JSON.parse(modelJson);
    } catch {
      throw invalidParam("Malformed 'model_json': expected a JSON object.");
    }
    await recordLoggedModel(ctx, runId, model);
  });
  routes.mlflow('POST', '/runs/log-inputs', async (m) => {
    const datasets = optArray(m, 'datasets').map((item) => {
      const di = asMessage(item);
      const d = asMessage(di.dataset ?? {});
      return {
        name: optString(d, 'name') ?? '', digest: optString(d, 'digest') ?? '', sourceType: optString(d, 'source_type') ?? '',
        source: optString(d, 'source') ?? '', schema: optString(d, 'schema'), profile: optString(d, 'profile'), tags: keyValues(di, 'tags'),
      };
    });
    const models = optArray(m, 'models').map((x) => reqString(asMessage(x), 'model_id'));
    await logInputs(ctx, reqRunId(m), datasets, models);
  });
  routes.mlflow('POST', '/runs/outputs', async (m) => {
    const models = optArray(m, 'models').map((x) => {
      const mo: Message = asMessage(x);
      return { modelId: reqString(mo, 'model_id'), step: optInt(mo, 'step') ?? 0 };
    });
    await logOutputs(ctx, reqRunId(m), models);
  });
}
