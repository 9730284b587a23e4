import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RunStatus } from '../../shared/domain/tracking';
import { parseRunsFilter, type SearchError } from '../../shared/search';
import type { Client } from '../api/client';
import type { RunRecord } from '../components/runs-table/run-values';
import { nextSort, rememberSort, type Sort, type SortMemory } from '../components/runs-table/sorting';
import { parentRunIds } from './runs-parents';
import { createRunActions, type RunActions } from './runs-actions';
import { createRefreshScheduler } from './runs-refresh';
import { keepKnown, selectRange, toggleOne } from './runs-selection';
import { reorderLikeServer } from './runs-reorder';
import { mergeColumnValues } from './runs-column-merge';
import { missingColumns, wantedColumns } from './runs-wanted-columns';
import { createRunsLoader, type LoadResult } from './runs-view-loader';
import { defaultStorage, readPrefs, writePrefs, type Lifecycle, type PrefsStorage, type RunsViewPrefs } from './runs-view-prefs';

export interface RunsViewState extends RunActions {
  experimentId: string;
  /** Every run of the experiment the query matches, in server order, as the table's rows. */
  runs: RunRecord[];
  /** The param/metric/tag columns whose values `runs` carry (null: every column). */
  loadedColumns: readonly string[] | null;
  /**
   * The sort the server read `runs` in. A sort chosen once every run is read is done in the app
   * (the table orders them as the store would), so it can differ from `sort`.
   */
  runsOrder: Sort | null;
  /**
   * The sort the rows are drawn in: `sort` once applied. A sort chosen once every run was read
   * is applied in steps (setSort): the header shows it at once, the rows follow.
   */
  rowsSort: Sort | null;
  /** `runs` put in the order of a sort the app applied (null: none, or for other runs). */
  ordered: { of: readonly RunRecord[]; sort: Sort | null; runs: readonly RunRecord[] } | null;
  /** `loading`: nothing of this query yet; `more`: first pages shown, the rest coming. */
  status: 'loading' | 'more' | 'idle' | 'error';
  error: string | null;
  /** As typed; `filterError` says where it is wrong, `appliedFilter` is the last valid one. */
  filterText: string;
  filterError: SearchError | null;
  appliedFilter: string;
  statusFilter: RunStatus | null;
  lifecycle: Lifecycle;
  sort: Sort | null;
  columns: string[] | null;
  groupBy: string | null;
  onlyPinned: boolean;
  showHidden: boolean;
  pinned: ReadonlySet<string>;
  hidden: ReadonlySet<string>;
  selected: ReadonlySet<string>;
  anchor: string | null;
  /** Parent runs whose nested runs are shown. */
  expanded: ReadonlySet<string>;
  collapsedGroups: ReadonlySet<string>;
  /** Every run its own row, no nesting (kept per experiment). */
  flat: boolean;
  /** The direction each column was last sorted in (kept per experiment). */
  sortMemory: SortMemory;

  /** Subscribes to run changes and loads; returns the way to stop. */
  connect(): () => void;
  reload(): Promise<void>;
  setFilterText(text: string): void;
  /** Applies the typed filter now (Enter) instead of after the typing pause. */
  applyFilter(): void;
  setStatusFilter(status: RunStatus | null): void;
  setLifecycle(lifecycle: Lifecycle): void;
  setSort(sort: Sort | null): void;
  /** A click on a column header: the next sort of that column. */
  cycleSort(columnId: string): void;
  setColumns(ids: string[] | null): void;
  setGroupBy(columnId: string | null): void;
  setOnlyPinned(on: boolean): void;
  setShowHidden(on: boolean): void;
  setPinned(ids: readonly string[], pinned: boolean): void;
  setHidden(ids: readonly string[], hidden: boolean): void;
  /** A checkbox click; with `range`, everything from the last click to this run in `shownIds`. */
  toggleSelected(id: string, range?: { shownIds: readonly string[] }): void;
  setSelected(ids: readonly string[]): void;
  clearSelection(): void;
  toggleExpanded(runId: string): void;
  /** Exactly these parents expanded (a view from a link). */
  setExpanded(runIds: readonly string[]): void;
  /** Every loaded run that has nested runs expanded. */
  expandAll(): void;
  collapseAll(): void;
  setFlat(on: boolean): void;
  toggleGroup(groupKey: string): void;
  /** Re-reads the given runs (or all, with ALL_RUNS) now. */
  refreshRuns(ids: readonly string[]): Promise<void>;
}

export interface RunsViewOptions {
  storage?: PrefsStorage | null;
  /** Pause after a run change before re-reading. */
  refreshDelayMs?: number;
  /** Typing pause before a valid filter is applied. */
  filterDelayMs?: number;
  /** A view to open with (from a link), over the saved one: what it names wins. */
  initial?: Partial<RunsViewPrefs> & { selected?: readonly string[]; expanded?: readonly string[] };
}

const checkFilter = (text: string) => {
  const parsed = parseRunsFilter(text);
  return parsed.ok ? null : parsed.error;
};

const toggled = (set: ReadonlySet<string>, id: string) => toggleOne(set, id);
const withIds = (set: ReadonlySet<string>, ids: readonly string[], on: boolean) => {
  const next = new Set(set);
  for (const id of ids) if (on) next.add(id); else next.delete(id);
  return next;
};

/** The experiment page's runs and every choice about how they are shown. */
export function createRunsViewStore(api: Client, experimentId: string, options: RunsViewOptions = {}) {
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const { selected: initialSelected, expanded: initialExpanded, ...initialView } = options.initial ?? {};
  const prefs = { ...readPrefs(storage, experimentId), ...initialView };
  const filterError = checkFilter(prefs.filterText);
  let filterTimer: ReturnType<typeof setTimeout> | null = null;
  /** Counts sorts, so a sort being applied in steps (setSort) knows when a newer one came. */
  let sortSeq = 0;

  const store = createStore<RunsViewState>()((set, get) => {
    const applyLoad = (r: LoadResult) =>
      set((s) => ({
        runs: r.runs,
        status: r.status,
        error: r.error,
        ...(r.order !== undefined ? { runsOrder: r.order } : {}),
        ...(r.columns !== undefined ? { loadedColumns: r.columns } : {}),
        ...(r.complete ? { selected: keepKnown(s.selected, new Set(r.runs.map((x) => x.id))) } : {}),
      }));
    const loader = createRunsLoader(api, experimentId, () => ({ ...get(), wantedColumns: wantedColumns(get()) }), applyLoad);
    const requery = (patch: Partial<RunsViewState>) => {
      sortSeq++; // a sort being applied in steps gives way to the new query
      set({ ...patch, rowsSort: patch.sort !== undefined ? patch.sort : get().sort });
      void loader.load(true);
    };
    /** Columns being read for the rows shown, each once: what a sort or grouping waits for. */
    const filling = new Map<string, Promise<boolean>>();
    /**
     * Reads the `missing` columns' values only and merges them into the rows by run id; true
     * once they are in. A column already being read is waited for, not read twice.
     */
    const fillColumns = (missing: readonly string[]): Promise<boolean> => {
      const fresh = missing.filter((id) => !filling.has(id));
      if (fresh.length) {
        const p = loader.fill(fresh, (pages) =>
          set((s) => ({ runs: mergeColumnValues(s.runs, pages, fresh), loadedColumns: s.loadedColumns === null ? null : [...s.loadedColumns, ...fresh] })),
        );
        for (const id of fresh) filling.set(id, p);
        void p.finally(() => {
          for (const id of fresh) if (filling.get(id) === p) filling.delete(id);
        });
      }
      return Promise.all(missing.map((id) => filling.get(id) ?? Promise.resolve(true))).then((oks) => oks.every(Boolean));
    };
    /**
     * After a change of what is shown: gets the values a column, sort or grouping needs that
     * the rows lack. While those are missing their cells show a placeholder (pendingColumns).
     */
    const needColumns = (patch: Partial<RunsViewState>) => {
      set(patch);
      const missing = missingColumns(get().loadedColumns, wantedColumns(get()));
      if (missing !== null && missing.length === 0) return;
      // while pages still come, the next ones must carry it too: start over, shown as it comes;
      // every column wanted again: only a full read lists them
      if (missing === null || get().status !== 'idle') return void loader.load(true);
      void fillColumns(missing);
    };
    /**
     * Applies a sort to the rows in the app, as the store would order them (50,000 runs are not
     * read again), in two more tasks, neither long: put in order on typed-array keys, then drawn
     * (the table takes them as they are).
     */
    const orderHere = (seq: number, sort: Sort | null) => {
      const runs = get().runs;
      setTimeout(() => {
        if (seq !== sortSeq) return;
        const ordered = get().runs === runs ? reorderLikeServer(runs, sort, Date.now()) : null;
        setTimeout(() => {
          if (seq !== sortSeq) return;
          set(ordered && get().runs === runs ? { ordered: { of: runs, sort, runs: ordered }, rowsSort: sort } : { rowsSort: sort });
        }, 0);
      }, 0);
    };
    return {
      experimentId,
      runs: [],
      loadedColumns: null,
      runsOrder: prefs.sort,
      rowsSort: prefs.sort,
      ordered: null,
      status: 'loading',
      error: null,
      filterText: prefs.filterText,
      filterError,
      appliedFilter: filterError ? '' : prefs.filterText,
      statusFilter: prefs.statusFilter,
      lifecycle: prefs.lifecycle,
      sort: prefs.sort,
      columns: prefs.columns,
      groupBy: prefs.groupBy,
      onlyPinned: prefs.onlyPinned,
      showHidden: prefs.showHidden,
      pinned: new Set(prefs.pinned),
      hidden: new Set(prefs.hidden),
      selected: new Set(initialSelected ?? []),
      anchor: null,
      expanded: new Set(initialExpanded ?? []),
      collapsedGroups: new Set(),
      flat: prefs.flat,
      sortMemory: prefs.sortMemory,
      ...createRunActions(api, set, (ids) => loader.refresh(ids)),

      connect() {
        const scheduler = createRefreshScheduler(options.refreshDelayMs ?? 400, (ids) => loader.refresh(ids));
        const off = api.on('runs.changed', (p) => {
          if (p.experimentIds.includes(experimentId)) scheduler.notify(p.runIds);
        });
        void loader.load(true);
        return () => {
          off();
          scheduler.dispose();
          if (filterTimer) clearTimeout(filterTimer);
        };
      },
      reload: () => loader.load(true),
      setFilterText(text) {
        const error = checkFilter(text);
        set({ filterText: text, filterError: error });
        if (filterTimer) clearTimeout(filterTimer);
        if (!error && text.trim() !== get().appliedFilter.trim()) filterTimer = setTimeout(() => get().applyFilter(), options.filterDelayMs ?? 350);
      },
      applyFilter() {
        if (filterTimer) clearTimeout(filterTimer);
        filterTimer = null;
        const { filterText, filterError: err, appliedFilter } = get();
        if (!err && filterText.trim() !== appliedFilter.trim()) requery({ appliedFilter: filterText.trim() });
      },
      setStatusFilter: (statusFilter) => requery({ statusFilter }),
      setLifecycle: (lifecycle) => requery({ lifecycle, selected: new Set() }),
      setSort(sort) {
        const seq = ++sortSeq;
        const patch = { sort, sortMemory: rememberSort(get().sortMemory, get().sort, sort) };
        // while pages are still coming, the server sorts; once every run of the query is here,
        // the app orders them itself: the header shows the sort at once, the rows follow (after
        // the sort column's values are read, when the rows lack them)
        const missing = missingColumns(get().loadedColumns, wantedColumns({ ...get(), sort }));
        if (get().status !== 'idle' || missing === null) return requery(patch);
        set(patch);
        if (missing.length === 0) return orderHere(seq, sort);
        void fillColumns(missing).then((ok) => {
          if (seq !== sortSeq) return;
          if (ok) orderHere(seq, sort);
          else set((s) => ({ sort: s.rowsSort })); // not read (the error is shown): the header goes back to the rows' order
        });
      },
      cycleSort: (columnId) => get().setSort(nextSort(get().sort, columnId, get().sortMemory)),
      setColumns: (columns) => needColumns({ columns }),
      setGroupBy: (groupBy) => needColumns({ groupBy, collapsedGroups: new Set() }),
      setOnlyPinned: (onlyPinned) => set({ onlyPinned }),
      setShowHidden: (showHidden) => set({ showHidden }),
      setPinned: (ids, on) => set((s) => ({ pinned: withIds(s.pinned, ids, on) })),
      setHidden: (ids, on) => set((s) => ({ hidden: withIds(s.hidden, ids, on), selected: on ? withIds(s.selected, ids, false) : s.selected })),
      toggleSelected(id, range) {
        set((s) => ({ selected: range ? selectRange(s.selected, range.shownIds, s.anchor, id) : toggleOne(s.selected, id), anchor: id }));
      },
      setSelected: (ids) => set({ selected: new Set(ids) }),
      clearSelection: () => set({ selected: new Set(), anchor: null }),
      toggleExpanded: (runId) => set((s) => ({ expanded: toggled(s.expanded, runId) })),
      setExpanded: (runIds) => set({ expanded: new Set(runIds) }),
      expandAll: () => set((s) => ({ expanded: parentRunIds(s.runs) })),
      collapseAll: () => set({ expanded: new Set() }),
      setFlat: (flat) => set({ flat }),
      toggleGroup: (key) => set((s) => ({ collapsedGroups: toggled(s.collapsedGroups, key) })),
      refreshRuns: (ids) => loader.refresh(ids),
    };
  });

  const prefsOf = (s: RunsViewState): RunsViewPrefs => ({
    columns: s.columns, sort: s.sort, filterText: s.filterText, statusFilter: s.statusFilter, lifecycle: s.lifecycle,
    groupBy: s.groupBy, pinned: [...s.pinned], hidden: [...s.hidden], onlyPinned: s.onlyPinned, showHidden: s.showHidden,
    flat: s.flat, sortMemory: s.sortMemory,
  });
  const PERSISTED = ['columns', 'sort', 'filterText', 'statusFilter', 'lifecycle', 'groupBy', 'pinned', 'hidden', 'onlyPinned', 'showHidden', 'flat', 'sortMemory'] as const;
  store.subscribe((s, prev) => {
    if (PERSISTED.some((k) => s[k] !== prev[k])) writePrefs(storage, experimentId, prefsOf(s));
  });
  return store;
}

export type RunsViewStore = ReturnType<typeof createRunsViewStore>;
export const useRunsView = <T,>(store: RunsViewStore, pick: (s: RunsViewState) => T) => useStore(store, pick);
