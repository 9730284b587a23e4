import type { Run, RunStatus } from '../../../../../shared/domain/tracking';

export interface RunSpec {
  id: string;
  name?: string;
  status?: RunStatus;
  start?: number;
  end?: number;
  user?: string;
  deleted?: boolean;
  params?: Record<string, string>;
  /** Numbers, or the wire's "NaN"/"Infinity"/"-Infinity" strings. */
  metrics?: Record<string, number | string>;
  tags?: Record<string, string>;
}

/** A Run in MLflow's REST shape, built from a compact spec. */
export function makeRun(spec: RunSpec): Run {
  const kv = (o: Record<string, string> | undefined) => Object.entries(o ?? {}).map(([key, value]) => ({ key, value }));
  return {
    info: {
      run_id: spec.id,
      run_uuid: spec.id,
      run_name: spec.name ?? `run-${spec.id}`,
      experiment_id: '1',
      user_id: spec.user ?? 'ada',
      status: spec.status ?? 'FINISHED',
      ...(spec.start !== undefined ? { start_time: spec.start } : {}),
      ...(spec.end !== undefined ? { end_time: spec.end } : {}),
      artifact_uri: `mlflow-artifacts:/1/${spec.id}/artifacts`,
      lifecycle_stage: spec.deleted ? 'deleted' : 'active',
    },
    data: {
      params: kv(spec.params),
      tags: kv(spec.tags),
      // the wire may carry strings here; the domain type says number
      metrics: Object.entries(spec.metrics ?? {}).map(([key, value]) => ({ key, value: value as number, timestamp: 0, step: 0 })),
    },
    inputs: {},
    outputs: {},
  };
}
