import { invalidParam } from '../../shared/domain/mlflow-error';
import type { KeyValue } from '../../shared/domain/tracking';
import type { MetricPoints, ModelMetricRef } from '../store/ops/op-types';
import type { ServiceContext } from './service-context';
import { LIMITS, validateBatchSize, validateKey, validateParams, validateRunId, validateRunTags } from './validation';

export interface LogInput {
  runId: string;
  metrics: MetricPoints | null;
  modelMetrics?: ModelMetricRef[];
  params: KeyValue[];
  tags: KeyValue[];
}

/** log-batch (and its single-item forms): validated whole, then applied all or nothing. */
export async function logToRun(ctx: ServiceContext, input: LogInput): Promise<void> {
  const runId = validateRunId(input.runId);
  const metricCount = input.metrics?.keyIdx.length ?? 0;
  validateBatchSize(metricCount, input.params.length, input.tags.length);
  for (const key of input.metrics?.keys ?? []) validateKey('metric', key);
  const pts = input.metrics?.pts;
  if (pts) {
    for (let i = 0; i < metricCount; i++) {
      if (pts[i * 3]! < 0) throw invalidParam(`Metric timestamp must be non-negative, got ${pts[i * 3]}.`);
    }
  }
  await ctx.store.commit({
    type: 'run.log', runId, time: ctx.now(),
    metrics: metricCount ? input.metrics : null,
    params: validateParams(input.params),
    tags: validateRunTags(input.tags),
    ...(input.modelMetrics?.length ? { modelMetrics: input.modelMetrics } : {}),
  });
}

const MODEL_HISTORY_TAG = 'mlflow.log-model.history';

/** The run's log-model history; a value some client overwrote with non-list JSON starts over. */
function modelHistory(ctx: ServiceContext, runId: string): unknown[] {
  const tag = ctx.store.db.get<{ value: string }>('SELECT value FROM tags WHERE run_id = ? AND key = ?', [runId, MODEL_HISTORY_TAG]);
  try {
    const parsed: unknown = tag ? JSON.parse(tag.value) : [];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/**
 * log-model (MLflow 2.x clients): appends the model's summary to the run's history tag. The
 * tag is built right before it is applied, so concurrent log-models each keep their entry; a
 * history that would outgrow a tag value is refused, as MLflow does, never cut.
 */
export async function recordLoggedModel(ctx: ServiceContext, runId: string, model: unknown): Promise<void> {
  const id = validateRunId(runId);
  await ctx.store.commit(() => {
    const value = JSON.stringify([...modelHistory(ctx, id), model]);
    if (value.length > LIMITS.runTagValue) {
      throw invalidParam(`Tag value '${value.slice(0, 40)}...' had length ${value.length}, which exceeded length limit of ${LIMITS.runTagValue}`);
    }
    return { type: 'run.log' as const, runId: id, time: ctx.now(), metrics: null, params: [], tags: [{ key: MODEL_HISTORY_TAG, value }] };
  });
}
