import type { RunStatus } from '../../shared/domain/tracking';
import { runsConjunct } from '../../shared/search';
import type { Input } from '../../shared/ipc/contract';
import type { RunsTableValues } from '../../shared/ipc/runs-table-types';
import type { Client } from '../api/client';
import type { RunRecord } from '../components/runs-table/run-values';
import { recordsFromPage } from './runs-table-rows';
import type { Lifecycle } from './runs-view-prefs';

export const PAGE_SIZE = 2000;
/** The first page is small so the first rows draw at once; the rest come in full pages. */
export const FIRST_PAGE_SIZE = 100;
/** Runs per page when only some columns' values are read (a page is ids and those values). */
export const VALUES_PAGE_SIZE = 10_000;
/** Above this many changed runs, re-reading everything is simpler than patching. */
export const MAX_PATCH_IDS = 100;

export type SearchInput = Input<'runs.searchTable'>;

const VIEW_TYPE = { active: 'ACTIVE_ONLY', deleted: 'DELETED_ONLY', all: 'ALL' } as const;

const quoted = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The user's filter AND the quick filters AND (for a patch) a run id list, as one MLflow filter. */
export function composeFilter(text: string, status: RunStatus | null, runIds?: readonly string[]): string {
  const parts = [runsConjunct(text)]; // `a OR b` is bracketed, so the quick filters apply to all of it
  if (status) parts.push(`attributes.status = '${status}'`);
  if (runIds) parts.push(`attributes.run_id IN (${runIds.map(quoted).join(', ')})`);
  return parts.filter(Boolean).join(' AND ');
}

export interface QueryParts {
  experimentId: string;
  filterText: string;
  statusFilter: RunStatus | null;
  lifecycle: Lifecycle;
  orderBy: string[];
  /** The param/metric/tag columns whose values the rows need; null: every column. */
  columns: readonly string[] | null;
}

export function searchInput(q: QueryParts, runIds?: readonly string[]): SearchInput {
  const filter = composeFilter(q.filterText, q.statusFilter, runIds);
  return {
    experimentIds: [q.experimentId],
    viewType: VIEW_TYPE[q.lifecycle],
    maxResults: PAGE_SIZE,
    columns: q.columns ? [...q.columns] : [],
    ...(q.columns ? {} : { allColumns: true }),
    ...(filter ? { filter } : {}),
    ...(q.orderBy.length ? { orderBy: q.orderBy } : {}),
  };
}

/**
 * Reads every page of a search. `onPage` gets the rows so far after each page and returns
 * false to stop (the view moved on to another query).
 */
export async function fetchAllPages(api: Client, input: SearchInput, onPage: (rows: RunRecord[], done: boolean) => boolean): Promise<void> {
  const all: RunRecord[] = [];
  let pageToken: string | undefined;
  do {
    const page = await api.call('runs.searchTable', pageToken ? { ...input, pageToken } : { ...input, maxResults: Math.min(FIRST_PAGE_SIZE, input.maxResults ?? PAGE_SIZE) });
    for (const r of recordsFromPage(page)) all.push(r);
    pageToken = page.nextPageToken;
    if (!onPage(all, !pageToken)) return;
  } while (pageToken);
}

/**
 * Applies a re-read of some changed runs to the list in place: changed runs are replaced, those
 * the filter no longer matches leave. Null when a changed run is new to the list, since only
 * a full re-read knows where it goes.
 */
export function patchRuns(current: readonly RunRecord[], changedIds: readonly string[], fetched: readonly RunRecord[]): RunRecord[] | null {
  const known = new Set(current.map((r) => r.id));
  const byId = new Map(fetched.map((r) => [r.id, r]));
  for (const id of byId.keys()) if (!known.has(id)) return null;
  const gone = new Set(changedIds.filter((id) => !byId.has(id)));
  const out: RunRecord[] = [];
  for (const r of current) {
    if (gone.has(r.id)) continue;
    out.push(byId.get(r.id) ?? r);
  }
  return out;
}

/**
 * Reads only `columns` for every run of the query (runs.searchTableValues, no order asked: the
 * rows are ordered already), every page. Null when `stillWanted` says the view moved on.
 */
export async function fetchColumnValues(api: Client, q: QueryParts, columns: readonly string[], stillWanted: () => boolean): Promise<RunsTableValues[] | null> {
  const base = searchInput(q);
  const pages: RunsTableValues[] = [];
  let pageToken: string | undefined;
  do {
    const input = { experimentIds: base.experimentIds, viewType: base.viewType, maxResults: VALUES_PAGE_SIZE, columns: [...columns], ...(base.filter ? { filter: base.filter } : {}), ...(pageToken ? { pageToken } : {}) };
    const page = await api.call('runs.searchTableValues', input);
    if (!stillWanted()) return null;
    pages.push(page);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return pages;
}
