import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { FileInfo } from '../../shared/domain/tracking';
import type { Client } from '../api/client';
import { coalesce } from './run-coalesce';

/** The root folder of a run's artifacts. */
export const ROOT = '';

export interface ArtifactTreeState {
  /** Folder path → its entries (folders first, then by name); only folders listed so far. */
  entries: Record<string, FileInfo[]>;
  expanded: Record<string, boolean>;
  loading: Record<string, boolean>;
  errors: Record<string, string>;
  /** Lists a folder (again). */
  list(dir: string): Promise<void>;
  /** Opens or closes a folder, listing it the first time it opens. */
  toggle(dir: string): Promise<void>;
  /** Re-lists every folder listed so far (artifacts appear while a run is logging). */
  refresh(): Promise<void>;
  /** Lists the root and re-lists on `runs.changed` for this run; returns the unsubscribe. */
  watch(): () => void;
}

const byFolderThenName = (a: FileInfo, b: FileInfo) => Number(b.is_dir) - Number(a.is_dir) || a.path.localeCompare(b.path);
const without = <T,>(rec: Record<string, T>, key: string): Record<string, T> => Object.fromEntries(Object.entries(rec).filter(([k]) => k !== key));

/** A run's artifact tree, listed lazily: a folder is read when it is first expanded. */
export function createArtifactTreeStore(api: Client, runId: string) {
  const store = createStore<ArtifactTreeState>()((set, get) => {
    async function list(dir: string) {
      set((s) => ({ loading: { ...s.loading, [dir]: true } }));
      try {
        const files = await api.call('artifacts.list', { runId, ...(dir ? { path: dir } : {}) });
        const sorted = [...files].sort(byFolderThenName);
        const same = JSON.stringify(get().entries[dir]) === JSON.stringify(sorted);
        set((s) => ({ ...(same ? {} : { entries: { ...s.entries, [dir]: sorted } }), loading: without(s.loading, dir), errors: without(s.errors, dir) }));
      } catch (e) {
        set((s) => ({ loading: without(s.loading, dir), errors: { ...s.errors, [dir]: e instanceof Error ? e.message : String(e) } }));
      }
    }

    const refresh = coalesce(async () => {
      await Promise.all([...new Set([ROOT, ...Object.keys(get().entries)])].map((dir) => list(dir)));
    });

    return {
      entries: {},
      expanded: {},
      loading: {},
      errors: {},
      list,
      refresh,
      async toggle(dir) {
        const open = !get().expanded[dir];
        set((s) => ({ expanded: { ...s.expanded, [dir]: open } }));
        if (open && !get().entries[dir]) await list(dir);
      },
      watch() {
        void list(ROOT);
        return api.on('runs.changed', ({ runIds }) => {
          if (runIds.includes(runId)) void refresh();
        });
      },
    };
  });
  return store;
}

export type ArtifactTreeStore = ReturnType<typeof createArtifactTreeStore>;
export const useArtifactTree = <T,>(store: ArtifactTreeStore, pick: (s: ArtifactTreeState) => T) => useStore(store, pick);
