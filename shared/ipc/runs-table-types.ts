import type { RunStatus } from '../domain/tracking';

/**
 * A page of runs for the runs table, as columns (`runs.searchTable`): the attributes every row
 * needs, and only the param/metric/tag columns the view asked for. Keys are sent once per page
 * (`keys`), and which keys a run has is one small number per run (`keySetOf` into `keySets`),
 * so the column picker still learns every key without every value crossing.
 */
export interface RunsTablePage {
  /** Every metric, param and tag key of the page's runs, each once. */
  keys: string[];
  /** The distinct sets of keys the page's runs have, as indices into `keys`. */
  keySets: RunsTableKeySet[];
  ids: string[];
  /** MLflow's run_name ('' when the run has none). */
  names: string[];
  statuses: RunStatus[];
  /** Milliseconds; null while unknown. */
  startTimes: (number | null)[];
  endTimes: (number | null)[];
  users: string[];
  /** 1 for a deleted run, 0 for an active one. */
  deleted: (0 | 1)[];
  /** Per run, its entry in `keySets`. */
  keySetOf: number[];
  /** The `mlflow.parentRunId` tag (nesting) and `mlflow.source.name` tag (Source column) of each run. */
  parentIds: (string | null)[];
  sources: string[];
  /** The columns asked for (`metrics.x`, `params.y`, `tags.z`), each one value per run. */
  columns: Record<string, RunsTableColumn>;
  nextPageToken?: string;
}

export interface RunsTableKeySet {
  metrics: number[];
  params: number[];
  tags: number[];
}

/**
 * One asked-for column. Metrics: numbers, with NaN and the infinities spelled as MLflow does
 * ("NaN", "Infinity", "-Infinity": JSON has no such numbers), null where the run has none.
 * Params and tags: the distinct values once (`dict`) and per run an index into it, -1 for none.
 */
export type RunsTableColumn =
  | { kind: 'number'; values: (number | string | null)[] }
  | { kind: 'text'; dict: string[]; codes: number[] };

/** Column ids a table page can carry values for. */
export const TABLE_COLUMN_PREFIXES = ['metrics.', 'params.', 'tags.'] as const;

/**
 * Values of some columns for every run a query matches (`runs.searchTableValues`): what the
 * table asks for when a column, sort or grouping needs values its rows were read without. The
 * rows are already shown, so only ids and the asked columns cross; the table merges them by id.
 */
export interface RunsTableValues {
  ids: string[];
  columns: Record<string, RunsTableColumn>;
  nextPageToken?: string;
}

/** The distinct values one param or tag has across an experiment's runs (`runs.keyValues`). */
export interface KeyValues {
  /** Most common first (ties in code-point order), at most the limit asked for. */
  values: string[];
  /** How many distinct values there are in all (more than `values.length` when cut). */
  distinct: number;
}
