import type { RunStatus } from '../../shared/domain/tracking';
import type { Client } from '../api/client';
import type { RunRecord } from '../components/runs-table/run-values';
import { isClientSort, sortToOrderBy, type Sort } from '../components/runs-table/sorting';
import { ALL_RUNS } from './runs-refresh';
import { shouldShowPage } from './runs-load-pacing';
import { recordsFromPage } from './runs-table-rows';
import type { RunsTableValues } from '../../shared/ipc/runs-table-types';
import { fetchAllPages, fetchColumnValues, MAX_PATCH_IDS, patchRuns, searchInput, type QueryParts } from './runs-query';
import type { Lifecycle } from './runs-view-prefs';

/** The part of the view state that decides which runs are read, and where they go. */
export interface LoadTarget {
  runs: RunRecord[];
  status: 'loading' | 'more' | 'idle' | 'error';
  /** The param/metric/tag columns whose values the rows need (null: every column). */
  wantedColumns: readonly string[] | null;
  appliedFilter: string;
  statusFilter: RunStatus | null;
  lifecycle: Lifecycle;
  sort: Sort | null;
}

export interface LoadResult {
  runs: RunRecord[];
  status: LoadTarget['status'];
  error: string | null;
  /** True once the list is complete (after the last page). */
  complete: boolean;
  /** The sort the server read `runs` in; absent when they are the list already shown (or part of it). */
  order?: Sort | null;
  /** The columns whose values `runs` carry (null: every column); absent when unchanged. */
  columns?: readonly string[] | null;
}

const SAFE_ID = /^[\w-]+$/;

/** Sorts under which a changed run keeps its place, so it can be patched in where it is. */
const patchable = (sort: Sort | null) => !sort || sort.columnId === 'attributes.start_time' || sort.columnId === 'attributes.run_id' || isClientSort(sort);

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Reads the runs of one experiment for the view. Full loads are progressive (the first page is
 * shown as it arrives, then more each time the runs read have doubled: see runs-load-pacing.ts)
 * or, for background refreshes, swapped in whole at the end so rows do not shrink and grow.
 * A newer load supersedes an older one. Changed runs are patched in place when their position
 * cannot have moved.
 */
export function createRunsLoader(api: Client, experimentId: string, get: () => LoadTarget, apply: (r: LoadResult) => void) {
  let generation = 0;
  let inflight: Promise<void> = Promise.resolve();

  const query = (): QueryParts => {
    const s = get();
    return { experimentId, filterText: s.appliedFilter, statusFilter: s.statusFilter, lifecycle: s.lifecycle, orderBy: sortToOrderBy(s.sort) ?? [], columns: s.wantedColumns };
  };

  function load(progressive: boolean): Promise<void> {
    const gen = ++generation;
    if (progressive) apply({ runs: get().runs, status: 'loading', error: null, complete: false });
    const order = get().sort;
    const q = query();
    let shown = 0;
    const p = fetchAllPages(api, searchInput(q), (runs, done) => {
      if (gen !== generation) return false;
      if ((progressive && shouldShowPage(shown, runs.length, done)) || done) {
        shown = runs.length;
        apply({ runs: runs.slice(), status: done ? 'idle' : 'more', error: null, complete: done, order, columns: q.columns });
      }
      return true;
    }).catch((e: unknown) => {
      if (gen === generation) apply({ runs: get().runs, status: 'error', error: message(e), complete: false });
    });
    inflight = p;
    return p;
  }

  async function refresh(ids: readonly string[]): Promise<void> {
    await inflight;
    const s = get();
    const canPatch = s.status === 'idle' && patchable(s.sort) && !ids.includes(ALL_RUNS) && ids.length > 0 && ids.length <= MAX_PATCH_IDS && ids.every((id) => SAFE_ID.test(id));
    if (!canPatch) return load(false);
    const gen = generation;
    try {
      const page = await api.call('runs.searchTable', searchInput(query(), ids));
      if (gen !== generation) return;
      const next = patchRuns(get().runs, ids, recordsFromPage(page));
      if (!next) return load(false);
      apply({ runs: next, status: 'idle', error: null, complete: true });
    } catch (e) {
      if (gen === generation) apply({ runs: get().runs, status: 'error', error: message(e), complete: false });
    }
  }

  /**
   * Reads only `columns` of the query's runs and hands them to `merge` (the rows shown lack
   * them). Resolves true once merged, false when a newer full load superseded it or it failed
   * (the failure is applied as the view's error). A refresh waits for it, so a re-read run is
   * never overwritten by older values.
   */
  function fill(columns: readonly string[], merge: (pages: RunsTableValues[]) => void): Promise<boolean> {
    const gen = generation;
    const p = fetchColumnValues(api, query(), columns, () => gen === generation).then(
      (pages) => {
        if (!pages || gen !== generation) return false;
        merge(pages);
        return true;
      },
      (e: unknown) => {
        if (gen === generation) apply({ runs: get().runs, status: 'error', error: message(e), complete: false });
        return false;
      },
    );
    inflight = Promise.all([inflight, p]).then(() => undefined);
    return p;
  }

  return { load, refresh, fill, settled: () => inflight };
}

export type RunsLoader = ReturnType<typeof createRunsLoader>;
