import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Run } from '../../shared/domain/tracking';
import type { VersionDetails } from '../../shared/ipc/contract-types';
import type { Client } from '../api/client';
import { coalesce } from './run-coalesce';

/** One compared version: its details and source run (null when it has none or it cannot be read). */
export interface CompareColumn {
  version: string;
  details: VersionDetails | null;
  run: Run | null;
  error: string | null;
}

export interface CompareVersionsState {
  columns: CompareColumn[];
  status: 'loading' | 'ready';
  refresh(): Promise<void>;
  /** Loads and re-reads when the model or one of the source runs changes; returns the unsubscribe. */
  watch(): () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function readColumn(api: Client, name: string, version: string): Promise<CompareColumn> {
  try {
    const details = await api.call('versions.get', { name, version });
    const runId = details.version.run_id;
    const run = runId ? await api.call('runs.get', { runId }).catch(() => null) : null;
    return { version, details, run, error: null };
  } catch (e) {
    return { version, details: null, run: null, error: message(e) };
  }
}

/** Versions of one model side by side, in the order given, with their source runs. */
export function createCompareVersionsStore(api: Client, name: string, versions: readonly string[]) {
  const store = createStore<CompareVersionsState>()((set, get) => {
    const refresh = coalesce(async () => {
      const columns = await Promise.all(versions.map((v) => readColumn(api, name, v)));
      set({ columns, status: 'ready' });
    });
    return {
      columns: versions.map((version) => ({ version, details: null, run: null, error: null })),
      status: 'loading',
      refresh,
      watch() {
        void refresh();
        const offRegistry = api.on('registry.changed', ({ names }) => {
          if (names.includes(name)) void refresh();
        });
        const offRuns = api.on('runs.changed', ({ runIds }) => {
          if (get().columns.some((c) => c.run && runIds.includes(c.run.info.run_id))) void refresh();
        });
        return () => {
          offRegistry();
          offRuns();
        };
      },
    };
  });
  return store;
}

export type CompareVersionsStore = ReturnType<typeof createCompareVersionsStore>;
export const useCompareVersions = <T,>(store: CompareVersionsStore, pick: (s: CompareVersionsState) => T) => useStore(store, pick);
