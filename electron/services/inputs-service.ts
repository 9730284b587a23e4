import { invalidParam } from '../../shared/domain/mlflow-error';
import type { DatasetInput } from '../store/ops/op-types';
import type { ServiceContext } from './service-context';
import { validateModelId, validateRunId } from './validation';

const DATASET_LIMITS = { name: 500, digest: 36, source: 65535, schema: 1048575, profile: 16777215, tagKey: 255, tagValue: 500 };

function validateDataset(d: DatasetInput): DatasetInput {
  const over = (field: keyof typeof DATASET_LIMITS, v: string | undefined) => {
    if (v !== undefined && v.length > DATASET_LIMITS[field]) throw invalidParam(`Dataset ${field} exceeds the maximum length of ${DATASET_LIMITS[field]}.`);
  };
  if (!d.name) throw invalidParam("Missing value for required parameter 'datasets.dataset.name'.");
  if (!d.digest) throw invalidParam("Missing value for required parameter 'datasets.dataset.digest'.");
  if (!d.sourceType) throw invalidParam("Missing value for required parameter 'datasets.dataset.source_type'.");
  over('name', d.name);
  over('digest', d.digest);
  over('source', d.source);
  over('schema', d.schema);
  over('profile', d.profile);
  for (const t of d.tags) {
    if (t.key.length > DATASET_LIMITS.tagKey || t.value.length > DATASET_LIMITS.tagValue) throw invalidParam(`Input tag '${t.key.slice(0, 40)}' is too long.`);
  }
  return d;
}

export async function logInputs(ctx: ServiceContext, runId: string, datasets: DatasetInput[], modelIds: string[]): Promise<void> {
  await ctx.store.commit({
    type: 'run.logInputs', runId: validateRunId(runId), time: ctx.now(),
    datasets: datasets.map((d) => ({ ...validateDataset(d), datasetId: ctx.newId(), inputId: ctx.newId() })),
    models: modelIds.map((m) => ({ modelId: validateModelId(m), inputId: ctx.newId() })),
  });
}

export async function logOutputs(ctx: ServiceContext, runId: string, models: { modelId: string; step: number }[]): Promise<void> {
  if (models.length === 0) throw invalidParam("Missing value for required parameter 'models'.");
  await ctx.store.commit({
    type: 'run.logOutputs', runId: validateRunId(runId), time: ctx.now(),
    models: models.map((m) => ({ modelId: validateModelId(m.modelId), step: m.step })),
  });
}
