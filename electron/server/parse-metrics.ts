import { invalidParam } from '../../shared/domain/mlflow-error';
import type { MetricPoints, ModelMetricRef } from '../store/ops/op-types';
import { missing, toDouble, toInt } from './request-fields';

const toInt64 = (v: unknown, name: string, dflt?: number): number => {
  if (v === undefined || v === null || v === '') {
    if (dflt === undefined) throw missing(name);
    return dflt;
  }
  return typeof v === 'number' && Number.isInteger(v) ? v : toInt(v, name);
};

/**
 * Turns the `metrics` list of log-batch (or one log-metric message) into columnar points.
 * Hand-written rather than schema-validated: this is the ingest hot path (1,000 metrics a
 * request), and it must accept MLflow's loose encodings (int64 and doubles as strings).
 */
export function parseMetrics(list: unknown[]): { points: MetricPoints; modelMetrics: ModelMetricRef[] } {
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const keyIdx = new Array<number>(list.length);
  const pts = new Float64Array(list.length * 3);
  const modelMetrics: ModelMetricRef[] = [];
  for (let i = 0; i < list.length; i++) {
    const m = list[i] as Record<string, unknown> | null;
    if (m === null || typeof m !== 'object') throw invalidParam(`Invalid metric at position ${i}: expected an object.`);
    const key = m.key;
    if (typeof key !== 'string' || key === '') throw missing('metrics.key');
    let k = keyIndex.get(key);
    if (k === undefined) {
      k = keys.push(key) - 1;
      keyIndex.set(key, k);
    }
    keyIdx[i] = k;
    if (m.value === undefined || m.value === null) throw missing('metrics.value');
    if (typeof m.value === 'boolean') throw invalidParam(`Invalid value ${m.value} for parameter 'metrics.value' supplied: expected a double.`);
    pts[i * 3] = toInt64(m.timestamp, 'metrics.timestamp');
    pts[i * 3 + 1] = toInt64(m.step, 'metrics.step', 0);
    pts[i * 3 + 2] = toDouble(m.value, 'metrics.value');
    if (typeof m.model_id === 'string' && m.model_id !== '') {
      modelMetrics.push({ i, modelId: m.model_id, datasetName: String(m.dataset_name ?? ''), datasetDigest: String(m.dataset_digest ?? '') });
    }
  }
  return { points: { keys, keyIdx, pts }, modelMetrics };
}
