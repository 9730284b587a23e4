import type { Input } from '../../../shared/ipc/contract';
import { encodeTablePage, encodeTableValues, type TableRunReader } from '../../../shared/ipc/runs-table-codec';
import { flatRun, flatRunReader } from '../../../shared/ipc/runs-table-run-reader';
import type { RunsTablePage, RunsTableValues } from '../../../shared/ipc/runs-table-types';
import { parseOrderBy, parseRunsFilter, unwrapSearch } from '../../../shared/search';
import { decodePageToken, encodePageToken } from '../../services/page-token';
import { bounded, checkMaxResults, searchRuns } from '../../services/search-service';
import type { ServiceContext } from '../../services/service-context';
import { LIMITS } from '../../services/validation';
import type { RunRecord } from '../../store/read-model/run-record';
import { searchModel } from '../../store/read-model/search-model';
import { runsReadModelOf } from '../../store/read-model/store-read-model';
import type { Store } from '../../store/store';
import { orderedMatchesCache, type OrderedMatchesCache } from './ordered-matches';
import { recordReader } from './record-reader';

const caches = new WeakMap<Store, OrderedMatchesCache>();
const cacheOf = (store: Store) => {
  let c = caches.get(store);
  if (!c) caches.set(store, (c = orderedMatchesCache((l) => store.onCommit(l))));
  return c;
};

export type TableSearchInput = Input<'runs.searchTable'>;
export type TableValuesInput = Input<'runs.searchTableValues'>;

interface TableQuery {
  experimentIds: string[];
  filter?: string | undefined;
  orderBy?: string[] | undefined;
  viewType?: TableSearchInput['viewType'];
  maxResults?: number | undefined;
  pageToken?: string | undefined;
}

/** Encodes one page of matches, from read-model records or from Run objects (SQL's answer). */
type Encode<T> = <R>(runs: readonly R[], read: TableRunReader<R>, nextPageToken: string | undefined) => T;

/**
 * One page of the runs search_runs would answer (same filter, order and paging). From the runs
 * read model when it is ready and covers the query (no Run objects are made); else from
 * search_runs' SQL path.
 */
function searchPage<T>(svc: ServiceContext, input: TableQuery, encode: Encode<T>): T {
  return bounded(() => {
    const maxResults = checkMaxResults(input.maxResults ?? 1000, LIMITS.searchRuns);
    const orderBy = input.orderBy ?? [];
    const model = runsReadModelOf(svc.store);
    if (model.ready()) {
      const offset = decodePageToken(input.pageToken);
      const clauses = unwrapSearch(parseRunsFilter(input.filter));
      const order = unwrapSearch(parseOrderBy(orderBy, 'runs'));
      const search = { experimentIds: input.experimentIds, clauses, orderBy: order, viewType: input.viewType };
      // the first page alone is a partial sort (the first rows come at once); the pages after it
      // are slices of every match, ordered once and kept until the next commit
      let records: RunRecord[] | undefined;
      if (offset === 0) records = searchModel(model, { ...search, offset, limit: maxResults + 1 });
      else {
        const cache = cacheOf(svc.store);
        const query = JSON.stringify([input.experimentIds, input.filter ?? '', orderBy, input.viewType ?? 'ACTIVE_ONLY']);
        let all = cache.get(query);
        if (!all) {
          all = searchModel(model, { ...search, offset: 0, limit: Number.MAX_SAFE_INTEGER });
          if (all) cache.set(query, all);
        }
        records = all?.slice(offset, offset + maxResults + 1);
      }
      if (records) {
        const more = records.length > maxResults;
        return encode(more ? records.slice(0, maxResults) : records, recordReader, more ? encodePageToken(offset + maxResults) : undefined);
      }
    }
    const page = searchRuns(svc, { experimentIds: input.experimentIds, filter: input.filter, orderBy, viewType: input.viewType, maxResults, pageToken: input.pageToken });
    return encode(page.items.map(flatRun), flatRunReader, page.nextPageToken);
  });
}

/** runs.searchTable: a page of the query's runs as the table's columns. */
export function searchTable(svc: ServiceContext, input: TableSearchInput): RunsTablePage {
  const columns = input.allColumns ? 'all' : input.columns;
  return searchPage(svc, input, (runs, read, token) => encodeTablePage(runs, read, columns, token));
}

/**
 * runs.searchTableValues: only some columns of the query's runs, by id. No order is asked for
 * (the rows are ordered already), so the model answers without sorting.
 */
export function searchTableValues(svc: ServiceContext, input: TableValuesInput): RunsTableValues {
  return searchPage(svc, { ...input, orderBy: [] }, (runs, read, token) => encodeTableValues(runs, read, input.columns, token));
}
