export type {
  BoolTerm,
  Clause,
  ClauseEntity,
  Comparator,
  FilterTerm,
  LoggedModelOrderBy,
  OrderByClause,
  ParseResult,
  SearchEntity,
  SearchError,
  SourceSpan,
} from './types';
export { parseFilter } from './parse-filter';
export { parseRunsFilter } from './parse-runs-filter';
export { runsConjunct } from './runs-conjunct';
export { parseOrderBy } from './parse-order-by';
export { parseLoggedModelOrderBy } from './parse-logged-model-order-by';
export { SearchSyntaxError, unwrapSearch } from './search-error';
