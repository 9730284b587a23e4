import { RUN_STATUSES, type RunStatus } from '../../shared/domain/tracking';
import type { Sort, SortMemory } from '../components/runs-table/sorting';

export type Lifecycle = 'active' | 'deleted' | 'all';

/** The view choices kept per experiment across restarts. */
export interface RunsViewPrefs {
  /** Picked column ids in order; null means the defaults derived from the data. */
  columns: string[] | null;
  sort: Sort | null;
  filterText: string;
  statusFilter: RunStatus | null;
  lifecycle: Lifecycle;
  groupBy: string | null;
  pinned: string[];
  hidden: string[];
  onlyPinned: boolean;
  showHidden: boolean;
  /** Every run its own row, nested runs not folded under their parent. */
  flat: boolean;
  /** The direction each column was last sorted in, for a first click on a column whose name does not say. */
  sortMemory: SortMemory;
}

export type PrefsStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const DEFAULT_PREFS: RunsViewPrefs = {
  columns: null,
  sort: null,
  filterText: '',
  statusFilter: null,
  lifecycle: 'active',
  groupBy: null,
  pinned: [],
  hidden: [],
  onlyPinned: false,
  showHidden: false,
  flat: false,
  sortMemory: {},
};

export const prefsKey = (experimentId: string) => `sextant.runsView.v1.${experimentId}`;

const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : null);

function sortOf(v: unknown): Sort | null {
  if (!v || typeof v !== 'object') return null;
  const s = v as Record<string, unknown>;
  return typeof s.columnId === 'string' && typeof s.desc === 'boolean' ? { columnId: s.columnId, desc: s.desc } : null;
}

function sortMemoryOf(v: unknown): SortMemory {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
}

/** Reads the saved view, field by field: anything missing or malformed falls back to the default. */
export function readPrefs(storage: PrefsStorage | null, experimentId: string): RunsViewPrefs {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(prefsKey(experimentId)) ?? 'null');
  } catch {
    raw = null;
  }
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_PREFS };
  const p = raw as Record<string, unknown>;
  const status = RUN_STATUSES.find((s) => s === p.statusFilter) ?? null;
  const lifecycle = (['active', 'deleted', 'all'] as const).find((l) => l === p.lifecycle) ?? 'active';
  return {
    columns: strings(p.columns),
    sort: sortOf(p.sort),
    filterText: typeof p.filterText === 'string' ? p.filterText : '',
    statusFilter: status,
    lifecycle,
    groupBy: typeof p.groupBy === 'string' ? p.groupBy : null,
    pinned: strings(p.pinned) ?? [],
    hidden: strings(p.hidden) ?? [],
    onlyPinned: p.onlyPinned === true,
    showHidden: p.showHidden === true,
    flat: p.flat === true,
    sortMemory: sortMemoryOf(p.sortMemory),
  };
}

export function writePrefs(storage: PrefsStorage | null, experimentId: string, prefs: RunsViewPrefs): void {
  try {
    storage?.setItem(prefsKey(experimentId), JSON.stringify(prefs));
  } catch {
    // storage full or disabled: the view still works, it just is not remembered
  }
}

/** The page's localStorage, when there is one (not in Node tests or a locked-down profile). */
export function defaultStorage(): PrefsStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
