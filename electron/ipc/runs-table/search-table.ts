import type { Input } from '../../../shared/ipc/contract';
import { encodeTablePage } from '../../../shared/ipc/runs-table-codec';
import { flatRun, flatRunReader } from '../../../shared/ipc/runs-table-run-reader';
import type { RunsTablePage } from '../../../shared/ipc/runs-table-types';
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

/**
 * runs.searchTable: the runs search_runs would answer (same filter, order and paging), as the
 * table's columns. From the runs read model when it is ready and covers the query (no Run
 * objects are made); else from search_runs' SQL path.
 */
export function searchTable(svc: ServiceContext, input: TableSearchInput): RunsTablePage {
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
        return encodeTablePage(more ? records.slice(0, maxResults) : records, recordReader, input.allColumns ? 'all' : input.columns, more ? encodePageToken(offset + maxResults) : undefined);
      }
    }
    const page = searchRuns(svc, { experimentIds: input.experimentIds, filter: input.filter, orderBy, viewType: input.viewType, maxResults, pageToken: input.pageToken });
    return encodeTablePage(page.items.map(flatRun), flatRunReader, input.allColumns ? 'all' : input.columns, page.nextPageToken);
  });
}
