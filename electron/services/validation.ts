import { invalidParam } from '../../shared/domain/mlflow-error';
import type { KeyValue } from '../../shared/domain/tracking';

/** MLflow's server-side limits (mlflow/utils/validation.py, 3.x). */
export const LIMITS = {
  keyLength: 250,
  paramValue: 6000,
  runTagValue: 8000,
  experimentTagValue: 5000,
  experimentName: 500,
  batchMetrics: 1000,
  batchParams: 100,
  batchTags: 100,
  batchTotal: 1000,
  searchRuns: 50000,
  searchExperiments: 50000,
} as const;

const KEY_CHARS = /^[\p{L}\p{N}_\-./ :]*$/u;

/** True when normalising `key` as a POSIX path would not change it (no '..', '//', leading '/', …). */
function isPathStable(key: string): boolean {
  if (key === '.' || key.startsWith('/') || key.endsWith('/')) return false;
  return key.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

export function validateKey(kind: 'metric' | 'param' | 'tag', key: string): void {
  if (key.length > LIMITS.keyLength) {
    throw invalidParam(`'${kind === 'param' ? 'key' : 'key'}' exceeds the maximum length of ${LIMITS.keyLength} characters for ${kind} '${key.slice(0, 40)}...'`);
  }
  if (!KEY_CHARS.test(key)) {
    throw invalidParam(
      `Invalid ${kind} name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`,
    );
  }
  if (!isPathStable(key)) {
    throw invalidParam(`Invalid ${kind} name: '${key}'. Names cannot contain '..', '//', './', start or end with '/', or be '.'.`);
  }
}

/** Long param and tag values are truncated, as MLflow does by default (MLFLOW_TRUNCATE_LONG_VALUES). */
export const truncate = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value);

/** Params of one request: each key at most once (even with the same value), as MLflow checks. */
export function validateParams(params: KeyValue[]): KeyValue[] {
  const seen = new Set<string>();
  const dupes: string[] = [];
  for (const p of params) {
    validateKey('param', p.key);
    if (seen.has(p.key)) dupes.push(p.key);
    seen.add(p.key);
  }
  if (dupes.length) {
    const list = `[${dupes.map((k) => `'${k}'`).join(', ')}]`;
    throw invalidParam(`Duplicate parameter keys have been submitted: ${list}. Please ensure the request contains only one param value per param key.`);
  }
  return params.map((p) => ({ key: p.key, value: truncate(p.value, LIMITS.paramValue) }));
}

/** Tags sent when a run is created are kept whole, as MLflow keeps them; later ones are cut (validateRunTags). */
export function validateNewRunTags(tags: KeyValue[]): KeyValue[] {
  for (const t of tags) validateKey('tag', t.key);
  return tags;
}

export function validateRunTags(tags: KeyValue[]): KeyValue[] {
  return tags.map((t) => {
    validateKey('tag', t.key);
    return { key: t.key, value: truncate(t.value, LIMITS.runTagValue) };
  });
}

export function validateExperimentName(name: string | undefined): string {
  if (name === undefined || name === '') throw invalidParam("Invalid experiment name: ''. Experiment name must be a non-empty string.");
  if (name.length > LIMITS.experimentName) throw invalidParam(`Experiment name '${name.slice(0, 40)}...' exceeds the maximum length of ${LIMITS.experimentName} characters.`);
  return name;
}

export function validateExperimentTag(tag: KeyValue): KeyValue {
  validateKey('tag', tag.key);
  if (tag.value.length > LIMITS.experimentTagValue) {
    throw invalidParam(`'value' exceeds the maximum length of ${LIMITS.experimentTagValue} characters for experiment tag '${tag.key}'`);
  }
  return tag;
}

export function validateBatchSize(metrics: number, params: number, tags: number): void {
  const over = (what: string, n: number, max: number) =>
    invalidParam(`A batch logging request can contain at most ${max} ${what}. Got ${n} ${what}. Please split up ${what} across multiple requests and try again.`);
  if (metrics > LIMITS.batchMetrics) throw over('metrics', metrics, LIMITS.batchMetrics);
  if (params > LIMITS.batchParams) throw over('params', params, LIMITS.batchParams);
  if (tags > LIMITS.batchTags) throw over('tags', tags, LIMITS.batchTags);
  const total = metrics + params + tags;
  if (total > LIMITS.batchTotal) {
    throw invalidParam(`A batch logging request can contain at most ${LIMITS.batchTotal} metrics, params, and tags in total. Got ${total} total.`);
  }
}

const ID = /^[a-zA-Z0-9][\w-]{0,255}$/;
const EXPERIMENT_ID = /^[a-zA-Z0-9][\w-]{0,63}$/;
const MODEL_ID = /^m-[0-9a-f]{32}$/;

/** IDs are opaque tokens, never paths: anything else is refused before any lookup. */
export function validateRunId(id: string): string {
  if (!ID.test(id)) throw invalidParam(`Invalid value '${id.slice(0, 64)}' for parameter 'run_id' supplied.`);
  return id;
}

export function validateExperimentId(id: string): string {
  if (!EXPERIMENT_ID.test(id)) throw invalidParam(`Invalid value '${id.slice(0, 64)}' for parameter 'experiment_id' supplied.`);
  return id;
}

export function validateModelId(id: string): string {
  if (!MODEL_ID.test(id)) throw invalidParam(`Invalid value '${id.slice(0, 64)}' for parameter 'model_id' supplied.`);
  return id;
}
