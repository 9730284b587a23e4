/** Which MLflow search endpoint a filter or order_by belongs to; each has its own rules. */
export type SearchEntity = 'runs' | 'experiments' | 'logged_models' | 'registered_models' | 'model_versions';

/** What the left-hand side of a clause names. */
export type ClauseEntity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

export type Comparator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'LIKE'
  | 'ILIKE'
  | 'IN'
  | 'NOT IN'
  | 'IS NULL'
  | 'IS NOT NULL';

/** A half-open character range of the source text: `text.slice(offset, offset + length)`. */
export interface SourceSpan {
  offset: number;
  length: number;
}

/**
 * One validated comparison. Keys are canonical: attribute aliases are resolved (`created` →
 * `start_time`, `run name` → `run_name`, logged-model `creation_time` → `creation_timestamp`).
 * Values: numbers for numeric comparisons, strings for string ones, string lists for
 * IN / NOT IN, null for IS NULL / IS NOT NULL.
 */
export interface Clause {
  entity: ClauseEntity;
  key: string;
  comparator: Comparator;
  value: string | number | string[] | null;
  span: SourceSpan;
}

/**
 * Sextant's run search only (MLflow has no OR, NOT or parentheses): an AND or OR of two or
 * more terms, or a NOT of one. `span` covers the terms (a group's without its parentheses),
 * or the NOT keywords and their operand.
 */
export type BoolTerm =
  | { bool: 'AND' | 'OR'; terms: FilterTerm[]; span: SourceSpan }
  | { bool: 'NOT'; term: FilterTerm; span: SourceSpan };

/** One term of a run filter; a parsed run filter is a list of them, all of which must hold. */
export type FilterTerm = Clause | BoolTerm;

/** One validated order_by item (string form: runs, experiments, registry). */
export interface OrderByClause {
  entity: ClauseEntity;
  key: string;
  ascending: boolean;
}

/** One validated logged-model order_by object. */
export interface LoggedModelOrderBy {
  entity: 'attribute' | 'metric';
  /** Canonical attribute (`creation_timestamp`, `name`, …) or the metric key. */
  key: string;
  ascending: boolean;
  datasetName?: string;
  datasetDigest?: string;
}

/**
 * Where and why parsing failed. `message` is MLflow's text (what the REST layer returns with
 * 400 INVALID_PARAMETER_VALUE); offset/length point into the filter (or order_by item) so an
 * editor can underline the exact spot. `item` is the order_by index the error belongs to;
 * `expected` (syntax errors only) says what the grammar would have accepted at `offset`.
 */
export interface SearchError {
  message: string;
  offset: number;
  length: number;
  item?: number;
  expected?: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: SearchError };
