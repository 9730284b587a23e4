import type { Run, RunStatus } from '../../shared/domain/tracking';
import type { Client } from '../api/client';
import { indexRun } from '../components/runs-table/run-values';
import { isClientSort, sortToOrderBy, type Sort } from '../components/runs-table/sorting';
import { ALL_RUNS } from './runs-refresh';
import { shouldShowPage } from './runs-load-pacing';
import { fetchAllPages, MAX_PATCH_IDS, patchRuns, searchInput, type QueryParts } from './runs-query';
import type { Lifecycle } from './runs-view-prefs';

/** The part of the view state that decides which runs are read, and where they go. */
export interface LoadTarget {
  runs: Run[];
  status: 'loading' | 'more' | 'idle' | 'error';
  appliedFilter: string;
  statusFilter: RunStatus | null;
  lifecycle: Lifecycle;
  sort: Sort | null;
}

export interface LoadResult {
  runs: Run[];
  status: LoadTarget['status'];
  error: string | null;
  /** True once the list is complete (after the last page). */
  complete: boolean;
  /** The sort the server read `runs` in; absent when they are the list already shown (or part of it). */
  order?: Sort | null;
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
    return { experimentId, filterText: s.appliedFilter, statusFilter: s.statusFilter, lifecycle: s.lifecycle, orderBy: sortToOrderBy(s.sort) ?? [] };
  };

  function load(progressive: boolean): Promise<void> {
    const gen = ++generation;
    if (progressive) apply({ runs: get().runs, status: 'loading', error: null, complete: false });
    const order = get().sort;
    let shown = 0;
    let indexed = 0;
    const p = fetchAllPages(api, searchInput(query()), (runs, done) => {
      if (gen !== generation) return false;
      // each page's runs are flattened for the table as they arrive, so a showing only looks them up
      for (; indexed < runs.length; indexed++) indexRun(runs[indexed]!);
      if ((progressive && shouldShowPage(shown, runs.length, done)) || done) {
        shown = runs.length;
        apply({ runs: runs.slice(), status: done ? 'idle' : 'more', error: null, complete: done, order });
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
      const page = await api.call('runs.search', searchInput(query(), ids));
      if (gen !== generation) return;
      const next = patchRuns(get().runs, ids, page.runs);
      if (!next) return load(false);
      apply({ runs: next, status: 'idle', error: null, complete: true });
    } catch (e) {
      if (gen === generation) apply({ runs: get().runs, status: 'error', error: message(e), complete: false });
    }
  }

  return { load, refresh, settled: () => inflight };
}

export type RunsLoader = ReturnType<typeof createRunsLoader>;
