import { invalidParam } from '../../shared/domain/mlflow-error';
import type { KeyValue } from '../../shared/domain/tracking';
import type { MetricPoints, ModelMetricRef } from '../store/ops/op-types';
import type { ServiceContext } from './service-context';
import { validateBatchSize, validateKey, validateParams, validateRunId, validateRunTags } from './validation';

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
