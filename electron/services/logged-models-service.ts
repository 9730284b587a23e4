import { invalidParam } from '../../shared/domain/mlflow-error';
import { LOGGED_MODEL_STATUSES, type KeyValue, type LoggedModel, type LoggedModelStatus } from '../../shared/domain/tracking';
import { requireActiveExperiment } from '../store/repos/experiments-repo';
import { requireLoggedModel, toLoggedModel } from '../store/repos/logged-models-repo';
import { randomName } from './run-names';
import type { ServiceContext } from './service-context';
import { validateExperimentId, validateModelId, validateRunId } from './validation';

export interface CreateLoggedModelInput {
  experimentId: string;
  name?: string;
  modelType?: string;
  sourceRunId?: string;
  params: KeyValue[];
  tags: KeyValue[];
}

export async function createLoggedModel(ctx: ServiceContext, input: CreateLoggedModelInput): Promise<LoggedModel> {
  const experimentId = validateExperimentId(input.experimentId);
  const experiment = requireActiveExperiment(ctx.store.db, experimentId);
  if (input.sourceRunId) validateRunId(input.sourceRunId);
  const modelId = `m-${ctx.newId()}`;
  const op = {
    type: 'model.create' as const, modelId, experimentId, name: input.name || randomName(), modelType: input.modelType ?? '',
    sourceRunId: input.sourceRunId || null, artifactUri: `${experiment.artifact_location}/models/${modelId}/artifacts`,
    params: input.params, tags: input.tags, time: ctx.now(),
  };
  return ctx.store.commit(op, () => getLoggedModel(ctx, modelId));
}

export function getLoggedModel(ctx: ServiceContext, modelId: string, allowDeleted = false): LoggedModel {
  return toLoggedModel(ctx.store.db, requireLoggedModel(ctx.store.db, validateModelId(modelId), allowDeleted));
}

export async function finalizeLoggedModel(ctx: ServiceContext, modelId: string, status: LoggedModelStatus): Promise<LoggedModel> {
  if (status !== 'LOGGED_MODEL_READY' && status !== 'LOGGED_MODEL_UPLOAD_FAILED') {
    throw invalidParam(`Invalid model status: ${status}. Expected LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED.`);
  }
  const op = { type: 'model.finalize' as const, modelId: validateModelId(modelId), status: LOGGED_MODEL_STATUSES.indexOf(status), time: ctx.now() };
  return ctx.store.commit(op, () => getLoggedModel(ctx, modelId));
}

export async function deleteLoggedModel(ctx: ServiceContext, modelId: string): Promise<void> {
  await ctx.store.commit({ type: 'model.delete', modelId: validateModelId(modelId), time: ctx.now() });
}

export async function setLoggedModelTags(ctx: ServiceContext, modelId: string, tags: KeyValue[]): Promise<void> {
  await ctx.store.commit({ type: 'model.setTags', modelId: validateModelId(modelId), tags, time: ctx.now() });
}

export async function deleteLoggedModelTag(ctx: ServiceContext, modelId: string, key: string): Promise<void> {
  await ctx.store.commit({ type: 'model.deleteTag', modelId: validateModelId(modelId), key, time: ctx.now() });
}

export async function logLoggedModelParams(ctx: ServiceContext, modelId: string, params: KeyValue[]): Promise<void> {
  await ctx.store.commit({ type: 'model.logParams', modelId: validateModelId(modelId), params, time: ctx.now() });
}
