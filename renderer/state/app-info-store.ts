import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppInfo } from '../../shared/ipc/contract-types';
import type { Client } from '../api/client';

export interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
  refresh(): Promise<void>;
}

/** The status bar's facts (tracking URI, store path and size), refreshed as data changes. */
export function createAppInfoStore(api: Client) {
  const store = createStore<AppInfoState>()((set) => ({
    info: null,
    error: null,
    async refresh() {
      try {
        set({ info: await api.call('app.info', {}), error: null });
      } catch (e) {
        set({ error: (e as Error).message });
      }
    },
  }));
  api.on('runs.changed', () => void store.getState().refresh());
  return store;
}

export type AppInfoStore = ReturnType<typeof createAppInfoStore>;
export const useAppInfo = <T,>(store: AppInfoStore, pick: (s: AppInfoState) => T) => useStore(store, pick);
