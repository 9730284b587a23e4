import type { RawToken } from './raw-clause';
import { pyList, pySet } from './py-repr';
import { splitIdentifier, stripQuotes, trimBackticks } from './quoting';
import { Reject } from './search-error';
import type { ClauseEntity, SourceSpan } from './types';

/** MLflow's canonical identifier types for run searches, as its messages spell them. */
export type RunsType = 'metric' | 'parameter' | 'tag' | 'attribute' | 'dataset';

const TYPE_BY_PREFIX: Record<string, RunsType> = {
  metric: 'metric',
  metrics: 'metric',
  parameter: 'parameter',
  parameters: 'parameter',
  param: 'parameter',
  params: 'parameter',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

const TYPE_NAMES: RunsType[] = ['metric', 'parameter', 'tag', 'attribute', 'dataset'];

const RUN_INFO_ATTRIBUTES = ['artifact_uri', 'end_time', 'run_id', 'run_name', 'start_time', 'status', 'user_id'];
export const RUN_FILTER_ATTRIBUTES = [...RUN_INFO_ATTRIBUTES, 'created', 'Created', 'run name', 'Run name', 'Run Name'];
export const RUN_ORDER_ATTRIBUTES = [...RUN_INFO_ATTRIBUTES, 'created', 'Created'];
export const RUN_NUMERIC_ATTRIBUTES = new Set(['start_time', 'end_time', 'created', 'Created']);
export const DATASET_KEYS = ['name', 'digest', 'context'];

export const CLAUSE_ENTITY: Record<RunsType, ClauseEntity> = {
  metric: 'metric',
  parameter: 'param',
  tag: 'tag',
  attribute: 'attribute',
  dataset: 'dataset',
};

/** MLflow's `translate_key_alias`. */
export function canonicalRunAttribute(key: string): string {
  if (key === 'created' || key === 'Created') return 'start_time';
  if (key === 'run name' || key === 'Run name' || key === 'Run Name') return 'run_name';
  return key;
}

export interface RunsIdentifier {
  type: RunsType;
  /** As written (quotes removed), before alias translation. */
  key: string;
  keySpan: SourceSpan;
}

/** MLflow's `SearchUtils._get_identifier`: prefix (or attribute), key, and key validation. */
export function runsIdentifier(ident: RawToken, validAttributes: readonly string[]): RunsIdentifier {
  const { prefix, key: rawKey } = splitIdentifier(ident);
  let type: RunsType = 'attribute';
  if (prefix) {
    const name = trimBackticks(prefix.text);
    const found = Object.hasOwn(TYPE_BY_PREFIX, name) ? TYPE_BY_PREFIX[name] : undefined;
    if (!found) {
      throw new Reject(`Invalid entity type '${name}'. Valid values are ${pyList(TYPE_NAMES)}`, prefix.span);
    }
    type = found;
  }
  const key = trimBackticks(stripQuotes(rawKey.text));
  if (type === 'attribute' && !validAttributes.includes(key)) {
    throw new Reject(
      `Invalid attribute key '${key}' specified. Valid keys are '${pySet(validAttributes)}'`,
      rawKey.span,
    );
  }
  if (type === 'dataset' && !DATASET_KEYS.includes(key)) {
    throw new Reject(`Invalid dataset key '${key}' specified. Valid keys are '${pySet(DATASET_KEYS)}'`, rawKey.span);
  }
  return { type, key, keySpan: rawKey.span };
}
