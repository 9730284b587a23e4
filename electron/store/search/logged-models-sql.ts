import type { Clause, LoggedModelOrderBy } from '../../../shared/search/types';
import { compareSql } from './compare-sql';
import { joinFragments, type SqlFragment } from './sql-fragment';

/** A `datasets` entry of search_logged_models: restricts which metric rows count. */
export interface LoggedModelDatasetFilter {
  datasetName: string;
  datasetDigest?: string;
}

/**
 * Status as MLflow's LoggedModelStatus enum names it. The column holds the proto number
 * (the index into LOGGED_MODEL_STATUSES: 0 unspecified, 1 pending, 2 ready, 3 upload failed).
 */
const STATUS_NAME =
  "(CASE m.status WHEN 1 THEN 'PENDING' WHEN 2 THEN 'READY' WHEN 3 THEN 'FAILED' ELSE 'UNSPECIFIED' END)";

/**
 * Canonical logged-model attribute (see shared/search) → column of `logged_models m`. Our
 * schema stores an absent model_type / status_message as '' where MLflow stores NULL; NULLIF
 * restores MLflow's behaviour (never matches, sorts last).
 */
const FILTER_COLUMNS: Record<string, string> = {
  name: 'm.name',
  model_id: 'm.model_id',
  model_type: "NULLIF(m.model_type, '')",
  status: STATUS_NAME,
  source_run_id: 'm.source_run_id',
  experiment_id: 'm.experiment_id',
  artifact_location: 'm.artifact_uri',
  status_message: "NULLIF(m.status_message, '')",
  lifecycle_stage: 'm.lifecycle_stage',
  creation_timestamp: 'm.creation_time',
  last_updated_timestamp: 'm.last_update_time',
};

/** Sorting follows the stored values: status by its number, experiment ids numerically. */
const ORDER_COLUMNS: Record<string, string> = {
  ...FILTER_COLUMNS,
  status: 'm.status',
  experiment_id: 'CAST(m.experiment_id AS INTEGER)',
};

const lookup = (table: Record<string, string>, key: string): string => {
  const column = Object.hasOwn(table, key) ? table[key] : undefined;
  if (!column) throw new Error(`Unknown logged model attribute: ${key}`);
  return column;
};

/** `(dataset_name = ? [AND dataset_digest = ?]) OR …` over metric rows aliased `x`. */
export function datasetsSql(datasets: readonly LoggedModelDatasetFilter[]): SqlFragment {
  return joinFragments(
    datasets.map((d) =>
      d.datasetDigest === undefined
        ? { sql: '(x.dataset_name = ?)', params: [d.datasetName] }
        : { sql: '(x.dataset_name = ? AND x.dataset_digest = ?)', params: [d.datasetName, d.datasetDigest] },
    ),
    ' OR ',
  );
}

/**
 * One clause as a condition on `logged_models m`. As in MLflow's store, a metric clause holds
 * when any logged value of that metric (on the requested datasets) satisfies it.
 */
export function loggedModelClauseSql(clause: Clause, datasets: readonly LoggedModelDatasetFilter[]): SqlFragment {
  const { entity, key, comparator, value } = clause;
  if (entity === 'attribute') return compareSql(lookup(FILTER_COLUMNS, key), comparator, value);
  const table =
    entity === 'metric' ? 'logged_model_metrics' : entity === 'param' ? 'logged_model_params' : 'logged_model_tags';
  const test = compareSql('x.value', comparator, value);
  const onDatasets = entity === 'metric' && datasets.length ? datasetsSql(datasets) : null;
  return {
    sql:
      `m.model_id IN (SELECT x.model_id FROM ${table} x WHERE x.key = ? AND ${test.sql}` +
      `${onDatasets ? ` AND (${onDatasets.sql})` : ''})`,
    params: [key, ...test.params, ...(onDatasets?.params ?? [])],
  };
}

/** The value an order_by item sorts on: a column, or the latest value of a metric. */
export function loggedModelOrderValue(item: LoggedModelOrderBy): SqlFragment {
  if (item.entity === 'attribute') return { sql: lookup(ORDER_COLUMNS, item.key), params: [] };
  const filters = ['x.model_id = m.model_id', 'x.key = ?'];
  const params: string[] = [item.key];
  if (item.datasetName !== undefined) {
    filters.push('x.dataset_name = ?');
    params.push(item.datasetName);
  }
  if (item.datasetDigest !== undefined) {
    filters.push('x.dataset_digest = ?');
    params.push(item.datasetDigest);
  }
  return {
    sql:
      `(SELECT x.value FROM logged_model_metrics x WHERE ${filters.join(' AND ')} ` +
      'ORDER BY x.timestamp DESC, x.step DESC, x.value DESC LIMIT 1)',
    params,
  };
}
