export type {
  Clause,
  ClauseEntity,
  Comparator,
  LoggedModelOrderBy,
  OrderByClause,
  ParseResult,
  SearchEntity,
  SearchError,
  SourceSpan,
} from './types';
export { parseFilter } from './parse-filter';
export { parseOrderBy } from './parse-order-by';
export { parseLoggedModelOrderBy } from './parse-logged-model-order-by';
export { SearchSyntaxError, unwrapSearch } from './search-error';
