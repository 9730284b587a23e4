import type { Run } from '../../../shared/domain/tracking';
import type { RunRecord } from './run-record';

/** A number as MLflow's wire format writes it: non-finite values as the strings "NaN", "Infinity", "-Infinity". */
const num = (n: number): string => (Number.isFinite(n) ? String(n) : `"${String(n)}"`);
const str = (s: string): string => JSON.stringify(s);

function keyValuesJson(out: string[], keys: readonly string[], values: readonly string[]): void {
  out.push('[');
  for (let i = 0; i < keys.length; i++) out.push(i ? ',{"key":' : '{"key":', str(keys[i]!), ',"value":', str(values[i]!), '}');
  out.push(']');
}

function metricsJson(out: string[], keys: readonly string[], points: Float64Array): void {
  out.push('[');
  for (let i = 0; i < keys.length; i++) {
    out.push(i ? ',{"key":' : '{"key":', str(keys[i]!), ',"value":', num(points[3 * i]!), ',"timestamp":', num(points[3 * i + 1]!), ',"step":', num(points[3 * i + 2]!), '}');
  }
  out.push(']');
}

/**
 * The run's JSON text, byte for byte what `stringifyMlflowJson(runOf(record))` gives (the
 * object path's answer), written directly: no intermediate objects, no replacer. Joined from
 * its parts, so the text is one flat string (answers that join many texts copy it, not walk it).
 */
export function runJson(r: RunRecord): string {
  const id = str(r.id);
  const out: string[] = [
    '{"info":{"run_id":', id, ',"run_uuid":', id, ',"run_name":', str(r.name), ',"experiment_id":', str(r.experimentId),
    ',"user_id":', str(r.userId), ',"status":', str(r.status), ',',
  ];
  if (r.startTime !== null) out.push('"start_time":', num(r.startTime), ',');
  if (r.endTime !== null) out.push('"end_time":', num(r.endTime), ',');
  out.push('"artifact_uri":', str(r.artifactUri), ',"lifecycle_stage":', str(r.lifecycle), '},"data":{');
  let sep = '';
  if (r.metricKeys.length) {
    out.push('"metrics":');
    metricsJson(out, r.metricKeys, r.metricPoints);
    sep = ',';
  }
  if (r.paramKeys.length) {
    out.push(sep, '"params":');
    keyValuesJson(out, r.paramKeys, r.paramValues);
    sep = ',';
  }
  if (r.tagKeys.length) {
    out.push(sep, '"tags":');
    keyValuesJson(out, r.tagKeys, r.tagValues);
  }
  out.push('},"inputs":', JSON.stringify(r.inputs), ',"outputs":', JSON.stringify(r.outputs), '}');
  return out.join('');
}

/** The run as an object, equal to what `toRuns` builds from SQL (for the IPC path). */
export function runOf(r: RunRecord): Run {
  const metrics = r.metricKeys.map((key, i) => ({ key, value: r.metricPoints[3 * i]!, timestamp: r.metricPoints[3 * i + 1]!, step: r.metricPoints[3 * i + 2]! }));
  const params = r.paramKeys.map((key, i) => ({ key, value: r.paramValues[i]! }));
  const tags = r.tagKeys.map((key, i) => ({ key, value: r.tagValues[i]! }));
  return {
    info: {
      run_id: r.id,
      run_uuid: r.id,
      run_name: r.name,
      experiment_id: r.experimentId,
      user_id: r.userId,
      status: r.status,
      ...(r.startTime !== null ? { start_time: r.startTime } : {}),
      ...(r.endTime !== null ? { end_time: r.endTime } : {}),
      artifact_uri: r.artifactUri,
      lifecycle_stage: r.lifecycle,
    },
    data: {
      ...(metrics.length ? { metrics } : {}),
      ...(params.length ? { params } : {}),
      ...(tags.length ? { tags } : {}),
    },
    inputs: structuredClone(r.inputs),
    outputs: structuredClone(r.outputs),
  };
}
