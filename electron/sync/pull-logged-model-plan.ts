import type { KeyValue, LoggedModel, Metric } from '../../shared/domain/tracking';
import type { ModelMetricRecord } from '../store/ops/op-types';
import type { PushedRun } from '../store/sync/sync-repo';
import { mergeTags, mergeValue, type TagClash } from './pull-merge';
import { toMlflowDouble, toMlflowInt } from './mlflow-values';

/** What a pull changes of one logged model here, and what it records of the remote (pure). */
export interface LoggedModelPlan {
  params: KeyValue[];
  /** Params that have another value here (write-once: kept, reported). */
  paramClashes: { key: string; local: string; remote: string }[];
  setTags: KeyValue[];
  delTags: string[];
  tagRecord: { key: string; value: string | null }[];
  tagClashes: TagClash[];
  metrics: ModelMetricRecord[];
  /** The remote's status to take here (undefined: keep this one). */
  status?: string;
  statusClash?: { local: string; remote: string };
  /** Params the remote has (what push compares its count with). */
  remoteParams: number;
}

const asMap = (list: KeyValue[] | undefined) => new Map((list ?? []).map((t) => [t.key, t.value]));

/** A point's identity in the store (logged_model_metrics' primary key). */
export const metricIdentity = (m: { key: string; timestamp: number; step: number; runId: string; datasetName: string; datasetDigest: string }) =>
  [m.key, m.timestamp, m.step, m.runId, m.datasetName, m.datasetDigest].join('\u0000');

export function toPulledMetric(m: Metric): ModelMetricRecord {
  return {
    key: m.key, value: String(toMlflowDouble(m.value)), timestamp: toMlflowInt(m.timestamp), step: toMlflowInt(m.step),
    runId: m.run_id ?? '', datasetName: m.dataset_name ?? '', datasetDigest: m.dataset_digest ?? '',
  };
}

/**
 * Merges a remote logged model into the one here (`local` undefined: new here): tags three-way
 * against what the last sync recorded, params write-once (new ones added), metric points the store
 * lacks added, the status taken unless it changed here.
 */
export function planLoggedModel(base: PushedRun, local: LoggedModel | undefined, remote: LoggedModel): LoggedModelPlan {
  const here = asMap(local?.data.params);
  const remoteParams = remote.data.params ?? [];
  const tags = mergeTags(base.tags, asMap(local?.info.tags), asMap(remote.info.tags));
  const have = new Set((local?.data.metrics ?? []).map((m) => metricIdentity(toPulledMetric(m))));
  const seen = new Set<string>();
  const metrics: ModelMetricRecord[] = [];
  for (const m of (remote.data.metrics ?? []).map(toPulledMetric)) {
    const id = metricIdentity(m);
    if (have.has(id) || seen.has(id)) continue;
    seen.add(id);
    metrics.push(m);
  }
  const plan: LoggedModelPlan = {
    params: remoteParams.filter((p) => !here.has(p.key)),
    paramClashes: remoteParams.filter((p) => here.has(p.key) && here.get(p.key) !== p.value).map((p) => ({ key: p.key, local: here.get(p.key)!, remote: p.value })),
    setTags: tags.set,
    delTags: tags.del,
    tagRecord: tags.record,
    tagClashes: tags.clashes,
    metrics,
    remoteParams: remoteParams.length,
  };
  const status = mergeValue(base.status ?? undefined, local?.info.status, remote.info.status);
  if (!local || status === 'take') plan.status = remote.info.status;
  else if (status === 'clash') plan.statusClash = { local: local.info.status, remote: remote.info.status };
  return plan;
}

/** True when applying the plan changes nothing here. */
export const planChangesNothing = (p: LoggedModelPlan) => !p.params.length && !p.setTags.length && !p.delTags.length && !p.metrics.length && p.status === undefined;
